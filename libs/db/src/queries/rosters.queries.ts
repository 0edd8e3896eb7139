import { BASE_ROLE, type RosterRow, type ScopeFilter } from '@hocvuso/domain';
import { scopeCondition } from './scope-conditions';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * A row that named a person: `created` (a new account, placed and enrolled by the roster), `invited` (an
 * existing account: an invitation waits for the person; nothing of the account changed) or `matched` (an
 * existing account already placed there and enrolled in every course: nothing to do).
 */
export interface PlacedRosterRow {
  line: number;
  status: 'created' | 'invited' | 'matched';
  userId: string;
  name: string;
  /** The contact of the account: the created one's, or the existing account's own (used only to invite it). */
  email: string | null;
  phone: string | null;
  language: string;
  /** Created: the courses it was enrolled in. Invited: the courses the invitation offers. */
  newCourseIds: string[];
  /** Invited: the invitation, and whether this upload made it (or added courses to it) so it is worth telling. */
  invitationId: string | null;
  invitationNew: boolean;
  /** The unit path the row places the person in (the audit scope). */
  unitPath: string;
  placeName: string;
}

export type AppliedRosterRow =
  PlacedRosterRow | { line: number; status: 'rejected'; errors: Array<{ field: string; message: string }> };

/**
 * Bulk enrolment, set-based so a 10,000-row roster is a handful of statements inside the caller's transaction:
 * rows are placed (unit or organisation, which must be in the admin's scope) and matched to existing accounts by
 * e-mail or phone. A new account is created, placed, enrolled, and its origin recorded (a roster, by whom,
 * where). An existing account is never placed, claimed or enrolled: it gets a pending invitation (one per
 * person and place; a re-upload adds the new courses to it) that only the person can accept.
 * Re-uploading the same file creates nothing and invites nobody anew.
 */
