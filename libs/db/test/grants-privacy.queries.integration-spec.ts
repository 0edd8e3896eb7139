// The role grants' privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { revokeStaffGrants, roleGrantsForExport } from '../src';
import { seedPerson } from './support/person-world';

describe('grants-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('roleGrantsForExport gives the live grants with unit names, oldest first; revokeStaffGrants keeps only learner', async () => {
    const p = await seedPerson(db);
    expect(await roleGrantsForExport(db, p.userId)).toEqual([
      { role: 'learner', unit: p.unitName, organisation: null, granted_at: expect.any(Date) },
      { role: 'unit_admin', unit: p.unitName, organisation: null, granted_at: expect.any(Date) },
    ]);
    expect(await db.transaction((tx) => revokeStaffGrants(tx, p.userId))).toBe(1);
    expect((await roleGrantsForExport(db, p.userId)).map((g) => g.role)).toEqual(['learner']);
  });
});
