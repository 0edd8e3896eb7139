import { FACT_MEASURES, TARGET_GROUPS } from '@hocvuso/domain';
import {
  COVERAGE_PLACES_OF,
  COVERAGE_REGISTRATION_SUB_GROUPS,
  FOLD_FACTS_LOCK,
  FOLD_REGISTRATIONS_LOCK,
  registrationSubGroupParams,
} from './coverage-rollups.queries';
import { execute, type Queryable, selectOne, selectRows } from './queryable';

/**
 * The nightly reconcile of the coverage rollups (docs/coverage.md): recount coverage_rollups from the facts
 * already folded, and coverage_registered from learner_profiles, one key at a time (a measure, a target group),
 * each in a transaction of its own; write one coverage_drift row per difference and repair it in that transaction.
 *
 * Against a fold running at the same moment: the key's transaction first takes the fold's advisory lock
 * exclusively (registration folds hold theirs shared, facts folds exclusively too), so no fold batch is half-way while it compares, and the folds wait for one
 * key's recount at most. The compare and the repair are one statement (one snapshot), and a repair adds the
 * difference (count = count + expected − found) rather than writing a total, so even a registration delta written
 * by a learner's transaction meanwhile is counted once: found is the table plus the deltas not yet folded, in the
 * same snapshot as the profiles.
 */

/** The measures a run recounts (the facts' measures; the table's check allows no other). */
export const RECONCILE_MEASURES: readonly string[] = FACT_MEASURES;

/**
 * The target groups a run recounts: every group of libs/domain and `*`, and any other group a profile or the table
 * names (a group retired from the list still gets its counts checked).
 */
export async function reconcileGroups(db: Queryable): Promise<string[]> {
  const rows = await selectRows<{ g: string }>(
    db,
    `SELECT g FROM unnest($1::text[]) AS g
     UNION SELECT DISTINCT target_group FROM coverage_registered
     UNION SELECT DISTINCT unnest(target_groups) FROM learner_profiles
     ORDER BY 1`,
    [[...TARGET_GROUPS, '*']],
  );
  return rows.map((r) => r.g);
}

export interface ReconcileRunRow {
  id: string;
  trigger: 'nightly' | 'manual';
  night: string | null;
  started_at: Date;
  finished_at: Date | null;
  keys_checked: number;
  rollup_drift: number;
  registered_drift: number;
  totals_drift: number;
}