export async function applyRoster(
  db: Queryable,
  rows: RosterRow[],
  courseIds: string[],
  scope: ScopeFilter,
  ctx: { importId: string; adminId: string },
): Promise<AppliedRosterRow[]> {
  await execute(
    db,
    `CREATE TEMP TABLE roster_in (
      line int PRIMARY KEY, name text, email text, phone text, unit_code text, org_code text, target_group text, sub_groups text[],
      language text, unit_id uuid, unit_path text, org_id uuid, place_name text, user_id uuid, existing boolean DEFAULT false,
      placed_here boolean DEFAULT false, error_field text, error text, new_courses text[] NOT NULL DEFAULT '{}',
      invitation_id uuid, invitation_new boolean NOT NULL DEFAULT false
    ) ON COMMIT DROP`,
  );
  await execute(db, `CREATE INDEX ON roster_in (email)`);
  await execute(db, `CREATE INDEX ON roster_in (phone)`);
  await execute(
    db,
    `INSERT INTO roster_in (line, name, email, phone, unit_code, org_code, target_group, sub_groups, language)
     SELECT t.line, t.name, t.email, t.phone, t.unit_code, t.org_code, t.target_group,
            coalesce(ARRAY(SELECT jsonb_array_elements_text(t.subs)), '{}'), t.language
       FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[])
            AS t(line, name, email, phone, unit_code, org_code, target_group, subs, language)`,
    [
      rows.map((r) => r.line),
      rows.map((r) => r.name),
      rows.map((r) => r.email),
      rows.map((r) => r.phone),
      rows.map((r) => r.unitCode),
      rows.map((r) => r.organisationCode),
      rows.map((r) => r.targetGroup),
      rows.map((r) => JSON.stringify(r.subGroups)),
      rows.map((r) => r.language),
    ],
  );
  // Placement: the organisation (and its unit), else the unit, valid today.
  await execute(
    db,
    `UPDATE roster_in r SET org_id = o.id, unit_id = o.unit_id, unit_path = u.path, place_name = o.name
                    FROM organisations o JOIN administrative_units u ON u.id = o.unit_id WHERE r.org_code IS NOT NULL AND o.code = r.org_code`,
  );
  await execute(
    db,
    `UPDATE roster_in r SET unit_id = u.id, unit_path = u.path, place_name = u.name FROM administrative_units u
                   WHERE r.org_code IS NULL AND r.unit_code IS NOT NULL AND u.code = r.unit_code
                     AND u.valid_from <= current_date AND (u.valid_to IS NULL OR u.valid_to > current_date)`,
  );
  await execute(
    db,
    `UPDATE roster_in SET error_field = 'organisation_code', error = 'no such organisation' WHERE org_code IS NOT NULL AND org_id IS NULL`,
  );
  await execute(
    db,
    `UPDATE roster_in SET error_field = 'unit_code', error = 'no current unit with this code'
                   WHERE error IS NULL AND org_code IS NULL AND unit_code IS NOT NULL AND unit_id IS NULL`,
  );
  await execute(
    db,
    `UPDATE roster_in SET error_field = 'unit_code', error = 'give the unit_code or organisation_code of the person'
                   WHERE error IS NULL AND unit_id IS NULL`,
  );
  const inScope = scopeCondition('roster_in', scope, 1, 'org_id');
  await execute(
    db,
    `UPDATE roster_in SET error_field = coalesce(error_field, 'unit_code'), error = 'outside the area you administer'
      WHERE error IS NULL AND NOT ${inScope.sql}`,
    inScope.params,
  );
  // Matching existing accounts (by e-mail, else by phone). They are only ever invited, wherever they are placed.
  await execute(
    db,
    `UPDATE roster_in r SET user_id = u.id, existing = true FROM users u WHERE r.error IS NULL AND r.email IS NOT NULL AND u.email = r.email`,
  );
  await execute(
    db,
    `UPDATE roster_in r SET user_id = u.id, existing = true FROM users u WHERE r.error IS NULL AND r.email IS NULL AND u.phone = r.phone`,
  );
  // One account once: a line that matched the account of an earlier line (its e-mail on one, its phone on the other).
  await execute(
    db,
    `UPDATE roster_in r SET error_field = CASE WHEN r.email IS NULL THEN 'phone' ELSE 'email' END,
                         error = 'this person appears on an earlier line'
                   WHERE r.error IS NULL AND r.existing
                     AND EXISTS (SELECT 1 FROM roster_in e WHERE e.user_id = r.user_id AND e.line < r.line AND e.error IS NULL)`,
  );
  // A new account must not take a phone number that another account, or an earlier row, already has.
  await execute(
    db,
    `UPDATE roster_in r SET error_field = 'phone', error = 'this phone number belongs to another account'
                   WHERE r.error IS NULL AND NOT r.existing AND r.phone IS NOT NULL
                     AND EXISTS (SELECT 1 FROM users u WHERE u.phone = r.phone)`,
  );
  await execute(
    db,
    `UPDATE roster_in r SET error_field = 'phone', error = 'this phone number appears on an earlier line'
                   WHERE r.error IS NULL AND NOT r.existing AND r.phone IS NOT NULL
                     AND EXISTS (SELECT 1 FROM roster_in e WHERE e.phone = r.phone AND e.line < r.line AND e.error IS NULL)`,
  );
  // New accounts: created, placed, recorded as created by this roster, enrolled.
  await execute(
    db,
    `WITH created AS (
                    INSERT INTO users (display_name, email, phone, language)
                    SELECT name, email, phone, language FROM roster_in WHERE error IS NULL AND NOT existing
                    RETURNING id, email, phone)
                  UPDATE roster_in r SET user_id = c.id FROM created c
                   WHERE r.error IS NULL AND NOT r.existing AND r.email IS NOT NULL AND c.email = r.email`,
  );
  await execute(
    db,
    `UPDATE roster_in r SET user_id = u.id FROM users u
                   WHERE r.error IS NULL AND NOT r.existing AND r.user_id IS NULL AND r.email IS NULL AND u.phone = r.phone`,
  );
  await execute(
    db,
    `INSERT INTO role_grants (user_id, role) SELECT user_id, $1::text FROM roster_in WHERE error IS NULL AND NOT existing`,
    [BASE_ROLE],
  );
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id)
                  SELECT user_id, ARRAY[target_group], sub_groups, unit_id, unit_path, org_id FROM roster_in WHERE error IS NULL AND NOT existing`,
  );
  await execute(
    db,
    `INSERT INTO account_origins (user_id, origin, created_by, unit_id, unit_path, organisation_id)
     SELECT user_id, 'roster', $1, unit_id, unit_path, org_id FROM roster_in WHERE error IS NULL AND NOT existing`,
    [ctx.adminId],
  );
  await execute(
    db,
    `WITH enrolled AS (
       INSERT INTO enrolments (user_id, course_id)
       SELECT r.user_id, c FROM roster_in r CROSS JOIN unnest($1::text[]) AS c WHERE r.error IS NULL AND NOT r.existing
       ON CONFLICT (user_id, course_id) DO NOTHING
       RETURNING user_id, course_id)
     UPDATE roster_in r SET new_courses = n.courses
       FROM (SELECT user_id, array_agg(course_id ORDER BY course_id) AS courses FROM enrolled GROUP BY user_id) n
      WHERE r.error IS NULL AND NOT r.existing AND r.user_id = n.user_id`,
    [courseIds],
  );
  // Existing accounts: what the roster would change (a place, courses), offered as an invitation.
  await execute(
    db,
    `UPDATE roster_in r SET
        new_courses = ARRAY(SELECT c FROM unnest($1::text[]) AS c
                             WHERE NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.user_id = r.user_id AND e.course_id = c) ORDER BY c),
        placed_here = EXISTS (SELECT 1 FROM learner_profiles lp WHERE lp.user_id = r.user_id
                               AND CASE WHEN r.org_id IS NOT NULL THEN lp.organisation_id = r.org_id
                                        ELSE lp.unit_path LIKE r.unit_path || '%' END)
      WHERE r.error IS NULL AND r.existing`,
    [courseIds],
  );
  await execute(
    db,
    `WITH up AS (
       INSERT INTO roster_invitations (import_id, user_id, invited_by, unit_id, unit_path, organisation_id, target_group, sub_groups, course_ids)
       SELECT $1, user_id, $2, unit_id, unit_path, org_id, target_group, sub_groups, new_courses FROM roster_in
        WHERE error IS NULL AND existing AND (NOT placed_here OR cardinality(new_courses) > 0)
       ON CONFLICT (user_id, coalesce(unit_id::text, ''), coalesce(organisation_id::text, '')) WHERE status = 'pending'
       DO UPDATE SET course_ids = ARRAY(SELECT DISTINCT x FROM unnest(roster_invitations.course_ids || EXCLUDED.course_ids) AS x ORDER BY 1),
                     import_id = EXCLUDED.import_id, invited_by = EXCLUDED.invited_by
        WHERE NOT (roster_invitations.course_ids @> EXCLUDED.course_ids)
       RETURNING id, user_id)
     UPDATE roster_in r SET invitation_id = up.id, invitation_new = true FROM up
      WHERE r.error IS NULL AND r.existing AND r.user_id = up.user_id`,
    [ctx.importId, ctx.adminId],
  );
  // Invited already with these courses: the pending invitation stands (nothing is sent again).
  await execute(
    db,
    `UPDATE roster_in r SET invitation_id = i.id FROM roster_invitations i
      WHERE r.error IS NULL AND r.existing AND r.invitation_id IS NULL AND (NOT r.placed_here OR cardinality(r.new_courses) > 0)
        AND i.user_id = r.user_id AND i.status = 'pending'
        AND coalesce(i.unit_id::text, '') = coalesce(r.unit_id::text, '') AND coalesce(i.organisation_id::text, '') = coalesce(r.org_id::text, '')`,
  );
  const out = await selectRows<{
    line: number;
    user_id: string | null;
    existing: boolean;
    error_field: string | null;
    error: string | null;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    new_courses: string[];
    invitation_id: string | null;
    invitation_new: boolean;
    unit_path: string | null;
    place_name: string | null;
  }>(
    db,
    `SELECT r.line, r.user_id, r.existing, r.error_field, r.error, coalesce(u.display_name, r.name) AS name,
            u.email, u.phone, coalesce(u.language, r.language, 'vi') AS language, r.new_courses, r.invitation_id, r.invitation_new,
            r.unit_path, r.place_name
       FROM roster_in r LEFT JOIN users u ON u.id = r.user_id AND r.error IS NULL
      ORDER BY r.line`,
  );
  return out.map((r): AppliedRosterRow =>
    r.error
      ? { line: r.line, status: 'rejected', errors: [{ field: r.error_field ?? 'row', message: r.error }] }
      : {
          line: r.line,
          status: !r.existing ? 'created' : r.invitation_id ? 'invited' : 'matched',
          userId: r.user_id!,
          name: r.name,
          email: r.email,
          phone: r.phone,
          language: r.language,
          newCourseIds: r.new_courses,
          invitationId: r.invitation_id,
          invitationNew: r.invitation_new,
          unitPath: r.unit_path!,
          placeName: r.place_name ?? '',
        },
  );
}

/** Users among `userIds` who turned e-mail off. */
export async function emailDisabledUsers(db: Queryable, userIds: string[]): Promise<Set<string>> {
  const rows = await selectRows<{ user_id: string }>(
    db,
    `SELECT user_id FROM notification_preferences WHERE user_id = ANY ($1::uuid[]) AND NOT email_enabled`,
    [userIds],
  );
  return new Set(rows.map((r) => r.user_id));
}

/** One audit row per person a roster created or invited, set-based (a 10,000-row roster is one statement). */
export async function auditRosterPeople(
  db: Queryable,
  entries: Array<{ action: string; userId: string; scope: string; after: unknown }>,
  actor: string,
): Promise<void> {
  if (entries.length === 0) return;
  await execute(
    db,
    `INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, scope, after)
     SELECT $1, t.action, 'user', t.subject, t.scope, t.after
       FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(action, subject, scope, after)`,
    [
      actor,
      entries.map((e) => e.action),
      entries.map((e) => e.userId),
      entries.map((e) => e.scope),
      entries.map((e) => JSON.stringify(e.after)),
    ],
  );
}

// ---- roster imports (the uploader reads their own) ----------------------------------------------------------

export async function insertRosterImport(
  db: Queryable,
  uploadedBy: string,
  courseIds: string[],
  uploaderScope: unknown,
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO roster_imports (uploaded_by, course_ids, uploader_scope, summary, rows) VALUES ($1, $2, $3, '{}', '[]') RETURNING id`,
    [uploadedBy, courseIds, JSON.stringify(uploaderScope)],
  );
  return row!.id;
}

