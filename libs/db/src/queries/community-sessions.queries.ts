import { type Queryable, selectOne, selectRows } from './queryable';

/**
 * Weekly community sessions of a commune and who attended them (docs/community-sessions.md). Times come from the
 * database clock; attendance is one row per person and session.
 */

export interface CommunitySessionRow {
  id: string;
  unit_id: string;
  unit_path: string;
  unit_name: string;
  host_id: string | null;
  topic: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  starts_at: Date;
  ends_at: Date;
  course_id: string;
  /** The course title ({ vi, en, … }) of its current version. */
  course_title: Record<string, string> | null;
  lesson_id: string | null;
  lesson_title: Record<string, string> | null;
  created_at: Date;
  cancelled_at: Date | null;
  attendees: number;
}

const SESSION_COLUMNS = `s.id, s.unit_id, s.unit_path, au.name AS unit_name, s.host_id, s.topic, s.place, s.latitude, s.longitude,
  s.starts_at, s.ends_at, s.course_id, cv.title AS course_title, s.lesson_id, lr.title AS lesson_title, s.created_at,
  s.cancelled_at,
  (SELECT count(*)::int FROM community_session_attendance a WHERE a.session_id = s.id) AS attendees`;

const SESSION_FROM = `community_sessions s
  JOIN administrative_units au ON au.id = s.unit_id
  JOIN courses c ON c.id = s.course_id LEFT JOIN course_versions cv ON cv.id = c.current_version_id
  LEFT JOIN lesson_revisions lr ON lr.id = s.lesson_id`;

export interface NewCommunitySession {
  unitId: string;
  unitPath: string;
  hostId: string;
  topic: string;
  place: string;
  latitude: number | null;
  longitude: number | null;
  startsAt: string;
  endsAt: string;
  courseId: string;
  lessonId: string | null;
}

export async function insertCommunitySession(db: Queryable, s: NewCommunitySession): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO community_sessions (unit_id, unit_path, host_id, topic, place, latitude, longitude, starts_at, ends_at,
                                     course_id, lesson_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10, $11) RETURNING id`,
    [
      s.unitId,
      s.unitPath,
      s.hostId,
      s.topic,
      s.place,
      s.latitude,
      s.longitude,
      s.startsAt,
      s.endsAt,
      s.courseId,
      s.lessonId,
    ],
  );
  return row!.id;
}

export function communitySessionById(db: Queryable, id: string): Promise<CommunitySessionRow | undefined> {
  return selectOne<CommunitySessionRow>(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM} WHERE s.id = $1`,
    [id],
  );
}

/** Marks a session cancelled (once); the number of rows changed. */
export async function cancelCommunitySession(db: Queryable, id: string): Promise<boolean> {
  const rows = await selectRows<{ id: string }>(
    db,
    `UPDATE community_sessions SET cancelled_at = now() WHERE id = $1 AND cancelled_at IS NULL RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/**
 * The sessions of one unit (the unit itself, not its subtree) that end after `from` and start before `to`,
 * soonest first; cancelled ones included (the list shows them as cancelled).
 */
export function sessionsOfUnit(
  db: Queryable,
  unitId: string,
  range: { from: string; to: string },
  limit: number,
): Promise<CommunitySessionRow[]> {
  return selectRows<CommunitySessionRow>(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
      WHERE s.unit_id = $1 AND s.ends_at > $2::timestamptz AND s.starts_at < $3::timestamptz
      ORDER BY s.starts_at, s.id LIMIT $4`,
    [unitId, range.from, range.to, limit],
  );
}

/** The sessions below any of `unitPaths` (or everywhere) in a time range, soonest first: a host's list. */
export function sessionsUnder(
  db: Queryable,
  scope: { global: boolean; unitPaths: string[] },
  range: { from: string; to: string },
  limit: number,
): Promise<CommunitySessionRow[]> {
  return selectRows<CommunitySessionRow>(
    db,
    `SELECT ${SESSION_COLUMNS} FROM ${SESSION_FROM}
      WHERE ($1::boolean OR s.unit_path LIKE ANY ($2::text[]))
        AND s.ends_at > $3::timestamptz AND s.starts_at < $4::timestamptz
      ORDER BY s.starts_at, s.id LIMIT $5`,
    [scope.global, scope.unitPaths.map((p) => `${p}%`), range.from, range.to, limit],
  );
}

/**
 * The sessions whose QR check-in may be open at the database's now (not cancelled, starting within `leadMinutes`
 * or ended less than `tailMinutes` ago): the candidates for a code typed without its session.
 */
export function sessionsOpenForCheckIn(
  db: Queryable,
  leadMinutes: number,
  tailMinutes: number,
): Promise<Array<{ id: string }>> {
  return selectRows<{ id: string }>(
    db,
    `SELECT id FROM community_sessions
      WHERE cancelled_at IS NULL
        AND starts_at <= now() + make_interval(mins => $1) AND ends_at >= now() - make_interval(mins => $2)`,
    [leadMinutes, tailMinutes],
  );
}

/** The database clock, in epoch milliseconds (check-in windows use it, never the api's or a phone's clock). */
export async function databaseNowMs(db: Queryable): Promise<number> {
  const row = await selectOne<{ ms: string }>(
    db,
    `SELECT (extract(epoch FROM now()) * 1000)::bigint::text AS ms`,
  );
  return Number(row!.ms);
}

