import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  displayNameProblem,
  ForbiddenError,
  normalizeDisplayName,
  normalizeEmail,
  NotFoundError,
  ValidationError,
} from '@hocvuso/domain';
import type { MeResponse } from '@hocvuso/contracts';
import {
  appendAudit,
  identityLinkAcrs,
  insertIdentityLink,
  insertLearnerAccount,
  insertLoginState,
  insertPendingLink,
  liveAccountIdByEmail,
  lockLinkedAccount,
  type Queryable,
  recordLinkedSignIn,
  setIdentityAssurance,
  spendLoginState,
  spendPendingLink,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig, type OidcProviderConfig } from '../../config/api.config';
import { AuthService } from '../auth/auth.service';
import { SessionService } from '../auth/session.service';
import { sha256 } from '../auth/tokens';
import { OidcClientService, type ProviderIdentity } from './oidc-client.service';

/** How long a sign-in may stay at the provider. */
export const LOGIN_STATE_MINUTES = 10;
/** How long a matched account has to prove ownership (password sign-in, then confirm). */
export const PENDING_LINK_MINUTES = 15;
/** A provider account without a name gets this one until the person changes it. */
const DEFAULT_NAME = 'Người học';

export type CallbackOutcome =
  | { kind: 'signed-in'; userId: string; returnTo: string; created: boolean }
  | { kind: 'link-required'; pendingLinkId: string; returnTo: string };

const stateInvalid = () =>
  new ValidationError(
    'OIDC_STATE_INVALID',
    'This sign-in link is not valid any more (used, expired or from another browser). Start again.',
  );

/**
 * Sign-in through an OpenID Provider. Accounts are linked by the provider's subject, never by e-mail alone:
 * a verified e-mail that matches an existing account creates a pending link the account owner must confirm
 * after signing in with their password. The assurance of each sign-in (acr, amr, auth_time) is stored on the
 * link, and the account counts as identity-verified while a link's acr is one the provider lists as verified.
 */
