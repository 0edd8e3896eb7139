import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A person at the test OpenID Provider, and how they authenticate there the next time. */
export interface OpAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** The assurance level of the login (e.g. level1, level2). */
  acr: string;
  amr: string[];
  /** The person declines at the provider (the callback carries error=access_denied). */
  deny?: boolean;
}

export interface TestOp {
  issuer: string;
  clientId: string;
  /** The account that logs in (or declines) at the provider's next interaction. */
  expectLogin(account: OpAccount): void;
  close(): Promise<void>;
}

export const newAccount = (overrides: Partial<OpAccount> = {}): OpAccount => ({
  sub: `op-${randomBytes(6).toString('hex')}`,
  name: 'Phạm Thị Định Danh',
  acr: 'level2',
  amr: ['face'],
  ...overrides,
});

/**
 * A real OpenID Provider (the `oidc-provider` package) started in this process on a free 127.0.0.1 port, for
 * the api's e2e tests and the browser tests alike: a public client with PKCE (token endpoint auth `none`),
 * RS256 ID tokens, `acr` levels 1 and 2, `acr`/`amr`/`auth_time` in every ID token. There is no login form:
 * the interaction logs in the account given to `expectLogin` (or declines, for `deny`) and grants consent.
 */
export async function startTestOp(apiPublicUrl: string, providerId: string): Promise<TestOp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'hocvuso-tests';
  const accounts = new Map<string, OpAccount>();
  let nextLogin: OpAccount | undefined;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  // Loaded on first use, so the suites that import @hocvuso/testing for databases never load it.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${apiPublicUrl}/api/auth/oidc/${providerId}/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        require_auth_time: true,
      },
    ],
    jwks: { keys: [{ ...key, kid: 'test-signing-key', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    acrValues: ['level1', 'level2'],
    // acr and amr travel in every ID token (a national provider vouches for the level on each sign-in).
    claims: {
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, id: string) => {
      const a = accounts.get(id);
      if (!a) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: a.email, email_verified: a.email_verified, name: a.name }),
      };
    },
  });
  provider.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/interaction/')) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    let result: Record<string, unknown>;
    if (nextLogin?.deny) {
      result = { error: 'access_denied', error_description: 'The person declined.' };
    } else if (details.prompt.name === 'login') {
      if (!nextLogin) throw new Error('the test did not say who logs in at the provider (expectLogin)');
      accounts.set(nextLogin.sub, nextLogin);
      result = { login: { accountId: nextLogin.sub, acr: nextLogin.acr, amr: nextLogin.amr } };
    } else {
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      result = { consent: { grantId: await grant.save() } };
    }
    const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
      mergeWithLastSubmission: false,
    });
    ctx.redirect(returnTo);
    ctx.status = 303;
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    expectLogin(account) {
      nextLogin = account;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Browsers keep idle connections open; the test is over, so drop them.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