export async function completeRosterImport(
  db: Queryable,
  id: string,
  summary: unknown,
  rows: unknown,
): Promise<void> {
  await execute(db, `UPDATE roster_imports SET summary = $2, rows = $3 WHERE id = $1`, [
    id,
    JSON.stringify(summary),
    JSON.stringify(rows),
  ]);
}

export interface RosterImportRow {
  id: string;
  course_ids: string[];
  summary: Record<string, unknown>;
  rows?: unknown[];
  created_at: Date;
}

/** The uploader's own imports, newest first (without the rows). */
export function rosterImportsOf(
  db: Queryable,
  uploadedBy: string,
  limit: number,
): Promise<RosterImportRow[]> {
  return selectRows<RosterImportRow>(
    db,
    `SELECT id, course_ids, summary, created_at FROM roster_imports WHERE uploaded_by = $1 ORDER BY created_at DESC, id LIMIT $2`,
    [uploadedBy, limit],
  );
}

/** One import with its rows, only if `uploadedBy` uploaded it. */
export async function rosterImportOf(
  db: Queryable,
  id: string,
  uploadedBy: string,
): Promise<RosterImportRow | undefined> {
  return selectOne<RosterImportRow>(
    db,
    `SELECT id, course_ids, summary, rows, created_at FROM roster_imports WHERE id = $1 AND uploaded_by = $2`,
    [id, uploadedBy],
  );
}

