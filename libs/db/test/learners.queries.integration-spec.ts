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
  type LearnerListFilter,
  namedLearnersAfter,
  namedLearnersPage,
  NO_LEARNER_FILTER,
  organisationPlace,
  placementOf,
  revokeRoleGrant,
} from '../src';
import { learnerNeedle, type ScopeFilter } from '@hocvuso/domain';
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

  it('countNotNamedLearners, namedLearnersPage: named with consent or as staff of the reader’s organisation, counted otherwise; filters', () =>
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
      const area = { global: false, unitPaths: [places.province.path], organisationIds: [] };
      const orgAdmin = { ...area, organisationIds: [places.organisation.id] };

      expect(await countNotNamedLearners(db, orgAdmin, NO_LEARNER_FILTER)).toBe(1);
      expect(await countNotNamedLearners(db, area, NO_LEARNER_FILTER)).toBe(2);
      const page = await namedLearnersPage(db, orgAdmin, NO_LEARNER_FILTER, { limit: 10, offset: 0 });
      expect(page.map((r) => [r.display_name, r.enrolments, r.completed, r.total, r.has_profile])).toEqual([
        ['An Consenting', 1, 1, 2, true],
        ['Bình Staff', 0, 0, 2, true],
      ]);
      expect(page[0]).toMatchObject({ id: consenting, target_groups: ['citizens'], organisation_name: null });
      expect(page[0]!.unit_name).toMatch(/^Xã /);
      expect(page[1]!.organisation_name).toMatch(/^UBND /);
      const found = await namedLearnersPage(
        db,
        orgAdmin,
        { ...NO_LEARNER_FILTER, needle: learnerNeedle('binh') },
        { limit: 10, offset: 0 },
      );
      expect(found.map((r) => r.id)).toEqual([staff]);
      // The silent one is not found by name, and a search does not count them either.
      const silentSearch = { ...NO_LEARNER_FILTER, needle: learnerNeedle('cuong') };
      expect(await namedLearnersPage(db, area, silentSearch, { limit: 10, offset: 0 })).toEqual([]);
      const second = await namedLearnersPage(db, orgAdmin, NO_LEARNER_FILTER, { limit: 1, offset: 1 });
      expect(second.map((r) => [r.id, r.total])).toEqual([[staff, 2]]);
      // Filters: status, organisation, unit subtree, target group.
      const completed = { ...NO_LEARNER_FILTER, status: 'completed' as const };
      expect(
        (await namedLearnersPage(db, orgAdmin, completed, { limit: 10, offset: 0 })).map((r) => r.id),
      ).toEqual([consenting]);
      const ofOrg = { ...NO_LEARNER_FILTER, organisationId: places.organisation.id };
      expect(
        (await namedLearnersPage(db, orgAdmin, ofOrg, { limit: 10, offset: 0 })).map((r) => r.id),
      ).toEqual([staff]);
      expect(await countNotNamedLearners(db, orgAdmin, ofOrg)).toBe(0);
      const inCommune = { ...NO_LEARNER_FILTER, unitPath: places.commune.path };
      expect(await namedLearnersPage(db, orgAdmin, inCommune, { limit: 10, offset: 0 })).toHaveLength(2);
      const students = { ...NO_LEARNER_FILTER, targetGroup: 'students' };
      expect(await namedLearnersPage(db, orgAdmin, students, { limit: 10, offset: 0 })).toEqual([]);
      // Nobody outside the scope: another province's prefix finds none of them.
      const elsewhere = { global: false, unitPaths: ['/NOWHERE/'], organisationIds: [] };
      expect(await namedLearnersPage(db, elsewhere, NO_LEARNER_FILTER, { limit: 10, offset: 0 })).toEqual([]);
    }));

  it('people without a profile: only a global reader sees them; names fold, phones match however typed', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const t = places.tag.toLowerCase();
      // Seven digits after +8497 that never start with 0, so the last seven typed alone stay a part of a number
      // (a leading 0 would read as a whole national number).
      const phone = `+8497${1_000_000 + (Date.now() % 9_000_000)}`;
      const noProfile = await seedUser(db, { name: `Nguyễn Văn Đạt ${t}`, phone });
      const gone = await seedUser(db, { name: `Trần Thị Gone ${t}` });
      for (const id of [noProfile, gone])
        await execute(
          db,
          `INSERT INTO consents (user_id, purpose, text_version, channel, granted) VALUES ($1, 'data-sharing-unit', '2026-11', 'web', true)`,
          [id],
        );
      // The de-identified person has a place (a fresh one), so counts of them are not disturbed by parallel suites.
      await seedProfile(db, gone, { unitId: places.commune.id, unitPath: places.commune.path });
      await execute(db, `UPDATE users SET deidentified_at = now() WHERE id = $1`, [gone]);
      const global = { global: true, unitPaths: [], organisationIds: [] };
      const area = { global: false, unitPaths: [places.province.path], organisationIds: [] };
      const find = (f: ScopeFilter, typed: string, status: LearnerListFilter['status'] = null) =>
        namedLearnersPage(
          db,
          f,
          { ...NO_LEARNER_FILTER, needle: learnerNeedle(typed), status },
          { limit: 10, offset: 0 },
        );

      for (const typed of [`nguyen van dat ${t}`, `NGUYỄN ${t}`, `dat ${t}`, `Đạt ${t}`]) {
        const rows = await find(global, typed);
        expect(rows.map((r) => [r.id, r.has_profile, r.unit_name, r.target_groups])).toEqual([
          [noProfile, false, null, null],
        ]);
      }
      const national = phone.slice(3);
      for (const typed of [
        `0${national}`,
        `0${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`,
        `0${national.slice(0, 3)}.${national.slice(3, 6)}.${national.slice(6)}`,
        phone,
        `84${national}`,
        `0${national.slice(0, 6)}`,
        national.slice(2),
      ])
        expect((await find(global, typed)).map((r) => r.id)).toEqual([noProfile]);
      // A tag alone may be all digits (it is hex), and digits are read as a part of a phone number: name it with a word.
      expect((await find(global, `dat ${t}`, 'no-profile')).map((r) => r.id)).toEqual([noProfile]);
      expect(await find(global, `dat ${t}`, 'enrolled')).toEqual([]);
      // An area reader neither sees nor counts someone without a place: only the de-identified one is counted.
      expect(await find(area, `dat ${t}`)).toEqual([]);
      expect(await countNotNamedLearners(db, area, NO_LEARNER_FILTER)).toBe(1);
      // The de-identified person is never named, even with consent: counted only.
      const inCommune = { ...NO_LEARNER_FILTER, unitPath: places.commune.path };
      for (const reader of [global, area]) expect(await find(reader, `gone ${t}`)).toEqual([]);
      expect(await countNotNamedLearners(db, global, inCommune)).toBe(1);
      await execute(db, `UPDATE users SET deidentified_at = NULL WHERE id = $1`, [gone]);
      expect(await countNotNamedLearners(db, global, inCommune)).toBe(0);
      expect((await find(area, `gone ${t}`)).map((r) => r.id)).toEqual([gone]);
      // search_name follows the name (generated column): a rename is found at once.
      await execute(db, `UPDATE users SET display_name = $2 WHERE id = $1`, [noProfile, `Lê Ánh ${t}`]);
      expect((await find(global, `le anh ${t}`)).map((r) => r.id)).toEqual([noProfile]);
    }));

  it('namedLearnersAfter: the whole list in keyset batches, none skipped or repeated; organisationPlace', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const ids: string[] = [];
      for (const name of ['Ánh', 'Anh', 'Bảo', 'Bảo', 'Cúc']) {
        const id = await seedUser(db, { name });
        await seedProfile(db, id, { unitId: places.commune.id, unitPath: places.commune.path });
        await execute(
          db,
          `INSERT INTO consents (user_id, purpose, text_version, channel, granted) VALUES ($1, 'data-sharing-unit', '2026-11', 'web', true)`,
          [id],
        );
        ids.push(id);
      }
      const area = { global: false, unitPaths: [places.commune.path], organisationIds: [] };
      const seen: string[] = [];
      let after: { displayName: string; id: string } | null = null;
      for (;;) {
        const rows = await namedLearnersAfter(db, area, NO_LEARNER_FILTER, after, 2);
        seen.push(...rows.map((r) => r.id));
        const last = rows[rows.length - 1];
        if (!last) break;
        after = { displayName: last.display_name, id: last.id };
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen)).toEqual(new Set(ids));
      const all = await namedLearnersPage(db, area, NO_LEARNER_FILTER, { limit: 10, offset: 0 });
      expect(seen).toEqual(all.map((r) => r.id));
      expect(await organisationPlace(db, places.organisation.id)).toEqual({ unit_path: places.commune.path });
      expect(await organisationPlace(db, NOBODY)).toBeUndefined();
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
