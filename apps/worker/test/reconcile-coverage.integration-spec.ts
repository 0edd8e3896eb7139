import { createFreshDatabase, type FreshDatabase } from '@hocvuso/testing';
import { SCHEDULES } from '@hocvuso/jobs';
import { recentReconcileRuns, selectRows } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { reconcileCoverageJob } from '../src/jobs/reconcile-coverage.job';

/** The nightly `reconcile-coverage` job: due from the configured Vietnam hour, once a night across workers. */
describe('reconcile-coverage job', () => {
  let fresh: FreshDatabase;
  let db: DataSource;
  const logged: { level: string; obj: object; msg: string }[] = [];
  const logger = {
    info: (obj: object, msg: string) => logged.push({ level: 'info', obj, msg }),
    warn: (obj: object, msg: string) => logged.push({ level: 'warn', obj, msg }),
  };
  beforeAll(async () => {
    fresh = await createFreshDatabase();
    db = fresh.db;
  });
  afterAll(() => fresh.drop());

  it('is scheduled every few minutes with the default hour (COVERAGE_RECONCILE_HOUR replaces it at boot)', () => {
    expect(SCHEDULES.find((s) => s.job === 'reconcile-coverage')).toMatchObject({ payload: { hour: 2 } });
  });

  it('does nothing before the hour in Vietnam, runs once from it (two workers at once: one run), and logs its summary', async () => {
    // 01:30 on 7 December in Vietnam.
    const before = () => new Date('2026-12-06T18:30:00Z');
    expect(await reconcileCoverageJob({ db, logger, clock: before }, { hour: 2 })).toBe('skipped');
    expect(await recentReconcileRuns(db, 10)).toEqual([]);

    // 02:10 on 7 December in Vietnam, two workers at the same moment.
    const at = () => new Date('2026-12-06T19:10:00Z');
    const outcomes = await Promise.all([
      reconcileCoverageJob({ db, logger, clock: at }, { hour: 2 }),
      reconcileCoverageJob({ db, logger, clock: at }, { hour: 2 }),
    ]);
    expect(outcomes.sort()).toEqual(['done', 'skipped']);
    expect(await reconcileCoverageJob({ db, logger, clock: at }, { hour: 2 })).toBe('skipped');
    const runs = await recentReconcileRuns(db, 10);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      trigger: 'nightly',
      night: '2026-12-07',
      rollup_drift: 0,
      registered_drift: 0,
    });
    expect(runs[0]!.finished_at).toBeInstanceOf(Date);
    expect(logged).toEqual([
      {
        level: 'info',
        obj: expect.objectContaining({
          job: 'reconcile-coverage',
          night: '2026-12-07',
          rollupDrift: 0,
          registeredDrift: 0,
        }),
        msg: 'coverage reconcile found no drift',
      },
    ]);

    // The next Vietnam night is a new run; a drifted registered count is logged as a warning.
    await selectRows(
      db,
      `INSERT INTO coverage_registered (place_kind, place_id, target_group, sub_group, count)
       VALUES ('all', '00000000-0000-0000-0000-000000000000', 'citizens', '', 7) RETURNING 1`,
    );
    const next = () => new Date('2026-12-07T19:10:00Z');
    expect(await reconcileCoverageJob({ db, logger, clock: next }, { hour: 2 })).toBe('done');
    expect(logged[1]).toMatchObject({
      level: 'warn',
      obj: { night: '2026-12-08', rollupDrift: 0, registeredDrift: 1 },
    });
    expect(await recentReconcileRuns(db, 10)).toHaveLength(2);
  });
});
