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
import { appendAudit, insertLearnerAccount, rowsOf } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig, type OidcProviderConfig } from '../../config/api.config';
import { AuthService } from '../auth/auth.service';
import { SessionService } from '../auth/session.service';
import { sha256 } from '../auth/tokens';
import { OidcClientService, type ProviderIdentity } from './oidc-client.service';

type Db = Pick<DataSource, 'query'>;

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
    await this.db.query(
      `INSERT INTO oidc_login_states (state_hash, provider, nonce, code_verifier, return_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))`,
      [
        sha256(checks.state),
        provider.id,
        checks.nonce,
        checks.codeVerifier,
        safeReturnTo(returnTo),
        LOGIN_STATE_MINUTES,
      ],
    );
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
    const [flight] = rowsOf<{ nonce: string; code_verifier: string; return_to: string }>(
      await this.db.query(
        `UPDATE oidc_login_states SET used_at = now()
          WHERE state_hash = $1 AND provider = $2 AND used_at IS NULL AND expires_at > now()
          RETURNING nonce, code_verifier, return_to`,
        [sha256(state), provider.id],
      ),
    );
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
      const [linked]: Array<{ user_id: string }> = await tx.query(
        `SELECT user_id FROM oidc_identities WHERE provider = $1 AND subject = $2 FOR UPDATE`,
        [provider.id, identity.subject],
      );
      if (linked) {
        await tx.query(
          `UPDATE oidc_identities SET acr = $3, amr = $4, auth_time = $5, last_login_at = now() WHERE provider = $1 AND subject = $2`,
          [provider.id, identity.subject, identity.acr, identity.amr, identity.authTime],
        );
        await this.refreshAssurance(tx, linked.user_id);
        return { kind: 'signed-in' as const, userId: linked.user_id, returnTo, created: false };
      }
      const email = identity.email && identity.emailVerified ? safeEmail(identity.email) : null;
      if (email) {
        const [owner]: Array<{ id: string }> = await tx.query(
          `SELECT id FROM users WHERE email = $1 AND deidentified_at IS NULL`,
          [email],
        );
        if (owner) {
          const [pending]: Array<{ id: string }> = await tx.query(
            `INSERT INTO oidc_pending_links (provider, subject, user_id, acr, amr, auth_time, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7)) RETURNING id`,
            [
              provider.id,
              identity.subject,
              owner.id,
              identity.acr,
              identity.amr,
              identity.authTime,
              PENDING_LINK_MINUTES,
            ],
          );
          return { kind: 'link-required' as const, pendingLinkId: pending!.id, returnTo };
        }
      }
      // A provider's name goes through the one display-name rule; one it refuses (escapes, overrides) is not used.
      const name = displayNameProblem(identity.name ?? '') ? DEFAULT_NAME : normalizeDisplayName(identity.name ?? '');
      const userId = await insertLearnerAccount(tx, { displayName: name, email });
      if (!userId)
        throw new ConflictError(
          'OIDC_SIGN_IN_CONFLICT',
          'This sign-in is being completed in another window. Try again.',
        );
      const inserted = await tx.query(
        `INSERT INTO oidc_identities (provider, subject, user_id, acr, amr, auth_time) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING id`,
        [provider.id, identity.subject, userId, identity.acr, identity.amr, identity.authTime],
      );
      if (inserted.length === 0)
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
      const [pending] = rowsOf<{
        provider: string;
        subject: string;
        acr: string | null;
        amr: string[] | null;
        auth_time: Date | null;
      }>(
        await tx.query(
          `UPDATE oidc_pending_links SET used_at = now()
            WHERE id = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now()
            RETURNING provider, subject, acr, amr, auth_time`,
          [pendingLinkId, user.id],
        ),
      );
      if (!pending) throw linkNotFound();
      const inserted = await tx.query(
        `INSERT INTO oidc_identities (provider, subject, user_id, acr, amr, auth_time) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT DO NOTHING RETURNING id`,
        [pending.provider, pending.subject, user.id, pending.acr, pending.amr, pending.auth_time],
      );
      if (inserted.length === 0) {
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
  private async refreshAssurance(tx: Db, userId: string): Promise<void> {
    const links: Array<{ provider: string; acr: string | null }> = await tx.query(
      `SELECT provider, acr FROM oidc_identities WHERE user_id = $1 ORDER BY last_login_at DESC`,
      [userId],
    );
    const verified = links.find(
      (l) =>
        l.acr !== null &&
        this.config.oidcProviders.find((p) => p.id === l.provider)?.verifiedAcrValues.includes(l.acr),
    );
    await tx.query(
      `UPDATE users SET identity_verified = $2, identity_assurance = $3, updated_at = now() WHERE id = $1`,
      [userId, Boolean(verified), verified ? `${verified.provider}:${verified.acr}` : null],
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
