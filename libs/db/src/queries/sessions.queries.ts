import { execute, type Queryable, selectOne, selectRows } from './queryable';
import { prepared } from '../prepared-statements';

export interface NewSession {
  userId: string;
  tokenHash: Buffer;
  userAgent: string | null;
  ttlDays: number;
  authMethod: string;
}

/** Stores a new session (a new family) for a token's hash, expiring `ttlDays` from now. */
export async function insertSession(db: Queryable, s: NewSession): Promise<void> {
  await execute(
    db,
    `INSERT INTO sessions (user_id, token_hash, user_agent, expires_at, auth_method)
     VALUES ($1, $2, $3, now() + make_interval(days => $4), $5)`,
    [s.userId, s.tokenHash, s.userAgent, s.ttlDays, s.authMethod],
  );
}

export interface SessionGrantRow {
  role: string;
  unitPath: string | null;
  organisationId: string | null;
}

export interface SessionTokenRow {
  session_id: string;
  user_id: string;
  family_id: string;
  /** Revoked or expired. */
  dead: boolean;
  /** Rotated: a newer token of the family replaced it. */
  replaced: boolean;
  /** Replaced less than `graceSeconds` ago. */
  in_grace: boolean;
  /** Created at least `rotateMinutes` ago: due for rotation. */
  due: boolean;
  /** The user's live role grants, with the path of each grant's unit. */
  grants: SessionGrantRow[];
}

/**
 * The session of a token's hash with its state and the user's live grants; touches last_seen_at of a live,
 * current token at most every five minutes.
 */
export async function sessionByTokenHash(
  db: Queryable,
  tokenHash: Buffer,
  graceSeconds: number,
  rotateMinutes: number,
): Promise<SessionTokenRow | undefined> {
  return selectOne<SessionTokenRow>(
    db,
    prepared(
      'session_by_token',
      `WITH s AS (
       SELECT id, user_id, family_id, created_at, rotated_at, revoked_at, expires_at, last_seen_at FROM sessions WHERE token_hash = $1),
     touched AS (
       UPDATE sessions SET last_seen_at = now()
         FROM s
        WHERE sessions.id = s.id AND s.revoked_at IS NULL AND s.rotated_at IS NULL AND s.expires_at > now()
          AND s.last_seen_at < now() - interval '5 minutes'
        RETURNING sessions.id)
     SELECT s.id AS session_id, s.user_id, s.family_id,
            (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS dead,
            s.rotated_at IS NOT NULL AS replaced,
            coalesce(s.rotated_at > now() - make_interval(secs => $2), false) AS in_grace,
            s.created_at <= now() - make_interval(mins => $3) AS due,
            coalesce(json_agg(json_build_object('role', g.role, 'unitPath', u.path, 'organisationId', g.organisation_id))
                       FILTER (WHERE g.id IS NOT NULL), '[]') AS grants
       FROM s
       LEFT JOIN role_grants g ON g.user_id = s.user_id AND g.revoked_at IS NULL
       LEFT JOIN administrative_units u ON u.id = g.unit_id
      GROUP BY s.id, s.user_id, s.family_id, s.revoked_at, s.expires_at, s.rotated_at, s.created_at`,
    ),
    [tokenHash, graceSeconds, rotateMinutes],
  );
}

/**
 * Replaces a live session by a new one (`newId`, `newTokenHash`) of its family, keeping its expiry, sign-in
 * time and method. Only one concurrent caller wins (the old row is claimed by `rotated_at IS NULL`): the others
 * get undefined.
 */
export async function rotateSession(
  db: Queryable,
  sessionId: string,
  newId: string,
  newTokenHash: Buffer,
): Promise<{ id: string } | undefined> {
  return selectOne<{ id: string }>(
    db,
    `WITH old AS (
       UPDATE sessions SET rotated_at = now(), replaced_by = $2
        WHERE id = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now()
        RETURNING user_id, user_agent, expires_at, family_id, authenticated_at, auth_method)
     INSERT INTO sessions (id, user_id, token_hash, user_agent, expires_at, family_id, authenticated_at, auth_method, last_seen_at)
     SELECT $2, user_id, $3, user_agent, expires_at, family_id, authenticated_at, auth_method, now() FROM old
     RETURNING id`,
    [sessionId, newId, newTokenHash],
  );
}

/** Revokes every live session of a family; answers the ids it revoked. */
export async function revokeSessionFamily(db: Queryable, familyId: string): Promise<Array<{ id: string }>> {
  return selectRows<{ id: string }>(
    db,
    `UPDATE sessions SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL RETURNING id`,
    [familyId],
  );
}

/** Revokes the whole family of a session (its earlier, replaced tokens included); answers how many rows. */
export async function revokeFamilyOfSession(db: Queryable, sessionId: string): Promise<number> {
  return execute(
    db,
    `UPDATE sessions SET revoked_at = now()
      WHERE family_id = (SELECT family_id FROM sessions WHERE id = $1) AND revoked_at IS NULL`,
    [sessionId],
  );
}