// ---- invitations (the person answers) ------------------------------------------------------------------------

export interface RosterInvitationRow {
  id: string;
  status: 'pending' | 'accepted' | 'declined';
  unit_id: string | null;
  unit_path: string | null;
  unit_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  target_group: string;
  sub_groups: string[];
  course_ids: string[];
  created_at: Date;
  responded_at: Date | null;
}

const INVITATION_COLUMNS = `i.id, i.status, i.unit_id, i.unit_path, au.name AS unit_name, i.organisation_id, o.name AS organisation_name,
       i.target_group, i.sub_groups, i.course_ids, i.created_at, i.responded_at`;

/** A person's invitations, pending first then newest. */
export function invitationsOf(db: Queryable, userId: string): Promise<RosterInvitationRow[]> {
  return selectRows<RosterInvitationRow>(
    db,
    `SELECT ${INVITATION_COLUMNS}
       FROM roster_invitations i LEFT JOIN administrative_units au ON au.id = i.unit_id LEFT JOIN organisations o ON o.id = i.organisation_id
      WHERE i.user_id = $1 ORDER BY (i.status = 'pending') DESC, i.created_at DESC LIMIT 100`,
    [userId],
  );
}

/** A pending invitation of this person, locked (inside the caller's transaction). */
export async function lockPendingInvitation(
  db: Queryable,
  id: string,
  userId: string,
): Promise<RosterInvitationRow | undefined> {
  return selectOne<RosterInvitationRow>(
    db,
    `SELECT ${INVITATION_COLUMNS}
       FROM roster_invitations i LEFT JOIN administrative_units au ON au.id = i.unit_id LEFT JOIN organisations o ON o.id = i.organisation_id
      WHERE i.id = $1 AND i.user_id = $2 AND i.status = 'pending' FOR UPDATE OF i`,
    [id, userId],
  );
}