export interface AttendanceRow {
  session_id: string;
  user_id: string;
  method: 'qr' | 'host';
  checked_in_by: string | null;
  in_person_learning_id: string | null;
  idempotency_key: string | null;
  at: Date;
}

const ATTENDANCE_COLUMNS = `session_id, user_id, method, checked_in_by, in_person_learning_id, idempotency_key, at`;

/**
 * Records that a person attended a session, once: a second check-in (even racing) returns the existing row with
 * `created` false and changes nothing; no row when the host's idempotency key was already used for another check-in.
 */
export async function insertAttendance(
  db: Queryable,
  a: {
    sessionId: string;
    userId: string;
    method: 'qr' | 'host';
    checkedInBy: string | null;
    idempotencyKey: string | null;
  },
): Promise<{ row: AttendanceRow | undefined; created: boolean }> {
  const created = await selectOne<AttendanceRow>(
    db,
    `INSERT INTO community_session_attendance (session_id, user_id, method, checked_in_by, idempotency_key)
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING ${ATTENDANCE_COLUMNS}`,
    [a.sessionId, a.userId, a.method, a.checkedInBy, a.idempotencyKey],
  );
  if (created) return { row: created, created: true };
  const existing = await selectOne<AttendanceRow>(
    db,
    `SELECT ${ATTENDANCE_COLUMNS} FROM community_session_attendance WHERE session_id = $1 AND user_id = $2`,
    [a.sessionId, a.userId],
  );
  // undefined: the conflict was the host's idempotency key, used for another person or session.
  return { row: existing, created: false };
}

export async function linkAttendanceToLearning(
  db: Queryable,
  sessionId: string,
  userId: string,
  inPersonLearningId: string,
): Promise<void> {
  await selectRows(
    db,
    `UPDATE community_session_attendance SET in_person_learning_id = $3 WHERE session_id = $1 AND user_id = $2
     RETURNING session_id`,
    [sessionId, userId, inPersonLearningId],
  );
}

/** A host's earlier check-in sent with the same idempotency key (an offline queue replaying), if any. */
export function attendanceByKey(
  db: Queryable,
  hostId: string,
  idempotencyKey: string,
): Promise<AttendanceRow | undefined> {
  return selectOne<AttendanceRow>(
    db,
    `SELECT ${ATTENDANCE_COLUMNS} FROM community_session_attendance WHERE checked_in_by = $1 AND idempotency_key = $2`,
    [hostId, idempotencyKey],
  );
}

/** Serialises check-ins of one person into one session (the in-person record is written once with its row). */
export async function lockAttendanceOf(db: Queryable, sessionId: string, userId: string): Promise<void> {
  await selectRows(
    db,
    `SELECT pg_advisory_xact_lock(hashtextextended('attendance:' || $1 || ':' || $2, 0))`,
    [sessionId, userId],
  );
}

export interface AttendeeRow {
  user_id: string;
  display_name: string;
  method: 'qr' | 'host';
  at: Date;
}

/** Who attended a session, in the order they arrived. */
export function attendeesOf(db: Queryable, sessionId: string): Promise<AttendeeRow[]> {
  return selectRows<AttendeeRow>(
    db,
    `SELECT a.user_id, u.display_name, a.method, a.at
       FROM community_session_attendance a JOIN users u ON u.id = a.user_id
      WHERE a.session_id = $1 ORDER BY a.at, a.user_id`,
    [sessionId],
  );
}

export interface SessionCountingRow {
  id: string;
  starts_at: Date;
  ends_at: Date;
  created_at: Date;
  cancelled: boolean;
  attendees: number;
}

/** The sessions below a unit path that started in a range, with their attendee counts (for countSessionsHeld). */
export function sessionsForCounting(
  db: Queryable,
  unitPath: string,
  range: { from: string; to: string },
): Promise<SessionCountingRow[]> {
  return selectRows<SessionCountingRow>(
    db,
    `SELECT s.id, s.starts_at, s.ends_at, s.created_at, s.cancelled_at IS NOT NULL AS cancelled,
            (SELECT count(*)::int FROM community_session_attendance a WHERE a.session_id = s.id) AS attendees
       FROM community_sessions s
      WHERE s.unit_path LIKE $1 || '%' AND s.starts_at >= $2::timestamptz AND s.starts_at < $3::timestamptz
      ORDER BY s.starts_at, s.id`,
    [unitPath, range.from, range.to],
  );
}

/**
 * The revision, in the course's current version, of a lesson given by its stable address or by a revision id;
 * undefined when the lesson is not in the course.
 */
export async function currentLessonRevision(
  db: Queryable,
  courseId: string,
  lessonId: string,
): Promise<string | undefined> {
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT lr.id FROM courses c
       JOIN course_version_lessons vl ON vl.course_version_id = c.current_version_id
       JOIN lesson_revisions lr ON lr.id = vl.lesson_revision_id
      WHERE c.id = $1 AND (lr.lesson_id = $2 OR lr.id = $2) LIMIT 1`,
    [courseId, lessonId],
  );
  return row?.id;
}
