// The account queries on the run's real Postgres: creation, lockout, passwords, the /me profile.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  accountLockedSeconds,
  accountPassword,
  accountProfile,
  clearWrongPasswords,
  insertLearnerAccount,
  liveAccountIdByEmail,
  recordWrongPassword,
  setPasswordHash,
} from '../src';
import { newAccount, uniqueEmail, uniquePhone } from './support/accounts';

describe('account.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('creates a learner account with its grant, and refuses a taken e-mail or phone', async () => {
    const email = uniqueEmail();
    const phone = uniquePhone();
    const granter = await newAccount(db);
    const id = await insertLearnerAccount(db, {
      displayName: 'Chị Ba',
      email,
      phone,
      language: 'en',
      grantedBy: granter,
    });
    expect(id).toEqual(expect.any(String));
    const [grant] = await db.query(`SELECT role, granted_by FROM role_grants WHERE user_id = $1`, [id]);
    expect(grant).toEqual({ role: 'learner', granted_by: granter });
    expect(await insertLearnerAccount(db, { displayName: 'x', email })).toBeNull();
    expect(await insertLearnerAccount(db, { displayName: 'x', phone })).toBeNull();
  });

  it('counts wrong passwords up to a lockout, and a right one clears them', async () => {
    const id = await newAccount(db);
    expect(await accountLockedSeconds(db, id)).toBe(0);
    expect(await recordWrongPassword(db, id, 2, 15)).toBe(1);
    expect(await accountLockedSeconds(db, id)).toBe(0);
    await recordWrongPassword(db, id, 2, 15);
    const locked = await accountLockedSeconds(db, id);
    expect(locked).toBeGreaterThan(14 * 60);
    expect(locked).toBeLessThanOrEqual(15 * 60);
    expect(await clearWrongPasswords(db, id)).toBe(1);
    expect(await accountLockedSeconds(db, id)).toBe(0);
    expect(await accountLockedSeconds(db, randomUUID())).toBeUndefined();
    expect(await recordWrongPassword(db, randomUUID(), 2, 15)).toBe(0);
  });

  it('sets and removes a password hash, clearing the lockout', async () => {
    const email = uniqueEmail();
    const id = await newAccount(db, { email });
    expect(await accountPassword(db, id)).toEqual({ password_hash: null, email, phone: null });
    await recordWrongPassword(db, id, 1, 15);
    expect(await setPasswordHash(db, id, '$argon2id$fake')).toBe(1);
    expect(await accountPassword(db, id)).toMatchObject({ password_hash: '$argon2id$fake' });
    expect(await accountLockedSeconds(db, id)).toBe(0);
    await setPasswordHash(db, id, null);
    expect(await accountPassword(db, id)).toMatchObject({ password_hash: null });
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [id]);
    expect(await accountPassword(db, id)).toBeUndefined();
  });

  it('finds a live account by e-mail only', async () => {
    const email = uniqueEmail();
    const id = await newAccount(db, { email });
    expect(await liveAccountIdByEmail(db, email)).toBe(id);
    expect(await liveAccountIdByEmail(db, uniqueEmail())).toBeUndefined();
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [id]);
    expect(await liveAccountIdByEmail(db, email)).toBeUndefined();
  });

  it('shows the profile with sorted live roles and provider links, oldest first', async () => {
    const email = uniqueEmail();
    const id = await newAccount(db, { email, displayName: 'Ông Năm' });
    expect(await accountProfile(db, id)).toEqual({
      id,
      display_name: 'Ông Năm',
      email,
      phone: null,
      phone_verified: false,
      language: 'vi',
      identity_verified: false,
      identity_assurance: null,
      roles: ['learner'],
      links: [],
    });
    await db.query(`INSERT INTO role_grants (user_id, role, revoked_at) VALUES ($1, 'reviewer', now())`, [
      id,
    ]);
    await db.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, 'community_helper')`, [id]);
    await db.query(
      `INSERT INTO oidc_identities (provider, subject, user_id, acr, amr, auth_time, linked_at)
       VALUES ('b', $2, $1, NULL, NULL, NULL, now()), ('a', $3, $1, 'high', '{pwd,otp}', '2026-01-02T03:04:05Z', now() - interval '1 day')`,
      [id, randomUUID(), randomUUID()],
    );
    const profile = await accountProfile(db, id);
    expect(profile!.roles).toEqual(['community_helper', 'learner']);
    expect(profile!.links).toEqual([
      {
        provider: 'a',
        acr: 'high',
        amr: ['pwd', 'otp'],
        auth_time: expect.stringMatching(/^2026-01-02T03:04:05/),
        linked_at: expect.any(String),
        last_login_at: expect.any(String),
      },
      {
        provider: 'b',
        acr: null,
        amr: null,
        auth_time: null,
        linked_at: expect.any(String),
        last_login_at: expect.any(String),
      },
    ]);
    expect(await accountProfile(db, randomUUID())).toBeUndefined();
  });
});
