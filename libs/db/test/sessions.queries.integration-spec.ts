// The session queries on the run's real Postgres: tokens, rotation, families, revocation, freshness.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  insertSession,
  LIVE_SESSION_IDS_SQL,
  liveSessionIds,
  liveSessionsOf,
  revokeFamilyOfSession,
  revokeOwnSessionFamily,
  revokeSessionFamily,
  revokeUserSessions,
  rotateSession,
  sessionByTokenHash,
  sessionFreshness,
} from '../src';
import { newAccount, tokenAndHash } from './support/accounts';

const GRACE = 30;
const ROTATE = 60;

describe('sessions.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  async function signIn(userId: string, method = 'password', userAgent: string | null = 'jest') {
    const { hash } = tokenAndHash();
    await insertSession(db, { userId, tokenHash: hash, userAgent, ttlDays: 30, authMethod: method });
    const row = await sessionByTokenHash(db, hash, GRACE, ROTATE);
    return { hash, row: row! };
  }

  it('finds a new session by its token hash with the user live grants, not dead, not replaced, not due', async () => {
    const userId = await newAccount(db);
    const { row } = await signIn(userId);
    expect(row).toEqual({
      session_id: expect.any(String),
      user_id: userId,
      family_id: expect.any(String),
      dead: false,
      replaced: false,
      in_grace: false,
      due: false,
      grants: [{ role: 'learner', unitPath: null, organisationId: null }],
    });
    expect(await sessionByTokenHash(db, tokenAndHash().hash, GRACE, ROTATE)).toBeUndefined();
  });

  it('says an old session is due, and an expired one dead', async () => {
    const userId = await newAccount(db);
    const { hash, row } = await signIn(userId);
    await db.query(`UPDATE sessions SET created_at = now() - interval '2 hours' WHERE id = $1`, [
      row.session_id,
    ]);
    expect(await sessionByTokenHash(db, hash, GRACE, ROTATE)).toMatchObject({ due: true, dead: false });
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      row.session_id,
    ]);
    expect(await sessionByTokenHash(db, hash, GRACE, ROTATE)).toMatchObject({ dead: true });
  });

  it('rotates a session once: the new token is of the same family, the old one is replaced and in grace', async () => {
    const userId = await newAccount(db);
    const { hash, row } = await signIn(userId, 'sign_in_code');
    const next = tokenAndHash();
    const newId = randomUUID();
    expect(await rotateSession(db, row.session_id, newId, next.hash)).toEqual({ id: newId });
    expect(await rotateSession(db, row.session_id, randomUUID(), tokenAndHash().hash)).toBeUndefined();
    expect(await sessionByTokenHash(db, hash, GRACE, ROTATE)).toMatchObject({
      replaced: true,
      in_grace: true,
      dead: false,
    });
    expect(await sessionByTokenHash(db, next.hash, GRACE, ROTATE)).toMatchObject({
      session_id: newId,
      family_id: row.family_id,
      replaced: false,
    });
    // The method of the family's sign-in carries over.
    expect(await sessionFreshness(db, newId, 5)).toEqual({ auth_method: 'sign_in_code', recent: true });
    // Past the grace window a replaced token is no longer in grace.
    expect(await sessionByTokenHash(db, hash, 0, ROTATE)).toMatchObject({ replaced: true, in_grace: false });
  });

  it('revokes a family by id, and by one of its sessions', async () => {
    const userId = await newAccount(db);
    const { hash, row } = await signIn(userId);
    const newId = randomUUID();
    await rotateSession(db, row.session_id, newId, tokenAndHash().hash);
    const revoked = await revokeSessionFamily(db, row.family_id);
    expect(revoked.map((r) => r.id).sort()).toEqual([row.session_id, newId].sort());
    expect(await revokeSessionFamily(db, row.family_id)).toEqual([]);
    expect(await sessionByTokenHash(db, hash, GRACE, ROTATE)).toMatchObject({ dead: true });

    const other = await signIn(userId);
    expect(await revokeFamilyOfSession(db, other.row.session_id)).toBe(1);
    expect(await revokeFamilyOfSession(db, other.row.session_id)).toBe(0);
  });

  it('lists live current sessions, one per family, marking the caller own family', async () => {
    const userId = await newAccount(db);
    const a = await signIn(userId, 'password', 'browser A');
    const b = await signIn(userId, 'oidc', null);
    const rotatedA = randomUUID();
    await rotateSession(db, a.row.session_id, rotatedA, tokenAndHash().hash);
    const rows = await liveSessionsOf(db, userId, a.row.session_id);
    expect(rows).toHaveLength(2);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(rotatedA)).toEqual({
      id: rotatedA,
      authenticated_at: expect.any(Date),
      last_seen_at: expect.any(Date),
      expires_at: expect.any(Date),
      user_agent: 'browser A',
      auth_method: 'password',
      current: true,
    });
    expect(byId.get(b.row.session_id)).toMatchObject({
      user_agent: null,
      auth_method: 'oidc',
      current: false,
    });
  });

  it('revokes one of the user own families only, saying whether it was the current one', async () => {
    const userId = await newAccount(db);
    const stranger = await newAccount(db);
    const a = await signIn(userId);
    const b = await signIn(userId);
    const theirs = await signIn(stranger);
    expect(await revokeOwnSessionFamily(db, theirs.row.session_id, userId, a.row.session_id)).toBeUndefined();
    expect(await revokeOwnSessionFamily(db, b.row.session_id, userId, a.row.session_id)).toEqual({
      current: false,
    });
    expect(await revokeOwnSessionFamily(db, b.row.session_id, userId, a.row.session_id)).toBeUndefined();
    expect(await revokeOwnSessionFamily(db, a.row.session_id, userId, a.row.session_id)).toEqual({
      current: true,
    });
    expect(await sessionByTokenHash(db, theirs.hash, GRACE, ROTATE)).toMatchObject({ dead: false });
  });

  it('revokes every session of a user, keeping the family of the one named', async () => {
    const userId = await newAccount(db);
    const keep = await signIn(userId);
    const keepRotated = randomUUID();
    await rotateSession(db, keep.row.session_id, keepRotated, tokenAndHash().hash);
    const b = await signIn(userId);
    const c = await signIn(userId);
    const revoked = await revokeUserSessions(db, userId, keepRotated);
    expect(revoked.map((r) => r.family_id).sort()).toEqual([b.row.family_id, c.row.family_id].sort());
    expect(await liveSessionsOf(db, userId, keepRotated)).toEqual([
      expect.objectContaining({ id: keepRotated }),
    ]);
    const all = await revokeUserSessions(db, userId, null);
    expect(all).toHaveLength(2); // the kept family: its replaced token and its current one
    expect(await liveSessionsOf(db, userId, keepRotated)).toEqual([]);
  });

  it('tells how a session signed in and whether recently', async () => {
    const userId = await newAccount(db);
    const { row } = await signIn(userId, 'oidc');
    expect(await sessionFreshness(db, row.session_id, 15)).toEqual({ auth_method: 'oidc', recent: true });
    await db.query(`UPDATE sessions SET authenticated_at = now() - interval '1 hour' WHERE id = $1`, [
      row.session_id,
    ]);
    expect(await sessionFreshness(db, row.session_id, 15)).toEqual({ auth_method: 'oidc', recent: false });
    expect(await sessionFreshness(db, randomUUID(), 15)).toBeUndefined();
  });
  it('liveSessionIds: live sessions of the user they were read for; revoked, expired, unknown or another user’s are not', async () => {
    const userId = await newAccount(db);
    const other = await newAccount(db);
    const live = (await signIn(userId)).row.session_id;
    const revoked = (await signIn(userId)).row.session_id;
    const expired = (await signIn(userId)).row.session_id;
    const replaced = (await signIn(userId)).row.session_id;
    const othersOwn = (await signIn(other)).row.session_id;
    await revokeFamilyOfSession(db, revoked);
    await db.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [expired]);
    await rotateSession(db, replaced, randomUUID(), tokenAndHash().hash);
    const ids = await liveSessionIds(db, [
      { sessionId: live, userId },
      { sessionId: live, userId },
      { sessionId: revoked, userId },
      { sessionId: expired, userId },
      { sessionId: replaced, userId },
      { sessionId: randomUUID(), userId },
      { sessionId: othersOwn, userId },
    ]);
    // A replaced token is live until its family is revoked (it works in its grace window, the guard judges that).
    expect([...ids].sort()).toEqual([live, replaced].sort());
    expect(await liveSessionIds(db, [{ sessionId: othersOwn, userId: other }])).toEqual(new Set([othersOwn]));
    expect(await liveSessionIds(db, [])).toEqual(new Set());
  });
  it('liveSessionIds: its generic plan reaches each session by the primary key, never by scanning sessions', async () => {
    // The heartbeat batch runs this as a prepared statement, so Postgres soon plans it once for any keys (the
    // generic plan). Written as a join it became a scan of every session per batch; now each key is one probe.
    const userId = await newAccount(db);
    await db.query(
      `INSERT INTO sessions (user_id, token_hash, user_agent, expires_at, auth_method)
       SELECT $1, sha256(convert_to(gen_random_uuid()::text, 'UTF8')), NULL, now() + interval '1 day', 'password'
         FROM generate_series(1, 2000)`,
      [userId],
    );
    const ids = (await db.query(`SELECT id FROM sessions WHERE user_id = $1 LIMIT 50`, [userId])) as {
      id: string;
    }[];
    const array = (values: string[]) => `'{${values.join(',')}}'::uuid[]`;
    const plan = await db.transaction(async (tx) => {
      await tx.query('SET LOCAL plan_cache_mode = force_generic_plan');
      await tx.query(`PREPARE live_generic AS ${LIVE_SESSION_IDS_SQL}`);
      try {
        const [row] = (await tx.query(
          `EXPLAIN (FORMAT JSON) EXECUTE live_generic(${array(ids.map((r) => r.id))}, ${array(ids.map(() => userId))})`,
        )) as { 'QUERY PLAN': [{ Plan: PlanNode }] }[];
        return row!['QUERY PLAN'][0].Plan;
      } finally {
        await tx.query('DEALLOCATE live_generic');
      }
    });
    const onSessions = nodes(plan).filter((n) => n['Relation Name'] === 'sessions');
    expect(onSessions.length).toBeGreaterThan(0);
    for (const n of onSessions) {
      expect(n['Node Type']).toMatch(/^Index (Only )?Scan$/);
      expect(n['Index Cond']).toMatch(/\(id = /);
    }
    // And the statement still answers: 50 live sessions of their user.
    const refs = ids.map((r) => ({ sessionId: r.id, userId }));
    expect((await liveSessionIds(db, refs)).size).toBe(50);
  });
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}
