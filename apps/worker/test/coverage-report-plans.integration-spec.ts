// The scheduled coverage reports read the plans as imported into coverage_plans (never the YAML files) and freeze
// the imported version in each report row.
import { execute, selectOne, selectRows } from '@hocvuso/db';
import type { EnqueueOptions, JobNameValue, JobPayloads } from '@hocvuso/jobs';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { sweepCoverageReports } from '../src/jobs/coverage-report';

describe('scheduled coverage reports and the imported plans', () => {
  // a database of its own: the sweep queues a report for every province in force
  let world: FreshDatabase;
  let db: DataSource;
  const announced: string[] = [];
  const queue = {
    enqueue: async <N extends JobNameValue>(name: N, _payload: JobPayloads[N], options?: EnqueueOptions) => {
      announced.push(`${name}:${options?.jobId ?? ''}`);
    },
  };
  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
  });
  afterAll(() => world.drop());

  const reportsOf = (period: string) =>
    selectRows<{
      plan_id: string;
      place_id: string;
      plan: { version: string; indicators: Array<{ code: string }> };
    }>(
      db,
      `SELECT plan_id, place_id, plan FROM coverage_reports WHERE period_code = $1 ORDER BY plan_id, place_id`,
      [period],
    );

  it('queues each province’s report against the plan in coverage_plans, with its imported version', async () => {
    const imported = await selectRows<{ id: string; content_hash: string }>(
      db,
      `SELECT id, content_hash FROM coverage_plans WHERE retired_at IS NULL ORDER BY id`,
    );
    expect(imported.length).toBeGreaterThan(0);
    const provinces = await selectRows<{ id: string }>(
      db,
      `SELECT id FROM administrative_units WHERE parent_id IS NULL AND level = 'province' AND (valid_to IS NULL OR valid_to > '2026-09-30')`,
    );
    // 00:30 Vietnam on 1 October 2026: the third quarter's reports are due.
    const clock = () => new Date('2026-09-30T17:45:00Z');
    expect(await sweepCoverageReports({ db, queue, clock }, { olderThanSeconds: 0 })).toBe('done');
    const q3 = await reportsOf('2026-Q3');
    expect(q3).toHaveLength(imported.length * provinces.length);
    for (const r of q3) expect(r.plan.version).toBe(imported.find((p) => p.id === r.plan_id)!.content_hash);
    expect(announced.filter((a) => a.startsWith('generate-coverage-report:')).length).toBeGreaterThanOrEqual(
      q3.length,
    );

    // A province imports a changed plan (one indicator fewer): the next period's reports freeze that plan.
    const plan = imported[0]!;
    const before = await selectOne<{ definition: { indicators: Array<{ code: string }> } }>(
      db,
      `SELECT definition FROM coverage_plans WHERE id = $1`,
      [plan.id],
    );
    const dropped = before!.definition.indicators[0]!.code;
    await execute(
      db,
      `UPDATE coverage_plans SET definition = jsonb_set(definition, '{indicators}', (definition->'indicators') - 0),
              content_hash = 'changed-by-a-later-import', imported_at = now() WHERE id = $1`,
      [plan.id],
    );
    // The year's reports are due on 1 January 2027 (and the last quarter's and half's).
    expect(
      await sweepCoverageReports(
        { db, queue, clock: () => new Date('2026-12-31T17:45:00Z') },
        { olderThanSeconds: 0 },
      ),
    ).toBe('done');
    const year = (await reportsOf('2026')).filter((r) => r.plan_id === plan.id);
    expect(year).toHaveLength(provinces.length);
    for (const r of year) {
      expect(r.plan.version).toBe('changed-by-a-later-import');
      expect(r.plan.indicators.map((i) => i.code)).not.toContain(dropped);
    }
    // The quarter's reports keep the plan they were made for.
    for (const r of (await reportsOf('2026-Q3')).filter((x) => x.plan_id === plan.id)) {
      expect(r.plan.version).toBe(plan.content_hash);
      expect(r.plan.indicators.map((i) => i.code)).toContain(dropped);
    }

    // A retired plan gets no scheduled report.
    await execute(db, `UPDATE coverage_plans SET retired_at = now() WHERE id = $1`, [plan.id]);
    await sweepCoverageReports(
      { db, queue, clock: () => new Date('2027-03-31T17:45:00Z') },
      { olderThanSeconds: 0 },
    );
    expect((await reportsOf('2027-Q1')).filter((r) => r.plan_id === plan.id)).toEqual([]);
  });
});
