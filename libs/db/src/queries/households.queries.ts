import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Digital families: household membership (one household per person), the invitation links members hand out,
 * the household view's facts, and the facts of the indicator by unit.
 */

export interface MembershipRow {
  household_id: string;
  code: string;
  unit_id: string;
  unit_name: string;
  unit_path: string;
  joined_at: Date;
}

/** The household a person belongs to, or undefined. */
export function householdOf(db: Queryable, userId: string): Promise<MembershipRow | undefined> {
  return selectOne<MembershipRow>(
    db,
    `SELECT m.household_id, h.code, h.unit_id, au.name AS unit_name, au.path AS unit_path, m.joined_at
       FROM household_members m JOIN households h ON h.id = m.household_id
       JOIN administrative_units au ON au.id = h.unit_id
      WHERE m.user_id = $1`,
    [userId],
  );
}

/** The household with this code in a unit (made when new), locked, with how many members it has. */
export async function lockHouseholdByCode(
  db: Queryable,
  unitId: string,
  code: string,
): Promise<{ id: string; members: number }> {
  await execute(
    db,
    `INSERT INTO households (unit_id, code) VALUES ($1, $2) ON CONFLICT (unit_id, code) DO NOTHING`,
    [unitId, code],
  );
  const row = await selectOne<{ id: string }>(
    db,
    `SELECT id FROM households WHERE unit_id = $1 AND code = $2 FOR UPDATE`,
    [unitId, code],
  );
  const count = await selectOne<{ members: number }>(
    db,
    `SELECT count(*)::int AS members FROM household_members WHERE household_id = $1`,
    [row!.id],
  );
  return { id: row!.id, members: count!.members };
}

