import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import request from 'supertest';
import type { Browser } from './test-app';

/** A person at the test OpenID Provider, and how they authenticate there the next time. */
export interface OpAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  /** The assurance level of the next login (e.g. level1, level2). */
  acr: string;
  amr: string[];
  /** The person declines at the provider (the callback carries error=access_denied). */
  deny?: boolean;
}

export interface TestOp {
  issuer: string;
  clientId: string;
  close(): Promise<void>;
  /**
   * Runs a full sign-in with real HTTP: the api's start redirects to the provider, whose interaction logs
   * `account` in (a fresh provider session each time), and the provider redirects back. Returns the callback
   * path on the api (not yet called) and the state cookie the api set.
   */
  authorize(
    api: Browser,
    providerId: string,
    account: OpAccount,
  ): Promise<{ callbackPath: string; stateCookie: string }>;
}

export const newAccount = (overrides: Partial<OpAccount> = {}): OpAccount => ({
  sub: `op-${randomBytes(6).toString('hex')}`,
  name: 'Phạm Thị Định Danh',
  acr: 'level2',
  amr: ['face'],
  ...overrides,
});

/**
 * oidc-provider started in-process on a free 127.0.0.1 port: a public client with PKCE (token endpoint auth
 * `none`), RS256 ID tokens, `acr` levels 1 and 2. The interaction endpoint logs in whichever account the test
 * is driving, and grants consent, through provider.interactionResult (no login form).
 */
export async function startTestOp(apiPublicUrl: string, providerId: string): Promise<TestOp> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'hocvuso-e2e';
  const accounts = new Map<string, OpAccount>();
  let nextLogin: OpAccount | undefined;
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

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
    jwks: { keys: [{ ...key, kid: 'e2e-signing-key', alg: 'RS256', use: 'sig' }] },
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
      const a = nextLogin!;
      accounts.set(a.sub, a);
      result = { login: { accountId: a.sub, acr: a.acr, amr: a.amr } };
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    async authorize(api, id, account) {
      nextLogin = account;
      const start = await api.agent.get(`/api/auth/oidc/${id}/start`).expect(302);
      const stateCookie = (start.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('hvs_oidc='))!
        .split(';')[0]!;
      let location = new URL(start.headers.location as string);
      const op = request.agent(issuer);
      for (let hop = 0; hop < 10 && location.origin === issuer; hop++) {
        const res = await op.get(location.pathname + location.search);
        if (res.status !== 302 && res.status !== 303)
          throw new Error(`the provider answered ${res.status}: ${res.text.slice(0, 500)}`);
        location = new URL(res.headers.location as string, issuer);
      }
      if (!location.href.startsWith(`${apiPublicUrl}/api/auth/oidc/${id}/callback`))
        throw new Error(`unexpected redirect ${location.href}`);
      return { callbackPath: location.pathname + location.search, stateCookie };
    },
  };
}
