// learners.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  activeGrant,
  activeGrantsOf,
  countNotNamedLearners,
  execute,
  insertRoleGrant,
  learnerById,
  namedLearnersPage,
  placementOf,
  revokeRoleGrant,
  scopeCondition,
} from '../src';
import { publishedCourses, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('learners.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('countNotNamedLearners, namedLearnersPage: named with consent or as staff of the reader’s organisation, counted otherwise', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const consenting = await seedUser(db, { name: 'An Consenting' });
      const staff = await seedUser(db, { name: 'Bình Staff' });
      const silent = await seedUser(db, { name: 'Cường Silent' });
      await seedProfile(db, consenting, { unitId: places.commune.id, unitPath: places.commune.path });
      await seedProfile(db, staff, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: places.organisation.id,
      });
      await seedProfile(db, silent, { unitId: places.commune.id, unitPath: places.commune.path });
      await execute(
        db,
        `INSERT INTO consents (user_id, purpose, text_version, channel, granted) VALUES ($1, 'data-sharing-unit', '2026-11', 'web', true)`,
        [consenting],
      );
      const [course] = await publishedCourses(db);
      await execute(db, `INSERT INTO enrolments (user_id, course_id, status) VALUES ($1, $2, 'completed')`, [
        consenting,
        course,
      ]);
      const scope = scopeCondition(
        'lp',
        { global: false, unitPaths: [places.province.path], organisationIds: [] },
        1,
      );
      const orgs = [places.organisation.id];

      expect(await countNotNamedLearners(db, scope, orgs)).toBe(1);
      expect(await countNotNamedLearners(db, scope, [])).toBe(2);
      const page = await namedLearnersPage(db, scope, {
        organisationIds: orgs,
        needle: '',
        limit: 10,
        offset: 0,
      });
      expect(page.map((r) => [r.display_name, r.enrolments, r.completed, r.total])).toEqual([
        ['An Consenting', 1, 1, 2],
        ['Bình Staff', 0, 0, 2],
      ]);
      expect(page[0]).toMatchObject({ id: consenting, target_groups: ['citizens'], organisation_name: null });
      expect(page[0]!.unit_name).toMatch(/^Xã /);
      expect(page[1]!.organisation_name).toMatch(/^UBND /);
      const found = await namedLearnersPage(db, scope, {
        organisationIds: orgs,
        needle: 'bình',
        limit: 10,
        offset: 0,
      });
      expect(found.map((r) => r.id)).toEqual([staff]);
      const second = await namedLearnersPage(db, scope, {
        organisationIds: orgs,
        needle: '',
        limit: 1,
        offset: 1,
      });
      expect(second.map((r) => [r.id, r.total])).toEqual([[staff, 2]]);
      // Nobody outside the scope: another province's prefix finds none of them.
      const elsewhere = scopeCondition(
        'lp',
        { global: false, unitPaths: ['/NOWHERE/'], organisationIds: [] },
        1,
      );
      expect(
        await namedLearnersPage(db, elsewhere, { organisationIds: [], needle: '', limit: 10, offset: 0 }),
      ).toEqual([]);
    }));

  it('learnerById, placementOf: one person and where they sit', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const placed = await seedUser(db, { name: 'Dũng Placed', email: null });
      const unplaced = await seedUser(db);
      await seedProfile(db, placed, {
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: places.organisation.id,
      });
      expect(await learnerById(db, placed)).toMatchObject({
        id: placed,
        display_name: 'Dũng Placed',
        email: null,
        target_groups: ['citizens'],
        enrolments: 0,
        completed: 0,
      });
      expect(await learnerById(db, unplaced)).toMatchObject({
        id: unplaced,
        target_groups: null,
        unit_name: null,
      });
      expect(await learnerById(db, NOBODY)).toBeUndefined();
      expect(await placementOf(db, placed)).toEqual({
        unit_path: places.commune.path,
        organisation_id: places.organisation.id,
      });
      expect(await placementOf(db, unplaced)).toEqual({ unit_path: null, organisation_id: null });
      expect(await placementOf(db, NOBODY)).toBeUndefined();
    }));

  it('insertRoleGrant, activeGrantsOf, activeGrant, revokeRoleGrant: one live grant per role and place', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const admin = await seedUser(db);
      const person = await seedUser(db);
      const grant = {
        userId: person,
        role: 'unit_admin',
        unitId: places.commune.id,
        organisationId: null,
        grantedBy: admin,
      };
      const id = await insertRoleGrant(db, grant);
      expect(id).toEqual(expect.any(String));
      expect(await insertRoleGrant(db, grant)).toBeUndefined(); // already in force
      const grants = await activeGrantsOf(db, person);
      expect(grants).toHaveLength(1);
      expect(grants[0]).toMatchObject({
        id,
        role: 'unit_admin',
        unit_id: places.commune.id,
        organisation_id: null,
      });
      expect(grants[0]!.unit_name).toMatch(/^Xã /);
      expect(grants[0]!.granted_at).toBeInstanceOf(Date);
      expect(await activeGrant(db, id!)).toEqual({
        id,
        user_id: person,
        role: 'unit_admin',
        unit_id: places.commune.id,
        unit_path: places.commune.path,
        organisation_id: null,
      });
      expect(await revokeRoleGrant(db, id!)).toBe(1);
      expect(await activeGrant(db, id!)).toBeUndefined();
      expect(await activeGrantsOf(db, person)).toEqual([]);
      expect(await insertRoleGrant(db, grant)).toEqual(expect.any(String)); // granted again after the revocation
    }));
});
