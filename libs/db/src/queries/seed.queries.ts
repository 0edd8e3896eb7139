import { execute, type Queryable, selectOne, selectRows } from './queryable';

/** The demo accounts seeded once per (non-production) installation, recorded by a system flag. */

const DEMO_FLAG = 'demo_accounts_seeded';

/** Whether the demo accounts were seeded on this installation. */
export async function demoAccountsSeeded(db: Queryable): Promise<boolean> {
  return (
    (await selectOne<{ one: number }>(db, `SELECT 1 AS one FROM system_flags WHERE key = $1`, [
      DEMO_FLAG,
    ])) !== undefined
  );
}

/** Sets the demo seed flag; false when another run set it first (then that run seeds). */
export async function claimDemoSeed(db: Queryable): Promise<boolean> {
  const rows = await selectRows<{ key: string }>(
    db,
    `INSERT INTO system_flags (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key`,
    [DEMO_FLAG],
  );
  return rows.length > 0;
}

/** Creates a demo user (or renames the one with that email) and gives its id. */
export async function upsertDemoUser(
  db: Queryable,
  user: { displayName: string; email: string; passwordHash: string },
): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO users (display_name, email, password_hash) VALUES ($1, $2, $3)
     ON CONFLICT (email) DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    [user.displayName, user.email, user.passwordHash],
  );
  return row!.id;
}

/** Grants a role without a scope. */
export async function insertUnscopedGrant(db: Queryable, userId: string, role: string): Promise<void> {
  await execute(db, `INSERT INTO role_grants (user_id, role) VALUES ($1, $2)`, [userId, role]);
}

/** Grants a role scoped to the current administrative unit with that code (unscoped when the code is null). */
export async function insertUnitGrant(
  db: Queryable,
  userId: string,
  role: string,
  unitCode: string | null,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO role_grants (user_id, role, unit_id)
     SELECT $1, $2, (SELECT id FROM administrative_units WHERE code = $3 AND valid_to IS NULL)`,
    [userId, role, unitCode],
  );
}

/** Gives a user a learner profile in the current unit with that code (nothing when there is no such unit). */
export async function insertProfileInUnit(
  db: Queryable,
  userId: string,
  targetGroups: string[],
  unitCode: string,
): Promise<void> {
  await execute(
    db,
    `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path)
     SELECT $1, $2, u.id, u.path FROM administrative_units u WHERE u.code = $3 AND u.valid_to IS NULL`,
    [userId, targetGroups, unitCode],
  );
}

/** Makes the user with that email an owner of the course (nothing when either is missing or already staff). */
export async function addCourseOwnerByEmail(db: Queryable, courseId: string, email: string): Promise<void> {
  await execute(
    db,
    `INSERT INTO course_staff (course_id, user_id, role)
     SELECT c.id, u.id, 'owner' FROM courses c, users u WHERE c.id = $1 AND u.email = $2
     ON CONFLICT DO NOTHING`,
    [courseId, email],
  );
}
