import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ValidationError } from '@hocvuso/domain';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig, type OidcProviderConfig } from '../../config/api.config';

/** What a provider told us about the person, whatever its protocol details: the adapter's output. */
export interface ProviderIdentity {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  /** The assurance level (the configured assurance claim, `acr` by default). */
  acr: string | null;
  amr: string[] | null;
  authTime: Date | null;
}

/** The checks a sign-in in flight carries from the start to the callback. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * The OpenID Connect side of a provider: discovery (/.well-known/openid-configuration and JWKS), the
 * authorization URL with PKCE (S256), state and nonce, and the code exchange. openid-client validates the
 * ID token: signature (non-repudiation checks on), `iss`, `aud`, `exp`, `iat`, `nonce`, and the `state` and
 * `iss` of the authorization response. A provider with another protocol (should VNeID need one) would be a
 * second implementation of `authorizationUrl` and `exchange` that returns the same ProviderIdentity.
 */
@Injectable()
export class OidcClientService {
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  providers(): OidcProviderConfig[] {
    return this.config.oidcProviders;
  }

  provider(id: string): OidcProviderConfig {
    const p = this.config.oidcProviders.find((c) => c.id === id);
    if (!p)
      throw new DomainError('OIDC_PROVIDER_NOT_FOUND', 'not_found', 'There is no such sign-in provider.');
    return p;
  }

  /** Where the provider sends the browser back: registered with the provider exactly like this. */
  redirectUri(providerId: string): string {
    return `${this.config.publicUrl}/api/auth/oidc/${providerId}/callback`;
  }

  randomChecks(): AuthorizationChecks {
    return {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
  }

  async authorizationUrl(provider: OidcProviderConfig, checks: AuthorizationChecks): Promise<string> {
    const configuration = await this.configuration(provider);
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri(provider.id),
      scope: provider.scopes.join(' '),
      response_type: 'code',
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (provider.acrValues) parameters.acr_values = provider.acrValues;
    return oidc.buildAuthorizationUrl(configuration, parameters).href;
  }

  /** Exchanges the code of the callback (its full query string) and returns the validated identity. */
  async exchange(
    provider: OidcProviderConfig,
    callbackQuery: string,
    checks: AuthorizationChecks,
  ): Promise<ProviderIdentity> {
    const configuration = await this.configuration(provider);
    const currentUrl = new URL(this.redirectUri(provider.id));
    currentUrl.search = callbackQuery;
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(
        configuration,
        currentUrl,
        {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: this.redirectUri(provider.id) },
      );
    } catch (err) {
      this.logger.warn({ err: describe(err), provider: provider.id }, 'OIDC code exchange refused');
      throw new ValidationError(
        'OIDC_SIGN_IN_FAILED',
        'The sign-in provider did not confirm this sign-in. Try again.',
      );
    }
    const claims = tokens.claims();
    if (!claims)
      throw new ValidationError('OIDC_SIGN_IN_FAILED', 'The sign-in provider returned no ID token.');
    let profile: Record<string, unknown> = { ...claims };
    if ((profile.email === undefined || profile.name === undefined) && tokens.access_token) {
      try {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        profile = { ...info, ...claims };
      } catch (err) {
        this.logger.warn(
          { err: describe(err), provider: provider.id },
          'OIDC userinfo unavailable; signing in with the ID token claims only',
        );
      }
    }
    const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
    const assurance = claims[provider.assuranceClaim] ?? profile[provider.assuranceClaim];
    return {
      subject: claims.sub,
      email: str(profile.email),
      emailVerified: profile.email_verified === true,
      name:
        str(profile.name) ??
        ([str(profile.family_name), str(profile.given_name)].filter(Boolean).join(' ') || null),
      acr: typeof assurance === 'string' || typeof assurance === 'number' ? String(assurance) : null,
      amr: Array.isArray(claims.amr) ? claims.amr.filter((a): a is string => typeof a === 'string') : null,
      authTime: typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : null,
    };
  }

  /** Discovery once per provider (retried after a failure). */
  private configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let pending = this.configurations.get(provider.id);
    if (!pending) {
      const issuer = new URL(provider.issuer);
      // Plain http is accepted only outside production (configuration refuses it there): local test providers.
      const insecure = issuer.protocol === 'http:' && this.config.env !== 'production';
      pending = oidc
        .discovery(
          issuer,
          provider.clientId,
          undefined,
          provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None(),
          { timeout: DISCOVERY_TIMEOUT_SECONDS, execute: insecure ? [oidc.allowInsecureRequests] : [] },
        )
        .then((configuration) => {
          oidc.enableNonRepudiationChecks(configuration);
          return configuration;
        });
      pending.catch((err: unknown) => {
        this.configurations.delete(provider.id);
        this.logger.warn({ err: describe(err), provider: provider.id }, 'OIDC discovery failed');
      });
      this.configurations.set(provider.id, pending);
    }
    return pending.catch(() => {
      throw new DomainError(
        'OIDC_PROVIDER_UNAVAILABLE',
        'unavailable',
        'The sign-in provider cannot be reached right now. Try again later.',
      );
    });
  }
}

/** What to log of a failure: the library's code and the provider's OAuth error, never tokens. */
function describe(err: unknown) {
  if (!(err instanceof Error)) return { message: String(err) };
  const e = err as Error & { code?: string; error?: string; error_description?: string; cause?: unknown };
  return {
    name: e.name,
    message: e.message,
    code: e.code,
    error: e.error,
    errorDescription: e.error_description,
  };
}
