import type { RosterRow, ScopeFilter } from '@hocvuso/domain';
import { scopeCondition } from './compliance.queries';
import type { Queryable } from './queryable';

/** A placed row (created or matched), with what the invitation step needs to know about it. */
export interface PlacedRosterRow {
  line: number;
  status: 'created' | 'matched';
  userId: string;
  name: string;
  /** The contact of the account: the created one's, or the matched account's own. */
  email: string | null;
  phone: string | null;
  language: string;
  /** The courses this upload enrolled the person in (empty when they were enrolled in all of them already). */
  newCourseIds: string[];
}

export type AppliedRosterRow =
  PlacedRosterRow | { line: number; status: 'rejected'; errors: Array<{ field: string; message: string }> };

/**
 * Bulk enrolment, set-based so a 10,000-row roster is a handful of statements inside the caller's transaction:
 * rows are placed (unit or organisation, which must be in the admin's scope), matched to existing accounts by
 * e-mail or phone or created, given a profile, and enrolled in the courses. Each placed row says which courses
 * it was newly enrolled in (by this statement, so two concurrent uploads cannot both claim one enrolment).
 * Re-uploading the same file matches everyone, creates nothing and enrols in nothing new.
 */
export async function applyRoster(
  db: Queryable,
  rows: RosterRow[],
  courseIds: string[],
  scope: ScopeFilter,
): Promise<AppliedRosterRow[]> {
  await db.query(`CREATE TEMP TABLE roster_in (
      line int PRIMARY KEY, name text, email text, phone text, unit_code text, org_code text, target_group text, sub_groups text[],
      language text, unit_id uuid, unit_path text, org_id uuid, user_id uuid, existing boolean DEFAULT false, error_field text, error text,
      new_courses text[] NOT NULL DEFAULT '{}'
    ) ON COMMIT DROP`);
  await db.query(`CREATE INDEX ON roster_in (email)`);
  await db.query(`CREATE INDEX ON roster_in (phone)`);
  await db.query(
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
  await db.query(`UPDATE roster_in r SET org_id = o.id, unit_id = o.unit_id, unit_path = u.path
                    FROM organisations o JOIN administrative_units u ON u.id = o.unit_id WHERE r.org_code IS NOT NULL AND o.code = r.org_code`);
  await db.query(`UPDATE roster_in r SET unit_id = u.id, unit_path = u.path FROM administrative_units u
                   WHERE r.org_code IS NULL AND r.unit_code IS NOT NULL AND u.code = r.unit_code
                     AND u.valid_from <= current_date AND (u.valid_to IS NULL OR u.valid_to > current_date)`);
  await db.query(
    `UPDATE roster_in SET error_field = 'organisation_code', error = 'no such organisation' WHERE org_code IS NOT NULL AND org_id IS NULL`,
  );
  await db.query(`UPDATE roster_in SET error_field = 'unit_code', error = 'no current unit with this code'
                   WHERE error IS NULL AND org_code IS NULL AND unit_code IS NOT NULL AND unit_id IS NULL`);
  await db.query(`UPDATE roster_in SET error_field = 'unit_code', error = 'give the unit_code or organisation_code of the person'
                   WHERE error IS NULL AND unit_id IS NULL`);
  const inScope = scopeCondition('roster_in', scope, 1, 'org_id');
  await db.query(
    `UPDATE roster_in SET error_field = coalesce(error_field, 'unit_code'), error = 'outside the area you administer'
      WHERE error IS NULL AND NOT ${inScope.sql}`,
    inScope.params,
  );
  // Matching existing accounts; someone already placed elsewhere (out of this admin's scope) is not moved.
  await db.query(
    `UPDATE roster_in r SET user_id = u.id, existing = true FROM users u WHERE r.error IS NULL AND r.email IS NOT NULL AND u.email = r.email`,
  );
  await db.query(
    `UPDATE roster_in r SET user_id = u.id, existing = true FROM users u WHERE r.error IS NULL AND r.email IS NULL AND u.phone = r.phone`,
  );
  const placedInScope = scopeCondition('lp', scope, 1);
  await db.query(
    `UPDATE roster_in r SET error_field = 'email', error = 'this person belongs to another unit or organisation'
       FROM learner_profiles lp
      WHERE r.error IS NULL AND r.existing AND lp.user_id = r.user_id AND lp.unit_path IS NOT NULL
        AND NOT ${placedInScope.sql}`,
    placedInScope.params,
  );
  // One account once: a line that matched the account of an earlier line (its e-mail on one, its phone on the other).
  await db.query(`UPDATE roster_in r SET error_field = CASE WHEN r.email IS NULL THEN 'phone' ELSE 'email' END,
                         error = 'this person appears on an earlier line'
                   WHERE r.error IS NULL AND r.existing
                     AND EXISTS (SELECT 1 FROM roster_in e WHERE e.user_id = r.user_id AND e.line < r.line AND e.error IS NULL)`);
  // A new account must not take a phone number that another account, or an earlier row, already has.
  await db.query(`UPDATE roster_in r SET error_field = 'phone', error = 'this phone number belongs to another account'
                   WHERE r.error IS NULL AND NOT r.existing AND r.phone IS NOT NULL
                     AND EXISTS (SELECT 1 FROM users u WHERE u.phone = r.phone)`);
  await db.query(`UPDATE roster_in r SET error_field = 'phone', error = 'this phone number appears on an earlier line'
                   WHERE r.error IS NULL AND NOT r.existing AND r.phone IS NOT NULL
                     AND EXISTS (SELECT 1 FROM roster_in e WHERE e.phone = r.phone AND e.line < r.line AND e.error IS NULL)`);
  await db.query(`WITH created AS (
                    INSERT INTO users (display_name, email, phone, language)
                    SELECT name, email, phone, language FROM roster_in WHERE error IS NULL AND NOT existing
                    RETURNING id, email, phone)
                  UPDATE roster_in r SET user_id = c.id FROM created c
                   WHERE r.error IS NULL AND NOT r.existing AND r.email IS NOT NULL AND c.email = r.email`);
  await db.query(`UPDATE roster_in r SET user_id = u.id FROM users u
                   WHERE r.error IS NULL AND NOT r.existing AND r.user_id IS NULL AND r.email IS NULL AND u.phone = r.phone`);
  await db.query(
    `INSERT INTO role_grants (user_id, role) SELECT user_id, 'learner' FROM roster_in WHERE error IS NULL AND NOT existing`,
  );
  await db.query(`INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id)
                  SELECT user_id, ARRAY[target_group], sub_groups, unit_id, unit_path, org_id FROM roster_in WHERE error IS NULL
                  ON CONFLICT (user_id) DO UPDATE SET
                    target_groups = (SELECT ARRAY(SELECT DISTINCT x FROM unnest(learner_profiles.target_groups || EXCLUDED.target_groups) x ORDER BY 1)),
                    unit_id = coalesce(learner_profiles.unit_id, EXCLUDED.unit_id),
                    unit_path = coalesce(learner_profiles.unit_path, EXCLUDED.unit_path),
                    organisation_id = coalesce(learner_profiles.organisation_id, EXCLUDED.organisation_id)
                  WHERE NOT (learner_profiles.target_groups @> EXCLUDED.target_groups) OR learner_profiles.unit_id IS NULL
                     OR (learner_profiles.organisation_id IS NULL AND EXCLUDED.organisation_id IS NOT NULL)`);
  await db.query(
    `WITH enrolled AS (
       INSERT INTO enrolments (user_id, course_id)
       SELECT r.user_id, c FROM roster_in r CROSS JOIN unnest($1::text[]) AS c WHERE r.error IS NULL
       ON CONFLICT (user_id, course_id) DO NOTHING
       RETURNING user_id, course_id)
     UPDATE roster_in r SET new_courses = n.courses
       FROM (SELECT user_id, array_agg(course_id ORDER BY course_id) AS courses FROM enrolled GROUP BY user_id) n
      WHERE r.error IS NULL AND r.user_id = n.user_id`,
    [courseIds],
  );
  const out: Array<{
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
  }> = await db.query(
    `SELECT r.line, r.user_id, r.existing, r.error_field, r.error, coalesce(u.display_name, r.name) AS name,
            u.email, u.phone, coalesce(u.language, r.language, 'vi') AS language, r.new_courses
       FROM roster_in r LEFT JOIN users u ON u.id = r.user_id AND r.error IS NULL
      ORDER BY r.line`,
  );
  return out.map((r): AppliedRosterRow =>
    r.error
      ? { line: r.line, status: 'rejected', errors: [{ field: r.error_field ?? 'row', message: r.error }] }
      : {
          line: r.line,
          status: r.existing ? 'matched' : 'created',
          userId: r.user_id!,
          name: r.name,
          email: r.email,
          phone: r.phone,
          language: r.language,
          newCourseIds: r.new_courses,
        },
  );
}

/** The published courses among `courseIds`, with their current titles (unknown or unpublished ones are left out). */
export function publishedCourseTitles(
  db: Queryable,
  courseIds: string[],
): Promise<Array<{ id: string; title: { vi: string; en?: string } }>> {
  return db.query(
    `SELECT c.id, v.title FROM courses c JOIN course_versions v ON v.id = c.current_version_id
      WHERE c.id = ANY ($1::text[]) AND c.published ORDER BY c.id`,
    [courseIds],
  );
}
