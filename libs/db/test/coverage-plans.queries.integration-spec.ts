// coverage-plans.queries against the run's real Postgres, inside transactions that are rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { PlanData } from '@hocvuso/contracts';
import type { CoveragePlanDefinition } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import { importPlans, plan, plans, selectRows } from '../src';
import { rolledBack } from './support/people-and-places';

const definition = (id: string, share = 0.8): CoveragePlanDefinition => ({
  id,
  title: { vi: `Kế hoạch ${id} – Bình dân học vụ số`, en: 'Plan' },
  unitCode: '12',
  source: { document: 'Kế hoạch', issuer: 'UBND tỉnh', issuedOn: null },
  requiredCourses: { citizens: ['online-scams'] },
  indicators: [
    {
      code: 'trained-citizens',
      title: { vi: 'Người dân được tập huấn' },
      targetGroup: 'citizens',
      subGroup: '',
      measure: 'trained',
      denominator: 'population',
      targets: [{ by: '2025-12-31', share, strictlyAbove: true }],
      source: { document: 'Kế hoạch', section: 'II' },
      provisional: false,
    },
  ],
});
const data = (id: string, share = 0.8): PlanData => ({
  id,
  definition: definition(id, share),
  contentHash: `hash-${id}-${share}`,
});

describe('coverage plans', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('imports plans once: a second import of the same plans writes nothing; a changed plan is rewritten', async () => {
    const out = await rolledBack(db, async (tx) => {
      const first = await importPlans(tx, [data('test-a'), data('test-b')]);
      const before = await selectRows<{ id: string; xmin: string }>(
        tx,
        `SELECT id, xmin::text FROM coverage_plans WHERE id LIKE 'test-%' ORDER BY id`,
      );
      const second = await importPlans(tx, [data('test-a'), data('test-b')]);
      const after = await selectRows<{ id: string; xmin: string }>(
        tx,
        `SELECT id, xmin::text FROM coverage_plans WHERE id LIKE 'test-%' ORDER BY id`,
      );
      const third = await importPlans(tx, [data('test-a', 0.9), data('test-b')]);
      return { first, second, third, before, after, a: await plan(tx, 'test-a'), all: await plans(tx) };
    });
    expect(out.first.plansChanged).toBe(2);
    expect(out.second).toEqual({ plansChanged: 0, plansRetired: 0 });
    expect(out.after).toEqual(out.before);
    expect(out.third.plansChanged).toBe(1);
    expect(out.a!.definition).toEqual(definition('test-a', 0.9));
    expect(out.a!.definition.title.vi).toBe('Kế hoạch test-a – Bình dân học vụ số');
    expect(out.all.map((p) => p.id)).toEqual(['test-a', 'test-b']);
  });

  it('retires a plan removed from the folder (still readable by id) and brings it back with its file', async () => {
    const out = await rolledBack(db, async (tx) => {
      await importPlans(tx, [data('test-a'), data('test-b')]);
      const retired = await importPlans(tx, [data('test-a')]);
      const inForce = (await plans(tx)).map((p) => p.id);
      const byId = await plan(tx, 'test-b');
      const back = await importPlans(tx, [data('test-a'), data('test-b')]);
      return { retired, inForce, byId, back, after: (await plans(tx)).map((p) => p.id) };
    });
    expect(out.retired).toEqual({ plansChanged: 0, plansRetired: 1 });
    expect(out.inForce).toEqual(['test-a']);
    expect(out.byId?.id).toBe('test-b');
    expect(out.back).toEqual({ plansChanged: 1, plansRetired: 0 });
    expect(out.after).toEqual(['test-a', 'test-b']);
  });

  it('answers nothing for an unknown plan id', async () => {
    expect(await plan(db, 'no-such-plan')).toBeUndefined();
  });
});
