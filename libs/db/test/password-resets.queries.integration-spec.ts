// The password-reset link queries on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  insertResetTokens,
  liveResetToken,
  lockResetAccount,
  spendResetTokensOf,
  spendUnusedResetTokens,
} from '../src';
import { newAccount, tokenAndHash, uniqueEmail, uniquePhone } from './support/accounts';

describe('password-resets.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('finds the account a request names by e-mail or phone, locked, counting its links of the last hour', async () => {
    const email = uniqueEmail('reset');
    const phone = uniquePhone();
    const user = await newAccount(db, { email, phone, displayName: 'An' });
    const account = await db.transaction((tx) => lockResetAccount(tx, { kind: 'email', value: email }));
    expect(account).toEqual({ id: user, display_name: 'An', email, language: 'vi', recent: 0 });
    await insertResetTokens(db, [user], [tokenAndHash().hash], 30);
    await insertResetTokens(db, [user], [tokenAndHash().hash], 30);
    expect(await lockResetAccount(db, { kind: 'phone', value: phone })).toMatchObject({
      id: user,
      recent: 2,
    });
    expect(await lockResetAccount(db, { kind: 'email', value: uniqueEmail() })).toBeUndefined();
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [user]);
    expect(await lockResetAccount(db, { kind: 'phone', value: phone })).toBeUndefined();
  });

  it('a stored link is found (with or without a lock) until it expires or is spent', async () => {
    const phone = uniquePhone();
    const a = await newAccount(db, { phone });
    const b = await newAccount(db, { email: null, phone: uniquePhone() });
    const [ta, tb] = [tokenAndHash(), tokenAndHash()];
    await insertResetTokens(db, [a, b], [ta.hash, tb.hash], 30);
    expect(await liveResetToken(db, ta.hash, false)).toEqual({
      user_id: a,
      email: expect.any(String),
      phone,
    });
    expect(await db.transaction((tx) => liveResetToken(tx, tb.hash, true))).toEqual({
      user_id: b,
      email: null,
      phone: expect.any(String),
    });
    expect(await liveResetToken(db, tokenAndHash().hash, false)).toBeUndefined();

    expect(await spendUnusedResetTokens(db, [a, b])).toBe(2);
    expect(await liveResetToken(db, ta.hash, false)).toBeUndefined();
    expect(await liveResetToken(db, tb.hash, false)).toBeUndefined();

    const expired = tokenAndHash();
    await insertResetTokens(db, [a], [expired.hash], 0);
    expect(await liveResetToken(db, expired.hash, false)).toBeUndefined();

    const again = tokenAndHash();
    await insertResetTokens(db, [a], [again.hash], 30);
    expect(await spendResetTokensOf(db, a)).toBe(2); // the expired one was never used either
    expect(await spendResetTokensOf(db, a)).toBe(0);
    expect(await liveResetToken(db, again.hash, false)).toBeUndefined();
  });
});
