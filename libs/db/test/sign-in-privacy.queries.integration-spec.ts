// The sign-in means' privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  eraseOidcIdentities,
  erasePasswordResetTokens,
  erasePendingOidcLinks,
  eraseSessions,
  eraseSignInCodes,
  linkedProvidersForExport,
  sessionsForExport,
} from '../src';
import { seedPerson } from './support/person-world';

describe('sign-in-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('linkedProvidersForExport and sessionsForExport give the links and sessions, without token hashes', async () => {
    const p = await seedPerson(db);
    expect(await linkedProvidersForExport(db, p.userId)).toEqual([
      {
        provider: 'vneid',
        subject: `sub-${p.tag}`,
        acr: 'high',
        amr: ['pwd', 'otp'],
        auth_time: expect.any(Date),
        linked_at: expect.any(Date),
        last_login_at: expect.any(Date),
      },
    ]);
    const sessions = await sessionsForExport(db, p.userId);
    expect(sessions).toEqual([
      {
        id: expect.any(String),
        created_at: expect.any(Date),
        authenticated_at: expect.any(Date),
        last_seen_at: expect.any(Date),
        expires_at: expect.any(Date),
        revoked_at: null,
        rotated_at: null,
        user_agent: 'Test Browser',
        auth_method: 'password',
      },
    ]);
  });

  it('the erase functions remove every sign-in means of the person and nobody else', async () => {
    const p = await seedPerson(db);
    const other = await seedPerson(db);
    const counts = async (userId: string) =>
      (
        await db.query(
          `SELECT (SELECT count(*)::int FROM oidc_identities WHERE user_id = $1) AS oidc,
                  (SELECT count(*)::int FROM oidc_pending_links WHERE user_id = $1) AS pending,
                  (SELECT count(*)::int FROM sessions WHERE user_id = $1) AS sessions,
                  (SELECT count(*)::int FROM password_reset_tokens WHERE user_id = $1) AS resets,
                  (SELECT count(*)::int FROM sign_in_codes WHERE user_id = $1) AS codes`,
          [userId],
        )
      )[0];
    const erased = await db.transaction(async (tx) => [
      await eraseOidcIdentities(tx, p.userId),
      await erasePendingOidcLinks(tx, p.userId),
      await eraseSessions(tx, p.userId),
      await erasePasswordResetTokens(tx, p.userId),
      await eraseSignInCodes(tx, p.userId),
    ]);
    expect(erased).toEqual([1, 1, 1, 1, 1]);
    expect(await counts(p.userId)).toEqual({ oidc: 0, pending: 0, sessions: 0, resets: 0, codes: 0 });
    expect(await counts(other.userId)).toEqual({ oidc: 1, pending: 1, sessions: 1, resets: 1, codes: 1 });
  });
});