/** Starts a run by hand (an administrator, a test). */
export async function startManualReconcileRun(db: Queryable): Promise<string> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO coverage_reconcile_runs (trigger) VALUES ('manual') RETURNING id`,
  );
  return row!.id;
}

/**
 * Claims the nightly run of Vietnam date `night` (YYYY-MM-DD): its id, or null when a worker already claimed it
 * (one nightly run per night, whichever worker comes first).
 */
export async function claimNightlyReconcileRun(db: Queryable, night: string): Promise<string | null> {
  const row = await selectOne<{ id: string }>(
    db,
    `INSERT INTO coverage_reconcile_runs (trigger, night) VALUES ('nightly', $1::date)
     ON CONFLICT (night) WHERE trigger = 'nightly' DO NOTHING RETURNING id`,
    [night],
  );
  return row?.id ?? null;
}

/**
 * Recounts the rollups of one measure from the facts already folded (rolled_up), writes a drift row per key that
 * differs and repairs it. Call inside a transaction. Returns how many keys differed.
 */
export async function reconcileRollupsOfMeasure(
  db: Queryable,
  runId: string,
  measure: string,
): Promise<number> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(${FOLD_FACTS_LOCK})::text AS locked`);
  const row = await selectOne<{ drift: number }>(
    db,
    `WITH RECURSIVE src AS (
       SELECT row_number() OVER () AS k, f.unit_id, f.organisation_id, f.target_group, f.sub_groups,
              date_trunc('month', f.achieved_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS month
         FROM coverage_facts f WHERE f.rolled_up AND f.measure = $1
     ), ${COVERAGE_PLACES_OF},
     expected AS (
       SELECT p.place_kind, p.place_id, s.target_group, sg AS sub_group, s.month, count(*)::bigint AS count
         FROM src s JOIN places p ON p.k = s.k CROSS JOIN LATERAL unnest(ARRAY[''] || s.sub_groups) AS sg
        GROUP BY 1, 2, 3, 4, 5
     ),
     found AS (
       SELECT place_kind, place_id, target_group, sub_group, month, count FROM coverage_rollups WHERE measure = $1
     ),
     diff AS (
       SELECT place_kind, place_id, target_group, sub_group, month,
              coalesce(e.count, 0) AS expected, coalesce(f.count, 0) AS found
         FROM expected e FULL JOIN found f USING (place_kind, place_id, target_group, sub_group, month)
        WHERE coalesce(e.count, 0) <> coalesce(f.count, 0)
     ),
     drift AS (
       INSERT INTO coverage_drift (run_id, table_name, place_kind, place_id, target_group, sub_group, measure, month, expected, found)
       SELECT $2, 'coverage_rollups', place_kind, place_id, target_group, sub_group, $1, month, expected, found
         FROM diff ORDER BY place_kind, place_id, target_group, sub_group, month
       RETURNING 1
     ),
     repair AS (
       INSERT INTO coverage_rollups (place_kind, place_id, target_group, sub_group, measure, month, count)
       SELECT place_kind, place_id, target_group, sub_group, $1, month, expected - found FROM diff
        ORDER BY place_kind, place_id, target_group, sub_group, month
       ON CONFLICT (place_kind, place_id, target_group, sub_group, measure, month)
       DO UPDATE SET count = coverage_rollups.count + excluded.count
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM drift)::int AS drift, (SELECT count(*) FROM repair)::int AS repaired`,
    [measure, runId],
  );
  return row!.drift;
}

/**
 * Checks the running totals of one measure (coverage_totals, what the dashboards read) against the rollups they
 * are kept from (sum of the counts and number of month rows per place and key); writes a drift row per key that
 * differs (its counts) and repairs it. Call inside a transaction, after reconcileRollupsOfMeasure (the rollups'
 * triggers carry its repairs into the totals). Returns how many keys differed.
 */
