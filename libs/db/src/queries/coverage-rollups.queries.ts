import { ALL_PLACES_ID } from './coverage-read.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * Folding coverage facts and registrations into the rollup tables (docs/coverage.md). Run by the worker on a
 * transaction manager: a batch is locked with SKIP LOCKED, so two workers folding at once never count a fact twice,
 * and the batch is counted and marked in the same transaction.
 */

/**
 * The places a row counts in, as SQL over a CTE `src` with columns `unit_id`, `organisation_id` and a key `k`:
 * every unit from the row's own up to the province (by parent_id), its organisation and every parent organisation,
 * and 'all'. Yields `k, place_kind, place_id`.
 */
const PLACES_OF = `
  units AS (
    SELECT s.k, au.id, au.parent_id FROM src s JOIN administrative_units au ON au.id = s.unit_id
    UNION ALL
    SELECT u.k, p.id, p.parent_id FROM units u JOIN administrative_units p ON p.id = u.parent_id
  ),
  orgs AS (
    SELECT s.k, o.id, o.parent_id, 1 AS depth FROM src s JOIN organisations o ON o.id = s.organisation_id
    UNION ALL
    SELECT g.k, p.id, p.parent_id, g.depth + 1 FROM orgs g JOIN organisations p ON p.id = g.parent_id WHERE g.depth < 20
  ),
  places AS (
    SELECT k, 'unit'::text AS place_kind, id AS place_id FROM units
    UNION ALL SELECT k, 'organisation', id FROM orgs
    UNION ALL SELECT k, 'all', '${ALL_PLACES_ID}'::uuid FROM src
  )`;

/**
 * Folds up to `limit` facts not yet counted into coverage_rollups (oldest first) and marks them counted.
 * Returns how many facts were folded (0: nothing was pending, or every pending fact is being folded elsewhere).
 */
export async function foldPendingFacts(db: Queryable, limit: number): Promise<number> {
  const picked = await selectRows<{ user_id: string; measure: string; target_group: string }>(
    db,
    `SELECT user_id, measure, target_group FROM coverage_facts WHERE NOT rolled_up
      ORDER BY achieved_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (picked.length === 0) return 0;
  const keys = [
    picked.map((p) => p.user_id),
    picked.map((p) => p.measure),
    picked.map((p) => p.target_group),
  ];
  await execute(
    db,
    `WITH RECURSIVE src AS (
       SELECT row_number() OVER () AS k, f.unit_id, f.organisation_id, f.target_group, f.sub_groups, f.measure,
              date_trunc('month', f.achieved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS key(user_id, measure, target_group)
         JOIN coverage_facts f USING (user_id, measure, target_group)
     ), ${PLACES_OF}
     INSERT INTO coverage_rollups (place_kind, place_id, target_group, sub_group, measure, month, count)
     SELECT p.place_kind, p.place_id, s.target_group, sg, s.measure, s.month, count(*)
       FROM src s JOIN places p ON p.k = s.k CROSS JOIN LATERAL unnest(ARRAY[''] || s.sub_groups) AS sg
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY 1, 2, 3, 4, 5, 6
     ON CONFLICT (place_kind, place_id, target_group, sub_group, measure, month)
     DO UPDATE SET count = coverage_rollups.count + excluded.count`,
    keys,
  );
  await execute(
    db,
    `UPDATE coverage_facts f SET rolled_up = true
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS key(user_id, measure, target_group)
      WHERE f.user_id = key.user_id AND f.measure = key.measure AND f.target_group = key.target_group`,
    keys,
  );
  return picked.length;
}

/**
 * The population sub-groups of a registration, in SQL over columns school_level, organisation kind `okind` and
 * birth_year (age 16+ by birth year, on the current Vietnam year), as libs/domain's personSubGroups says.
 */
const REGISTRATION_SUB_GROUPS = `ARRAY[''] ||
  CASE WHEN d.school_level IN ('primary', 'lower-secondary', 'upper-secondary', 'vocational', 'higher') THEN ARRAY['school:' || d.school_level] ELSE '{}'::text[] END ||
  CASE WHEN o.kind IN ('state_agency', 'enterprise', 'cooperative', 'cooperative_union', 'school', 'university') THEN ARRAY['org:' || o.kind] ELSE '{}'::text[] END ||
  CASE WHEN d.birth_year IS NOT NULL AND extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - d.birth_year >= 16 THEN ARRAY['age:16+'] ELSE '{}'::text[] END`;

/** Folds up to `limit` registration deltas into coverage_registered (deleting them). Returns how many. */
export async function foldRegistrationDeltas(db: Queryable, limit: number): Promise<number> {
  const picked = await selectRows<{ id: string }>(
    db,
    `SELECT id FROM coverage_registration_deltas ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
    [limit],
  );
  if (picked.length === 0) return 0;
  const ids = picked.map((p) => p.id);
  await execute(
    db,
    `WITH RECURSIVE src AS (
       SELECT d.id AS k, d.unit_id, d.organisation_id, d.delta,
              d.target_groups || ARRAY['*'] AS groups, ${REGISTRATION_SUB_GROUPS} AS sub_groups
         FROM coverage_registration_deltas d LEFT JOIN organisations o ON o.id = d.organisation_id
        WHERE d.id = ANY ($1::bigint[])
     ), ${PLACES_OF}
     INSERT INTO coverage_registered (place_kind, place_id, target_group, sub_group, count)
     SELECT p.place_kind, p.place_id, g, sg, sum(s.delta)
       FROM src s JOIN places p ON p.k = s.k
       CROSS JOIN LATERAL unnest(s.groups) AS g CROSS JOIN LATERAL unnest(s.sub_groups) AS sg
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4
     ON CONFLICT (place_kind, place_id, target_group, sub_group)
     DO UPDATE SET count = coverage_registered.count + excluded.count`,
    [ids],
  );
  await execute(db, `DELETE FROM coverage_registration_deltas WHERE id = ANY ($1::bigint[])`, [ids]);
  return ids.length;
}

/** Records that the rollups were brought up to date now (database clock). */
export async function markFolded(db: Queryable): Promise<void> {
  await execute(
    db,
    `INSERT INTO coverage_fold_state (id, folded_at) VALUES (1, now())
     ON CONFLICT (id) DO UPDATE SET folded_at = excluded.folded_at`,
  );
}

/** When the rollups were last brought up to date (null before the first fold). */
export async function lastFoldAt(db: Queryable): Promise<Date | null> {
  const row = await selectOne<{ folded_at: Date }>(
    db,
    `SELECT folded_at FROM coverage_fold_state WHERE id = 1`,
  );
  return row?.folded_at ?? null;
}

/** How much is waiting to be folded (readiness, the bench, tests). */
export async function pendingFolds(db: Queryable): Promise<{ facts: number; registrations: number }> {
  const row = await selectOne<{ facts: number; registrations: number }>(
    db,
    `SELECT (SELECT count(*)::int FROM coverage_facts WHERE NOT rolled_up) AS facts,
            (SELECT count(*)::int FROM coverage_registration_deltas) AS registrations`,
  );
  return row!;
}
