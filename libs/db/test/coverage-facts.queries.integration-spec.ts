// coverage-facts.queries against the run's real Postgres, on rows each test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { coverageFactsOf, execute, recordCoverageFacts } from '../src';
import { rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

describe('coverage facts', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('records a fact once per group plus once for all groups, with the place and sub-groups of the moment', async () => {
    const facts = await rolledBack(db, async (tx) => {
      const places = await seedPlaces(tx);
      const userId = await seedUser(tx);
      await seedProfile(tx, userId, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: places.organisation.id,
        targetGroups: ['public-servants', 'citizens'],
      });
      await execute(tx, `UPDATE learner_profiles SET birth_year = 1970 WHERE user_id = $1`, [userId]);
      const first = await recordCoverageFacts(tx, {
        userId,
        measure: 'trained',
        source: 'system',
        evidence: { courses: ['a'] },
      });
      // A move afterwards does not move what was counted; a second record changes nothing.
      await execute(tx, `UPDATE learner_profiles SET unit_id = $2, unit_path = $3 WHERE user_id = $1`, [
        userId,
        places.province.id,
        places.province.path,
      ]);
      const second = await recordCoverageFacts(tx, { userId, measure: 'trained', source: 'system' });
      return { first, second, rows: await coverageFactsOf(tx, userId), places };
    });
    expect(facts.first).toBe(3);
    expect(facts.second).toBe(0);
    expect(facts.rows.map((r) => r.target_group).sort()).toEqual(['*', 'citizens', 'public-servants']);
    for (const r of facts.rows) {
      expect(r.unit_path).toBe(facts.places.commune.path);
      expect(r.sub_groups.sort()).toEqual(['age:16+', 'org:state_agency']);
      expect(r.evidence).toEqual({ courses: ['a'] });
    }
  });

  it('counts someone without a profile under all groups only, with no place', async () => {
    const rows = await rolledBack(db, async (tx) => {
      const userId = await seedUser(tx);
      expect(await recordCoverageFacts(tx, { userId, measure: 'vneid_level2', source: 'self' })).toBe(1);
      return coverageFactsOf(tx, userId);
    });
    expect(rows).toEqual([expect.objectContaining({ target_group: '*', unit_path: null, source: 'self' })]);
  });

  it('writes nothing for an unknown person', async () => {
    const n = await rolledBack(db, (tx) =>
      recordCoverageFacts(tx, {
        userId: '00000000-0000-4000-8000-000000000000',
        measure: 'trained',
        source: 'system',
      }),
    );
    expect(n).toBe(0);
  });
});