/**
 * The person accepted: they are placed where the invitation says (a unit already inside that unit is kept; an
 * organisation is set), its target group and sub-groups are added, and they are enrolled in its published courses.
 * Returns the courses newly enrolled; the answer itself is recorded by answerInvitation.
 */
export async function acceptInvitation(
  db: Queryable,
  inv: RosterInvitationRow,
  userId: string,
): Promise<string[]> {
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id)
     VALUES ($1, ARRAY[$2::text], $3::text[], $4, $5, $6)
     ON CONFLICT (user_id) DO UPDATE SET
       target_groups = ARRAY(SELECT DISTINCT x FROM unnest(learner_profiles.target_groups || EXCLUDED.target_groups) AS x ORDER BY 1),
       sub_groups = ARRAY(SELECT DISTINCT x FROM unnest(learner_profiles.sub_groups || EXCLUDED.sub_groups) AS x ORDER BY 1),
       unit_id = CASE WHEN learner_profiles.unit_path LIKE EXCLUDED.unit_path || '%' THEN learner_profiles.unit_id ELSE EXCLUDED.unit_id END,
       unit_path = CASE WHEN learner_profiles.unit_path LIKE EXCLUDED.unit_path || '%' THEN learner_profiles.unit_path ELSE EXCLUDED.unit_path END,
       household_id = CASE WHEN learner_profiles.unit_path LIKE EXCLUDED.unit_path || '%' THEN learner_profiles.household_id ELSE NULL END,
       organisation_id = coalesce(EXCLUDED.organisation_id, learner_profiles.organisation_id),
       updated_at = now()`,
    [userId, inv.target_group, inv.sub_groups, inv.unit_id, inv.unit_path, inv.organisation_id],
  );
  const enrolled = await selectRows<{ course_id: string }>(
    db,
    `INSERT INTO enrolments (user_id, course_id)
     SELECT $1, c.id FROM courses c WHERE c.id = ANY ($2::text[]) AND c.published
     ON CONFLICT (user_id, course_id) DO NOTHING RETURNING course_id`,
    [userId, inv.course_ids],
  );
  return enrolled.map((e) => e.course_id).sort();
}

/** Records the person's answer to a pending invitation (locked by the caller); returns when it was given. */
export async function answerInvitation(
  db: Queryable,
  id: string,
  status: 'accepted' | 'declined',
): Promise<Date> {
  const row = await selectOne<{ responded_at: Date }>(
    db,
    `UPDATE roster_invitations SET status = $2, responded_at = now() WHERE id = $1 RETURNING responded_at`,
    [id, status],
  );
  return row!.responded_at;
}

export interface PublishedCourseTitleRow {
  id: string;
  title: { vi: string; en?: string };
}

/** The published courses among `courseIds`, with their current titles (unknown or unpublished ones are left out). */
export function publishedCourseTitles(
  db: Queryable,
  courseIds: string[],
): Promise<PublishedCourseTitleRow[]> {
  return selectRows<PublishedCourseTitleRow>(
    db,
    `SELECT c.id, v.title FROM courses c JOIN course_versions v ON v.id = c.current_version_id
      WHERE c.id = ANY ($1::text[]) AND c.published ORDER BY c.id`,
    [courseIds],
  );
}