export async function reconcileTotalsOfMeasure(
  db: Queryable,
  runId: string,
  measure: string,
): Promise<number> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(${FOLD_FACTS_LOCK})::text AS locked`);
  const row = await selectOne<{ drift: number }>(
    db,
    `WITH expected AS (
       SELECT place_kind, place_id, target_group, sub_group, sum(count)::bigint AS count, count(*)::int AS months
         FROM coverage_rollups WHERE measure = $1 GROUP BY 1, 2, 3, 4
     ),
     found AS (
       SELECT place_kind, place_id, target_group, sub_group, count, months FROM coverage_totals WHERE measure = $1
     ),
     diff AS (
       SELECT place_kind, place_id, target_group, sub_group,
              coalesce(e.count, 0) AS expected, coalesce(f.count, 0) AS found,
              coalesce(e.months, 0) - coalesce(f.months, 0) AS months
         FROM expected e FULL JOIN found f USING (place_kind, place_id, target_group, sub_group)
        WHERE coalesce(e.count, 0) <> coalesce(f.count, 0) OR coalesce(e.months, 0) <> coalesce(f.months, 0)
     ),
     drift AS (
       INSERT INTO coverage_drift (run_id, table_name, place_kind, place_id, target_group, sub_group, measure, expected, found)
       SELECT $2, 'coverage_totals', place_kind, place_id, target_group, sub_group, $1, expected, found
         FROM diff ORDER BY place_kind, place_id, target_group, sub_group
       RETURNING 1
     ),
     repair AS (
       INSERT INTO coverage_totals AS t (place_kind, place_id, target_group, sub_group, measure, count, months)
       SELECT place_kind, place_id, target_group, sub_group, $1, expected - found, months FROM diff
        ORDER BY place_kind, place_id, target_group, sub_group
       ON CONFLICT (place_kind, place_id, target_group, sub_group, measure)
       DO UPDATE SET count = t.count + excluded.count, months = t.months + excluded.months
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM drift)::int AS drift, (SELECT count(*) FROM repair)::int AS repaired`,
    [measure, runId],
  );
  return row!.drift;
}

/**
 * Recounts the registered accounts of one target group (`*`: everyone) from learner_profiles, against
 * coverage_registered plus the deltas not yet folded; writes a drift row per key that differs and repairs it.
 * Call inside a transaction. Returns how many keys differed.
 */
export async function reconcileRegisteredOfGroup(
  db: Queryable,
  runId: string,
  targetGroup: string,
): Promise<number> {
  await selectRows(db, `SELECT pg_advisory_xact_lock(${FOLD_REGISTRATIONS_LOCK})::text AS locked`);
  const row = await selectOne<{ drift: number }>(
    db,
    `WITH RECURSIVE people AS (
       SELECT true AS profile, d.unit_id, d.organisation_id, 1 AS delta,
              ${COVERAGE_REGISTRATION_SUB_GROUPS(3)} AS sub_groups
         FROM learner_profiles d LEFT JOIN organisations o ON o.id = d.organisation_id
        WHERE $1 = '*' OR $1 = ANY (d.target_groups)
       UNION ALL
       SELECT false, d.unit_id, d.organisation_id, d.delta, ${COVERAGE_REGISTRATION_SUB_GROUPS(3)}
         FROM coverage_registration_deltas d LEFT JOIN organisations o ON o.id = d.organisation_id
        WHERE $1 = '*' OR $1 = ANY (d.target_groups)
     ),
     src AS (SELECT row_number() OVER () AS k, * FROM people),
     ${COVERAGE_PLACES_OF},
     counted AS (
       SELECT p.place_kind, p.place_id, sg AS sub_group,
              count(*) FILTER (WHERE s.profile)::bigint AS expected,
              coalesce(sum(s.delta) FILTER (WHERE NOT s.profile), 0)::bigint AS pending
         FROM src s JOIN places p ON p.k = s.k CROSS JOIN LATERAL unnest(s.sub_groups) AS sg
        GROUP BY 1, 2, 3
     ),
     stored AS (
       SELECT place_kind, place_id, sub_group, count FROM coverage_registered WHERE target_group = $1
     ),
     diff AS (
       SELECT place_kind, place_id, sub_group, coalesce(c.expected, 0) AS expected,
              coalesce(r.count, 0) + coalesce(c.pending, 0) AS found
         FROM counted c FULL JOIN stored r USING (place_kind, place_id, sub_group)
        WHERE coalesce(c.expected, 0) <> coalesce(r.count, 0) + coalesce(c.pending, 0)
     ),
     drift AS (
       INSERT INTO coverage_drift (run_id, table_name, place_kind, place_id, target_group, sub_group, expected, found)
       SELECT $2, 'coverage_registered', place_kind, place_id, $1, sub_group, expected, found
         FROM diff ORDER BY place_kind, place_id, sub_group
       RETURNING 1
     ),
     repair AS (
       INSERT INTO coverage_registered (place_kind, place_id, target_group, sub_group, count)
       SELECT place_kind, place_id, $1, sub_group, expected - found FROM diff ORDER BY place_kind, place_id, sub_group
       ON CONFLICT (place_kind, place_id, target_group, sub_group)
       DO UPDATE SET count = coverage_registered.count + excluded.count
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM drift)::int AS drift, (SELECT count(*) FROM repair)::int AS repaired`,
    [targetGroup, runId, ...registrationSubGroupParams()],
  );
  return row!.drift;
}

/** Records a run's counts and end. */
export async function finishReconcileRun(
  db: Queryable,
  runId: string,
  counts: { keysChecked: number; rollupDrift: number; registeredDrift: number; totalsDrift: number },
): Promise<void> {
  await execute(
    db,
    `UPDATE coverage_reconcile_runs
        SET finished_at = now(), keys_checked = $2, rollup_drift = $3, registered_drift = $4, totals_drift = $5
      WHERE id = $1`,
    [runId, counts.keysChecked, counts.rollupDrift, counts.registeredDrift, counts.totalsDrift],
  );
}

export interface ReconcileSummary {
  runId: string;
  keysChecked: number;
  rollupDrift: number;
  registeredDrift: number;
  /** Keys of coverage_totals that differed from the rollups (after the rollups' own repairs). */
  totalsDrift: number;
}

/**
 * A recount is a nightly batch, not a request: its statements may take longer than the pool's statement_timeout
 * (DB_STATEMENT_TIMEOUT_MS, 30 s by default) at a province's scale. Raised for this transaction only.
 */
async function allowLongRecount(tx: Queryable): Promise<void> {
  await execute(tx, `SET LOCAL statement_timeout = '30min'`);
}

type TransactionalDb = Queryable & { transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> };

/**
 * One whole run on a started run row: every measure, then every target group, each key in a transaction of its
 * own; then the run's counts. A run with nothing to repair records zeros.
 */
export async function reconcileCoverage(db: TransactionalDb, runId: string): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    runId,
    keysChecked: 0,
    rollupDrift: 0,
    registeredDrift: 0,
    totalsDrift: 0,
  };
  for (const measure of RECONCILE_MEASURES) {
    // The rollups, then the totals kept from them, in one transaction under the fold's lock.
    await db.transaction(async (tx) => {
      await allowLongRecount(tx);
      summary.rollupDrift += await reconcileRollupsOfMeasure(tx, runId, measure);
      summary.totalsDrift += await reconcileTotalsOfMeasure(tx, runId, measure);
    });
    summary.keysChecked++;
  }
  for (const group of await reconcileGroups(db)) {
    summary.registeredDrift += await db.transaction(async (tx) => {
      await allowLongRecount(tx);
      return reconcileRegisteredOfGroup(tx, runId, group);
    });
    summary.keysChecked++;
  }
  await finishReconcileRun(db, runId, summary);
  return summary;
}

export interface DriftRow {
  id: string;
  run_id: string;
  table_name: 'coverage_rollups' | 'coverage_registered' | 'coverage_totals';
  place_kind: string;
  place_id: string;
  target_group: string;
  sub_group: string;
  measure: string | null;
  month: string | null;
  expected: string;
  found: string;
  detected_at: Date;
}

/** The latest runs, newest first. */
export async function recentReconcileRuns(db: Queryable, limit: number): Promise<ReconcileRunRow[]> {
  return selectRows<ReconcileRunRow>(
    db,
    `SELECT id, trigger, to_char(night, 'YYYY-MM-DD') AS night, started_at, finished_at, keys_checked,
            rollup_drift, registered_drift, totals_drift
       FROM coverage_reconcile_runs ORDER BY started_at DESC, id LIMIT $1`,
    [limit],
  );
}

/** The drift rows of some runs, at most `perRun` of each, in the order they were found. */
export async function driftOfRuns(db: Queryable, runIds: string[], perRun: number): Promise<DriftRow[]> {
  return selectRows<DriftRow>(
    db,
    `SELECT id::text, run_id, table_name, place_kind, place_id, target_group, sub_group, measure,
            to_char(month, 'YYYY-MM') AS month, expected::text, found::text, detected_at
       FROM (SELECT d.*, row_number() OVER (PARTITION BY run_id ORDER BY id) AS n
               FROM coverage_drift d WHERE run_id = ANY ($1::uuid[])) d
      WHERE n <= $2 ORDER BY run_id, id`,
    [runIds, perRun],
  );
}