@Injectable()
export class OidcService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(OidcClientService) private readonly client: OidcClientService,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(SessionService) private readonly sessions: SessionService,
  ) {}

  providers() {
    return this.client
      .providers()
      .map((p) => ({ id: p.id, name: p.name, startUrl: `/api/auth/oidc/${p.id}/start` }));
  }

  /** Starts a sign-in: the state, nonce and PKCE verifier are kept server side; returns the provider URL and the state for the browser cookie. */
  async start(providerId: string, returnTo: string | undefined): Promise<{ url: string; state: string }> {
    const provider = this.client.provider(providerId);
    const checks = this.client.randomChecks();
    const url = await this.client.authorizationUrl(provider, checks);
    await insertLoginState(this.db, {
      stateHash: sha256(checks.state),
      provider: provider.id,
      nonce: checks.nonce,
      codeVerifier: checks.codeVerifier,
      returnTo: safeReturnTo(returnTo),
      validMinutes: LOGIN_STATE_MINUTES,
    });
    return { url, state: checks.state };
  }

  /**
   * The provider sent the browser back. The state must be the one this browser started with (its cookie), not
   * used and not expired; it is spent before anything else, so a replayed callback is refused.
   */
  async callback(
    providerId: string,
    query: Record<string, string | undefined>,
    rawQuery: string,
    browserState: string | undefined,
  ): Promise<CallbackOutcome> {
    const provider = this.client.provider(providerId);
    const state = query.state;
    if (!state || !browserState || state !== browserState) throw stateInvalid();
    const flight = await spendLoginState(this.db, sha256(state), provider.id);
    if (!flight) throw stateInvalid();
    if (query.error) {
      throw new ValidationError('OIDC_SIGN_IN_FAILED', 'The sign-in at the provider did not complete.', {
        error: query.error.slice(0, 100),
      });
    }
    const identity = await this.client.exchange(provider, rawQuery, {
      state,
      nonce: flight.nonce,
      codeVerifier: flight.code_verifier,
    });
    return this.resolveAccount(provider, identity, flight.return_to);
  }

  private async resolveAccount(
    provider: OidcProviderConfig,
    identity: ProviderIdentity,
    returnTo: string,
  ): Promise<CallbackOutcome> {
    return this.db.transaction(async (tx) => {
      const linked = await lockLinkedAccount(tx, provider.id, identity.subject);
      if (linked) {
        await recordLinkedSignIn(tx, provider.id, identity.subject, identity);
        await this.refreshAssurance(tx, linked.user_id);
        return { kind: 'signed-in' as const, userId: linked.user_id, returnTo, created: false };
      }
      const email = identity.email && identity.emailVerified ? safeEmail(identity.email) : null;
      if (email) {
        const ownerId = await liveAccountIdByEmail(tx, email);
        if (ownerId) {
          const pendingLinkId = await insertPendingLink(tx, {
            provider: provider.id,
            subject: identity.subject,
            userId: ownerId,
            acr: identity.acr,
            amr: identity.amr,
            authTime: identity.authTime,
            validMinutes: PENDING_LINK_MINUTES,
          });
          return { kind: 'link-required' as const, pendingLinkId, returnTo };
        }
      }
      // A provider's name goes through the one display-name rule; one it refuses (escapes, overrides) is not used.
      const name = displayNameProblem(identity.name ?? '')
        ? DEFAULT_NAME
        : normalizeDisplayName(identity.name ?? '');
      const userId = await insertLearnerAccount(tx, { displayName: name, email });
      if (!userId)
        throw new ConflictError(
          'OIDC_SIGN_IN_CONFLICT',
          'This sign-in is being completed in another window. Try again.',
        );
      const linkedNow = await insertIdentityLink(tx, {
        provider: provider.id,
        subject: identity.subject,
        userId,
        acr: identity.acr,
        amr: identity.amr,
        authTime: identity.authTime,
      });
      if (!linkedNow)
        throw new ConflictError(
          'OIDC_SIGN_IN_CONFLICT',
          'This sign-in is being completed in another window. Try again.',
        );
      await this.refreshAssurance(tx, userId);
      await appendAudit(tx, {
        actor: userId,
        action: 'account.create_oidc',
        subjectType: 'user',
        subjectId: userId,
        after: { provider: provider.id, acr: identity.acr },
      });
      return { kind: 'signed-in' as const, userId, returnTo, created: true };
    });
  }

  /**
   * Confirms a pending link: the caller must be the matched account, signed in with its password within the
   * last fifteen minutes, in the browser that came back from the provider (the link cookie).
   */
  async confirmLink(
    user: AuthUser,
    pendingLinkId: string,
    browserLinkId: string | undefined,
  ): Promise<MeResponse> {
    if (!browserLinkId || browserLinkId !== pendingLinkId) throw linkNotFound();
    const fresh = await this.sessions.freshness(user.sessionId, PENDING_LINK_MINUTES);
    if (fresh.method !== 'password' || !fresh.recent) {
      throw new ForbiddenError(
        'REAUTHENTICATION_REQUIRED',
        'Sign in with your password first, then confirm the link.',
      );
    }
    await this.db.transaction(async (tx) => {
      const pending = await spendPendingLink(tx, pendingLinkId, user.id);
      if (!pending) throw linkNotFound();
      const linked = await insertIdentityLink(tx, {
        provider: pending.provider,
        subject: pending.subject,
        userId: user.id,
        acr: pending.acr,
        amr: pending.amr,
        authTime: pending.auth_time,
      });
      if (!linked) {
        throw new ConflictError(
          'OIDC_ALREADY_LINKED',
          'This provider account, or another account of this provider, is already linked.',
        );
      }
      await this.refreshAssurance(tx, user.id);
      await appendAudit(tx, {
        actor: user.id,
        action: 'oidc.link',
        subjectType: 'user',
        subjectId: user.id,
        after: { provider: pending.provider, acr: pending.acr },
      });
    });
    return this.auth.me(user.id);
  }

  /** identity_verified follows the assurance of the account's links: verified while one carries a verified acr. */
  private async refreshAssurance(tx: Queryable, userId: string): Promise<void> {
    const links = await identityLinkAcrs(tx, userId);
    const verified = links.find(
      (l) =>
        l.acr !== null &&
        this.config.oidcProviders.find((p) => p.id === l.provider)?.verifiedAcrValues.includes(l.acr),
    );
    await setIdentityAssurance(
      tx,
      userId,
      Boolean(verified),
      verified ? `${verified.provider}:${verified.acr}` : null,
    );
  }
}

const linkNotFound = () =>
  new NotFoundError(
    'OIDC_LINK_NOT_FOUND',
    'There is no such pending link, or it expired. Sign in with the provider again.',
  );

/** Only a path of this site (no scheme, no //host): never an open redirect. */
export function safeReturnTo(value: string | undefined): string {
  if (
    !value ||
    !value.startsWith('/') ||
    value.startsWith('//') ||
    value.startsWith('/\\') ||
    value.length > 500
  )
    return '/';
  return /^[\x21-\x7e]+$/.test(value) ? value : '/';
}

function safeEmail(value: string): string | null {
  try {
    return normalizeEmail(value);
  } catch {
    return null;
  }
}