/** A session as a write checks it: the session's id and the user it was read for. */
export interface SessionRef {
  sessionId: string;
  userId: string;
}

/**
 * Which of these sessions are still live: the statement, driven by the keys. Each key looks its session up by the
 * primary key, so the plan stays one index probe per key whatever the planner believes about `sessions`. (Written
 * as a join, the generic plan of this prepared statement became a nested loop that scanned every session once per
 * batch: with the statistics of a table that had just grown, 2.0 ms instead of 0.1 ms for 50 keys, the slowest of
 * the heartbeat batch's statements, docs/performance.md.)
 */
export const LIVE_SESSION_IDS_SQL = prepared('live_session_ids', liveSessionIdsSelect('$1', '$2'));

/**
 * The text of that check over the parameters `ids` and `users` (uuid arrays, pairwise): for a statement that
 * makes it one part of a larger one (the heartbeat batch's video-row locks, video-batch.queries.ts).
 */
export function liveSessionIdsSelect(ids: string, users: string): string {
  return `SELECT k.id FROM unnest(${ids}::uuid[], ${users}::uuid[]) AS k(id, user_id)
    WHERE (SELECT s.user_id = k.user_id AND s.revoked_at IS NULL AND s.expires_at > now()
             FROM sessions s WHERE s.id = k.id)`;
}

/**
 * Which of these sessions are still live (neither revoked nor expired, by the database clock) and belong to the
 * user they were read for: the check a write makes when its caller's session came from an in-process cache
 * (the heartbeat batch, docs/performance.md). A replaced token in its grace window is live, as at sign-in checks.
 */
export async function liveSessionIds(db: Queryable, refs: readonly SessionRef[]): Promise<Set<string>> {
  if (refs.length === 0) return new Set();
  const rows = await selectRows<{ id: string }>(db, LIVE_SESSION_IDS_SQL, [
    refs.map((r) => r.sessionId),
    refs.map((r) => r.userId),
  ]);
  return new Set(rows.map((r) => r.id));
}

export interface LiveSessionRow {
  id: string;
  authenticated_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  auth_method: string;
  /** Of the same family as `currentSessionId`. */
  current: boolean;
}

/** A user's live, current (not replaced) sessions, one per family, most recently seen first. */
export async function liveSessionsOf(
  db: Queryable,
  userId: string,
  currentSessionId: string,
): Promise<LiveSessionRow[]> {
  return selectRows<LiveSessionRow>(
    db,
    `SELECT s.id, s.authenticated_at, s.last_seen_at, s.expires_at, s.user_agent, s.auth_method,
            s.family_id = (SELECT family_id FROM sessions WHERE id = $2) AS current
       FROM sessions s
      WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.rotated_at IS NULL AND s.expires_at > now()
      ORDER BY s.last_seen_at DESC, s.id`,
    [userId, currentSessionId],
  );
}

/**
 * Revokes the family of one of the user's live sessions (`sessionId` must be a uuid). Undefined when the
 * session is not the user's, not live or unknown; `current` says whether it was the family of `currentSessionId`.
 */
export async function revokeOwnSessionFamily(
  db: Queryable,
  sessionId: string,
  userId: string,
  currentSessionId: string,
): Promise<{ current: boolean } | undefined> {
  return selectOne<{ current: boolean }>(
    db,
    `WITH target AS (
       SELECT family_id FROM sessions WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()),
     revoked AS (
       UPDATE sessions SET revoked_at = now() WHERE family_id = (SELECT family_id FROM target) AND revoked_at IS NULL RETURNING id)
     SELECT (SELECT family_id FROM target) = (SELECT family_id FROM sessions WHERE id = $3) AS current
       FROM target`,
    [sessionId, userId, currentSessionId],
  );
}

/**
 * Revokes every live session of a user, except the family of `exceptSessionId` when given; answers the family
 * of each revoked row (a family counts one browser).
 */
export async function revokeUserSessions(
  db: Queryable,
  userId: string,
  exceptSessionId: string | null,
): Promise<Array<{ family_id: string }>> {
  return selectRows<{ family_id: string }>(
    db,
    `UPDATE sessions SET revoked_at = now()
      WHERE user_id = $1 AND revoked_at IS NULL
        AND ($2::uuid IS NULL OR family_id <> (SELECT family_id FROM sessions WHERE id = $2::uuid))
      RETURNING family_id`,
    [userId, exceptSessionId],
  );
}

export interface SessionFreshnessRow {
  auth_method: string;
  /** The family's sign-in happened within the last `minutes`. */
  recent: boolean;
}

/** How a session's family signed in, and whether within the last `minutes`. */
export async function sessionFreshness(
  db: Queryable,
  sessionId: string,
  minutes: number,
): Promise<SessionFreshnessRow | undefined> {
  return selectOne<SessionFreshnessRow>(
    db,
    `SELECT auth_method, authenticated_at > now() - make_interval(mins => $2) AS recent FROM sessions WHERE id = $1`,
    [sessionId, minutes],
  );
}
