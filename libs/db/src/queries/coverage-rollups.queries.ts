import { ADULT_AGE, AGE_BANDS, ORGANISATION_SUB_GROUP_KINDS, SCHOOL_LEVELS } from '@hocvuso/domain';
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
export const COVERAGE_PLACES_OF = PLACES_OF;

/**
 * The advisory locks (transaction-scoped) of the two folds. A registration fold batch holds its lock shared, from
 * its first statement: those folds never wait on each other (SKIP LOCKED shares the rows out). A facts fold batch
 * holds its lock exclusively: one at a time, since every batch updates the same province and 'all' rows anyway,
 * and the rollups' triggers then add to coverage_totals in a second step (two folds at once could each hold a
 * total the other needs). The nightly reconcile holds them exclusively while it recounts one key
 * (docs/coverage.md), so no fold is half-way while it compares.
 */
export const FOLD_FACTS_LOCK = `hashtext('coverage.fold.facts')`;
export const FOLD_REGISTRATIONS_LOCK = `hashtext('coverage.fold.registrations')`;

/**
 * Folds up to `limit` facts not yet counted into coverage_rollups (oldest first) and marks them counted; the
 * rollups' triggers add the batch to coverage_totals in the same statement. One batch at a time (FOLD_FACTS_LOCK,
 * held exclusively until the transaction ends).
 * Returns how many facts were folded (0: nothing was pending, or every pending fact is being folded elsewhere).
 */
export async function foldPendingFacts(db: Queryable, limit: number): Promise<number> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(${FOLD_FACTS_LOCK})::text AS locked`);
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
 * The population sub-groups of a registration (with '' for the whole group), in SQL over the columns
 * `d.school_level`, `d.birth_year` and the organisation kind `o.kind`, age by birth year on the current Vietnam
 * year. The families and the age come from libs/domain (personSubGroups) as the parameters `$first` (school
 * levels), `$first+1` (organisation kinds), `$first+2` (the adult age) and `$first+3` (the age band's code): one
 * source of truth, and `registrationSubGroupsInSql` lets a test compare both for every case.
 */
const registrationSubGroups = (first: number) => `ARRAY[''] ||
  CASE WHEN d.school_level = ANY ($${first}::text[]) THEN ARRAY['school:' || d.school_level] ELSE '{}'::text[] END ||
  CASE WHEN o.kind = ANY ($${first + 1}::text[]) THEN ARRAY['org:' || o.kind] ELSE '{}'::text[] END ||
  CASE WHEN d.birth_year IS NOT NULL
        AND extract(year FROM now() AT TIME ZONE 'Asia/Ho_Chi_Minh') - d.birth_year >= $${first + 2}::int
       THEN ARRAY[$${first + 3}::text] ELSE '{}'::text[] END`;
export const COVERAGE_REGISTRATION_SUB_GROUPS = registrationSubGroups;

/** The parameters of registrationSubGroups, from libs/domain. */
export const registrationSubGroupParams = (): unknown[] => [
  [...SCHOOL_LEVELS],
  [...ORGANISATION_SUB_GROUP_KINDS],
  ADULT_AGE,
  `age:${AGE_BANDS[0]}`,
];

/**
 * The sub-groups the fold's SQL gives each person (school level, organisation kind, birth year), in order, without
 * the whole group: what personSubGroups of libs/domain must say on today's Vietnam date (tested for every case).
 */
export async function registrationSubGroupsInSql(
  db: Queryable,
  people: { schoolLevel: string | null; organisationKind: string | null; birthYear: number | null }[],
): Promise<string[][]> {
  const rows = await selectRows<{ sub_groups: string[] }>(
    db,
    `SELECT (${registrationSubGroups(4)})[2:] AS sub_groups
       FROM unnest($1::text[], $2::text[], $3::int[]) WITH ORDINALITY AS d(school_level, kind, birth_year, n)
       CROSS JOIN LATERAL (SELECT d.kind) AS o
      ORDER BY d.n`,
    [
      people.map((p) => p.schoolLevel),
      people.map((p) => p.organisationKind),
      people.map((p) => p.birthYear),
      ...registrationSubGroupParams(),
    ],
  );
  return rows.map((r) => r.sub_groups);
}

/** Folds up to `limit` registration deltas into coverage_registered (deleting them). Returns how many. */
export async function foldRegistrationDeltas(db: Queryable, limit: number): Promise<number> {
  await selectRows(db, `SELECT pg_advisory_xact_lock_shared(${FOLD_REGISTRATIONS_LOCK})::text AS locked`);
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
              d.target_groups || ARRAY['*'] AS groups, ${registrationSubGroups(2)} AS sub_groups
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
    [ids, ...registrationSubGroupParams()],
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

/** Runs `work` in one transaction: a DataSource or EntityManager (`transaction`), or a plain pg client. */
async function inTransaction<T>(db: Queryable, work: (tx: Queryable) => Promise<T>): Promise<T> {
  const manager = db as Queryable & { transaction?: (w: (tx: Queryable) => Promise<T>) => Promise<T> };
  if (typeof manager.transaction === 'function') return manager.transaction(work);
  await db.query('BEGIN');
  try {
    const out = await work(db);
    await db.query('COMMIT');
    return out;
  } catch (e) {
    await db.query('ROLLBACK');
    throw e;
  }
}

export interface FoldOptions {
  /** Rows per transaction. */
  batchSize: number;
  /** At most this many batches of each kind (the next fold goes on); every pending row when absent. */
  maxBatches?: number;
}

/**
 * Brings the coverage rollups up to date (docs/coverage.md): facts, then registrations, each batch counted and
 * marked in its own short transaction (SKIP LOCKED: two folds never count a row twice; a fold killed half-way
 * rolls its batch back whole), then records the time. The worker's `fold-coverage` job and the tests'
 * foldCoverageNow both run this. `db`: a DataSource (each batch in a transaction of its own) or a pg client.
 */
export async function foldCoverage(
  db: Queryable,
  options: FoldOptions,
): Promise<{ facts: number; registrations: number }> {
  const folded = { facts: 0, registrations: 0 };
  const max = options.maxBatches ?? Number.POSITIVE_INFINITY;
  for (const [kind, fold] of [
    ['facts', foldPendingFacts],
    ['registrations', foldRegistrationDeltas],
  ] as const) {
    for (let i = 0; i < max; i++) {
      const n = await inTransaction(db, (tx) => fold(tx, options.batchSize));
      folded[kind] += n;
      if (n < options.batchSize) break;
    }
  }
  await markFolded(db);
  return folded;
}