/** Adds a person to a household; false when they belong to one already (one household per person). */
export async function insertHouseholdMember(
  db: Queryable,
  userId: string,
  householdId: string,
): Promise<boolean> {
  const rows = await selectRows<{ user_id: string }>(
    db,
    `INSERT INTO household_members (user_id, household_id) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
    [userId, householdId],
  );
  return rows.length > 0;
}

/** A person leaves their household; whoever named them as guide there names nobody now. */
export async function leaveHousehold(db: Queryable, userId: string): Promise<string | undefined> {
  const row = await selectOne<{ household_id: string }>(
    db,
    `DELETE FROM household_members WHERE user_id = $1 RETURNING household_id`,
    [userId],
  );
  if (row)
    await execute(
      db,
      `UPDATE household_members SET guided_by = NULL WHERE household_id = $1 AND guided_by = $2`,
      [row.household_id, userId],
    );
  return row?.household_id;
}

/**
 * A member names who in their household guides them (or nobody, with null). 0 when the named person is not a
 * member of the same household (or is the member themselves).
 */
export function setHouseholdGuide(db: Queryable, userId: string, guideId: string | null): Promise<number> {
  return execute(
    db,
    `UPDATE household_members m SET guided_by = $2
      WHERE m.user_id = $1 AND ($2::uuid IS NULL OR ($2::uuid <> m.user_id AND EXISTS (
              SELECT 1 FROM household_members g WHERE g.user_id = $2::uuid AND g.household_id = m.household_id)))`,
    [userId, guideId],
  );
}

export interface HouseholdMemberRow {
  user_id: string;
  display_name: string;
  joined_at: Date;
  guided_by: string | null;
  ambassador: boolean;
  completed: Array<{ courseId: string; title: Record<string, string> }>;
  in_progress: number;
}

/**
 * The members of a household with what they learned (completed courses, courses in progress), who they say
 * guides them and whether they are an ambassador (`ambassadorRoles`: the roles holding that capability).
 */
export function householdMembers(
  db: Queryable,
  householdId: string,
  ambassadorRoles: readonly string[],
): Promise<HouseholdMemberRow[]> {
  return selectRows<HouseholdMemberRow>(
    db,
    `SELECT m.user_id, u.display_name, m.joined_at, m.guided_by,
            EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.role = ANY($2::text[]) AND g.revoked_at IS NULL) AS ambassador,
            coalesce((SELECT json_agg(json_build_object('courseId', e.course_id, 'title', v.title) ORDER BY e.completed_at)
                        FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN course_versions v ON v.id = c.current_version_id
                       WHERE e.user_id = m.user_id AND e.status = 'completed'), '[]'::json) AS completed,
            (SELECT count(*)::int FROM enrolments e WHERE e.user_id = m.user_id AND e.status <> 'completed') AS in_progress
       FROM household_members m JOIN users u ON u.id = m.user_id
      WHERE m.household_id = $1 AND u.deidentified_at IS NULL
      ORDER BY m.joined_at, m.user_id`,
    [householdId, ambassadorRoles],
  );
}

// ---------- invitations ----------

/** Invitations a member made today (Vietnam day) and those still open. */
export async function householdInvitationCounts(
  db: Queryable,
  userId: string,
): Promise<{ createdToday: number; open: number }> {
  const row = await selectOne<{ created_today: number; open: number }>(
    db,
    `SELECT count(*) FILTER (WHERE (created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date = (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::int AS created_today,
            count(*) FILTER (WHERE used_by IS NULL AND expires_at > now())::int AS open
       FROM household_invitations WHERE invited_by = $1 AND created_at > now() - interval '400 days'`,
    [userId],
  );
  return { createdToday: row?.created_today ?? 0, open: row?.open ?? 0 };
}

/** Serialises one member's invitation-making (the caps) until the transaction ends. */
export async function lockHouseholdInviter(db: Queryable, userId: string): Promise<void> {
  await selectRows(
    db,
    `SELECT pg_advisory_xact_lock(hashtextextended('household-inviter:' || $1::text, 0))`,
    [userId],
  );
}

export async function insertHouseholdInvitation(
  db: Queryable,
  householdId: string,
  invitedBy: string,
  ttlHours: number,
): Promise<{ id: string; expires_at: Date }> {
  const row = await selectOne<{ id: string; expires_at: Date }>(
    db,
    `INSERT INTO household_invitations (household_id, invited_by, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => $3)) RETURNING id, expires_at`,
    [householdId, invitedBy, ttlHours],
  );
  return row!;
}

export interface HouseholdInvitationRow {
  id: string;
  household_id: string;
  invited_by: string;
  inviter_name: string;
  unit_name: string;
  expires_at: Date;
  used_by: string | null;
  expired: boolean;
  /** The inviter still belongs to the household (a member who left cannot bring anyone in). */
  inviter_member: boolean;
}

const HOUSEHOLD_INVITATION_SELECT = `SELECT i.id, i.household_id, i.invited_by, u.display_name AS inviter_name, au.name AS unit_name,
            i.expires_at, i.used_by, i.expires_at <= now() AS expired,
            EXISTS (SELECT 1 FROM household_members m WHERE m.user_id = i.invited_by AND m.household_id = i.household_id) AS inviter_member
       FROM household_invitations i JOIN users u ON u.id = i.invited_by
       JOIN households h ON h.id = i.household_id JOIN administrative_units au ON au.id = h.unit_id`;

export function householdInvitation(db: Queryable, id: string): Promise<HouseholdInvitationRow | undefined> {
  return selectOne<HouseholdInvitationRow>(db, `${HOUSEHOLD_INVITATION_SELECT} WHERE i.id = $1`, [id]);
}

export function lockHouseholdInvitation(
  db: Queryable,
  id: string,
): Promise<HouseholdInvitationRow | undefined> {
  return selectOne<HouseholdInvitationRow>(
    db,
    `${HOUSEHOLD_INVITATION_SELECT} WHERE i.id = $1 FOR UPDATE OF i`,
    [id],
  );
}

/** Marks an unused invitation used by this person; 0 when someone used it already. */
export function useHouseholdInvitation(db: Queryable, id: string, userId: string): Promise<number> {
  return execute(
    db,
    `UPDATE household_invitations SET used_by = $2, used_at = now() WHERE id = $1 AND used_by IS NULL`,
    [id, userId],
  );
}

// ---------- the indicator ----------

export interface HouseholdFactsRow {
  unit_path: string;
  members: Array<{
    userId: string;
    completedCourses: number;
    isAmbassador: boolean;
    guidedBy: string | null;
  }>;
}

/**
 * Every household with members in a unit's subtree, with the facts of its members for the indicator's rule (the
 * caller checked that the unit is in its reach, so its whole subtree is).
 */
export function householdFacts(
  db: Queryable,
  unitPath: string,
  ambassadorRoles: readonly string[],
): Promise<HouseholdFactsRow[]> {
  return selectRows<HouseholdFactsRow>(
    db,
    `SELECT au.path AS unit_path,
            json_agg(json_build_object(
              'userId', m.user_id,
              'completedCourses', (SELECT count(*) FROM enrolments e WHERE e.user_id = m.user_id AND e.status = 'completed'),
              'isAmbassador', EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = m.user_id AND g.role = ANY($2::text[]) AND g.revoked_at IS NULL),
              'guidedBy', m.guided_by)) AS members
       FROM households h JOIN administrative_units au ON au.id = h.unit_id
       JOIN household_members m ON m.household_id = h.id
      WHERE au.path LIKE $1 || '%'
      GROUP BY h.id, au.path`,
    [unitPath, ambassadorRoles],
  );
}

/** A unit and its direct children (path, name), for the indicator's table. */
export function unitWithChildren(
  db: Queryable,
  unitId: string,
): Promise<Array<{ id: string; name: string; path: string; parent: boolean }>> {
  return selectRows(
    db,
    `SELECT u.id, u.name, u.path, u.id = $1 AS parent FROM administrative_units u
      WHERE u.id = $1 OR u.parent_id = $1 ORDER BY (u.id = $1) DESC, u.name, u.id`,
    [unitId],
  );
}
