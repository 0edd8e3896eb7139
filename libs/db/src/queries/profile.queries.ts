import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** The caller's own profile: where they are placed, their groups, language, accessibility, consents. */

export interface ProfileRow {
  language: string;
  target_groups: string[] | null;
  sub_groups: string[] | null;
  accessibility: Record<string, boolean> | null;
  unit_id: string | null;
  unit_name: string | null;
  unit_path: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  household_code: string | null;
}

/** A user's profile (null columns when they have no learner profile yet); undefined for no such user. */
export function profileOf(db: Queryable, userId: string): Promise<ProfileRow | undefined> {
  return selectOne<ProfileRow>(
    db,
    `SELECT u.language, lp.target_groups, lp.sub_groups, lp.accessibility, lp.unit_id, au.name AS unit_name, au.path AS unit_path,
            lp.organisation_id, o.name AS organisation_name, h.code AS household_code
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id
       LEFT JOIN households h ON h.id = lp.household_id
       LEFT JOIN administrative_units au ON au.id = lp.unit_id LEFT JOIN organisations o ON o.id = lp.organisation_id
      WHERE u.id = $1`,
    [userId],
  );
}

export interface ConsentRow {
  purpose: string;
  granted: boolean;
  text_version: string;
  channel: string;
  at: Date;
}

/** A user's latest answer per consent purpose. */
export function latestConsentsOf(db: Queryable, userId: string): Promise<ConsentRow[]> {
  return selectRows<ConsentRow>(
    db,
    `SELECT DISTINCT ON (purpose) purpose, granted, text_version, channel, at FROM consents WHERE user_id = $1 ORDER BY purpose, at DESC`,
    [userId],
  );
}

/** Whether an organisation exists. */
export async function organisationExists(db: Queryable, organisationId: string): Promise<boolean> {
  return (
    (await selectOne<{ one: number }>(db, `SELECT 1 AS one FROM organisations WHERE id = $1`, [
      organisationId,
    ])) !== undefined
  );
}

/** The household of a unit with this code (created when new); returns its id. */
export async function upsertHousehold(db: Queryable, unitId: string, code: string): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO households (unit_id, code) VALUES ($1, $2)
     ON CONFLICT (unit_id, code) DO UPDATE SET code = EXCLUDED.code RETURNING id`,
    [unitId, code],
  );
  return row!.id;
}

/** Sets a user's interface language. */
export function setUserLanguage(db: Queryable, userId: string, language: string): Promise<number> {
  return execute(db, `UPDATE users SET language = $2, updated_at = now() WHERE id = $1`, [userId, language]);
}

export interface LearnerProfileInput {
  userId: string;
  targetGroups: string[];
  subGroups: string[];
  unitId: string | null;
  unitPath: string | null;
  organisationId: string | null;
  householdId: string | null;
  accessibility: Record<string, boolean | undefined>;
}

/** Creates or replaces a user's learner profile. */
export async function upsertLearnerProfile(db: Queryable, p: LearnerProfileInput): Promise<void> {
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, sub_groups, unit_id, unit_path, organisation_id, household_id, accessibility)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (user_id) DO UPDATE SET target_groups = EXCLUDED.target_groups, sub_groups = EXCLUDED.sub_groups, unit_id = EXCLUDED.unit_id,
            unit_path = EXCLUDED.unit_path, organisation_id = EXCLUDED.organisation_id, household_id = EXCLUDED.household_id,
            accessibility = EXCLUDED.accessibility, updated_at = now()`,
    [
      p.userId,
      p.targetGroups,
      p.subGroups,
      p.unitId,
      p.unitPath,
      p.organisationId,
      p.householdId,
      JSON.stringify(p.accessibility),
    ],
  );
}

export interface ConsentInsert {
  userId: string;
  purpose: string;
  textVersion: string;
  channel: 'web' | 'in_person';
  granted: boolean;
  recordedBy: string | null;
}

/** Records a consent given or withdrawn (a new row; an earlier answer is never edited). */
export async function insertConsent(db: Queryable, c: ConsentInsert): Promise<void> {
  await execute(
    db,
    `INSERT INTO consents (user_id, purpose, text_version, channel, granted, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
    [c.userId, c.purpose, c.textVersion, c.channel, c.granted, c.recordedBy],
  );
}

export interface ProfilePromptRow {
  target_groups: string[] | null;
  has_place: boolean;
  dismissed_at: Date | null;
  /** The database clock. */
  now: Date;
}

/** What the "tell us your place and group" prompt needs about a user; undefined for no such user. */
export function profilePromptOf(db: Queryable, userId: string): Promise<ProfilePromptRow | undefined> {
  return selectOne<ProfilePromptRow>(
    db,
    `SELECT lp.target_groups, lp.unit_id IS NOT NULL AS has_place, u.profile_prompt_dismissed_at AS dismissed_at, now() AS now
       FROM users u LEFT JOIN learner_profiles lp ON lp.user_id = u.id WHERE u.id = $1`,
    [userId],
  );
}

/** Remembers (database clock) that the user dismissed the prompt. */
export function dismissProfilePrompt(db: Queryable, userId: string): Promise<number> {
  return execute(db, `UPDATE users SET profile_prompt_dismissed_at = now() WHERE id = $1`, [userId]);
}
