// The OpenID Connect sign-in queries on the run's real Postgres: login states, links, pending links, assurance.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  accountProfile,
  identityLinkAcrs,
  insertIdentityLink,
  insertLoginState,
  insertPendingLink,
  lockLinkedAccount,
  recordLinkedSignIn,
  setIdentityAssurance,
  spendLoginState,
  spendPendingLink,
} from '../src';
import { newAccount, tokenAndHash } from './support/accounts';

const NONE = { acr: null, amr: null, authTime: null };

describe('oidc.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('spends a login state once, for its provider, before it expires', async () => {
    const { hash } = tokenAndHash();
    await insertLoginState(db, {
      stateHash: hash,
      provider: 'p1',
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: '/courses',
      validMinutes: 10,
    });
    expect(await spendLoginState(db, hash, 'other')).toBeUndefined();
    expect(await spendLoginState(db, hash, 'p1')).toEqual({
      nonce: 'n',
      code_verifier: 'v',
      return_to: '/courses',
    });
    expect(await spendLoginState(db, hash, 'p1')).toBeUndefined();
    const expired = tokenAndHash().hash;
    await insertLoginState(db, {
      stateHash: expired,
      provider: 'p1',
      nonce: 'n',
      codeVerifier: 'v',
      returnTo: '/',
      validMinutes: 0,
    });
    expect(await spendLoginState(db, expired, 'p1')).toBeUndefined();
  });

  it('links a subject once per provider and account, records its sign-ins, and finds the account locked', async () => {
    const user = await newAccount(db);
    const subject = randomUUID();
    expect(await lockLinkedAccount(db, 'p1', subject)).toBeUndefined();
    expect(await insertIdentityLink(db, { provider: 'p1', subject, userId: user, ...NONE })).toBe(true);
    expect(
      await insertIdentityLink(db, { provider: 'p1', subject, userId: await newAccount(db), ...NONE }),
    ).toBe(false);
    expect(
      await insertIdentityLink(db, { provider: 'p1', subject: randomUUID(), userId: user, ...NONE }),
    ).toBe(false);
    expect(await db.transaction((tx) => lockLinkedAccount(tx, 'p1', subject))).toEqual({ user_id: user });

    const authTime = new Date('2026-03-04T05:06:07Z');
    expect(await recordLinkedSignIn(db, 'p1', subject, { acr: 'loa3', amr: ['face'], authTime })).toBe(1);
    const [row] = await db.query(
      `SELECT acr, amr, auth_time FROM oidc_identities WHERE provider = 'p1' AND subject = $1`,
      [subject],
    );
    expect(row).toEqual({ acr: 'loa3', amr: ['face'], auth_time: authTime });
  });

  it('spends a pending link once, only for its account', async () => {
    const user = await newAccount(db);
    const authTime = new Date('2026-01-01T00:00:00Z');
    const id = await insertPendingLink(db, {
      provider: 'p2',
      subject: 's',
      userId: user,
      acr: 'high',
      amr: ['pwd'],
      authTime,
      validMinutes: 15,
    });
    expect(id).toEqual(expect.any(String));
    expect(await spendPendingLink(db, id, await newAccount(db))).toBeUndefined();
    expect(await spendPendingLink(db, id, user)).toEqual({
      provider: 'p2',
      subject: 's',
      acr: 'high',
      amr: ['pwd'],
      auth_time: authTime,
    });
    expect(await spendPendingLink(db, id, user)).toBeUndefined();
    const expired = await insertPendingLink(db, {
      provider: 'p2',
      subject: 's',
      userId: user,
      ...NONE,
      validMinutes: 0,
    });
    expect(await spendPendingLink(db, expired, user)).toBeUndefined();
  });

  it('lists an account links by last sign-in and sets its identity assurance', async () => {
    const user = await newAccount(db);
    await insertIdentityLink(db, { provider: 'old', subject: randomUUID(), userId: user, ...NONE });
    await insertIdentityLink(db, {
      provider: 'new',
      subject: randomUUID(),
      userId: user,
      ...NONE,
      acr: 'loa2',
    });
    await db.query(
      `UPDATE oidc_identities SET last_login_at = now() - interval '1 day' WHERE user_id = $1 AND provider = 'old'`,
      [user],
    );
    expect(await identityLinkAcrs(db, user)).toEqual([
      { provider: 'new', acr: 'loa2' },
      { provider: 'old', acr: null },
    ]);
    expect(await setIdentityAssurance(db, user, true, 'new:loa2')).toBe(1);
    expect(await accountProfile(db, user)).toMatchObject({
      identity_verified: true,
      identity_assurance: 'new:loa2',
    });
    await setIdentityAssurance(db, user, false, null);
    expect(await accountProfile(db, user)).toMatchObject({
      identity_verified: false,
      identity_assurance: null,
    });
  });
});
