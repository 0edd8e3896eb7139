import {
  newAccount,
  type OpAccount,
  startTestOp as startProvider,
  type TestOp as Provider,
} from '@hocvuso/testing';
import request from 'supertest';
import type { Browser } from './test-app';

export { newAccount, type OpAccount };

export interface TestOp extends Provider {
  /**
   * Runs a full sign-in with real HTTP: the api's start redirects to the provider, whose interaction logs
   * `account` in (a fresh provider session each time), and the provider redirects back. Returns the callback
   * path on the api (not yet called) and the state cookie the api set.
   */
  authorize(
    api: Browser,
    providerId: string,
    account: OpAccount,
    /** Where the sign-in should come back to on this site (the start's `returnTo`). */
    returnTo?: string,
  ): Promise<{ callbackPath: string; stateCookie: string }>;
}

/** The shared test provider (@hocvuso/testing), driven through supertest instead of a browser. */
export async function startTestOp(apiPublicUrl: string, providerId: string): Promise<TestOp> {
  const op = await startProvider(apiPublicUrl, providerId);
  return {
    ...op,
    async authorize(api, id, account, returnTo) {
      op.expectLogin(account);
      const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
      const start = await api.agent.get(`/api/auth/oidc/${id}/start${query}`).expect(302);
      const stateCookie = (start.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('hvs_oidc='))!
        .split(';')[0]!;
      let location = new URL(start.headers.location as string);
      const agent = request.agent(op.issuer);
      for (let hop = 0; hop < 10 && location.origin === op.issuer; hop++) {
        const res = await agent.get(location.pathname + location.search);
        if (res.status !== 302 && res.status !== 303)
          throw new Error(`the provider answered ${res.status}: ${res.text.slice(0, 500)}`);
        location = new URL(res.headers.location as string, op.issuer);
      }
      if (!location.href.startsWith(`${apiPublicUrl}/api/auth/oidc/${id}/callback`))
        throw new Error(`unexpected redirect ${location.href}`);
      return { callbackPath: location.pathname + location.search, stateCookie };
    },
  };
}
