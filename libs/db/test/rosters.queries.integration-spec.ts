// rosters.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { RosterRow } from '@hocvuso/domain';
import type { DataSource } from 'typeorm';
import {
  acceptInvitation,
  answerInvitation,
  applyRoster,
  auditRosterPeople,
  completeRosterImport,
  emailDisabledUsers,
  execute,
  insertRosterImport,
  invitationsOf,
  lockPendingInvitation,
  type PlacedRosterRow,
  publishedCourseTitles,
  rosterImportOf,
  rosterImportsOf,
  selectRows,
} from '../src';
import { publishedCourses, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const row = (line: number, over: Partial<RosterRow>): RosterRow => ({
  line,
  name: `Người ${line}`,
  email: null,
  phone: null,
  organisationCode: null,
  unitCode: null,
  targetGroup: 'citizens',
  subGroups: [],
  language: 'vi',
  ...over,
});

describe('rosters.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('publishedCourseTitles: only published courses, with their titles', () =>
    rolledBack(db, async (db) => {
      const [a, b] = await publishedCourses(db);
      const rows = await publishedCourseTitles(db, [b, a, 'no-such-course']);
      expect(rows.map((r) => r.id)).toEqual([a, b]);
      expect(typeof rows[0]!.title.vi).toBe('string');
      await execute(db, `UPDATE courses SET published = false WHERE id = $1`, [a]);
      expect((await publishedCourseTitles(db, [a, b])).map((r) => r.id)).toEqual([b]);
    }));

  it('insertRosterImport, applyRoster, auditRosterPeople, completeRosterImport, rosterImportsOf, rosterImportOf: one upload end to end', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a] = await publishedCourses(db);
      const admin = await seedUser(db);
      const existing = await seedUser(db, { email: `da-co-${places.tag.toLowerCase()}@example.test` });
      const importId = await insertRosterImport(
        db,
        admin,
        [a],
        [{ role: 'unit_admin', unitPath: places.commune.path }],
      );
      const scope = { global: false, unitPaths: [places.province.path], organisationIds: [] };
      const newEmail = `moi-${places.tag.toLowerCase()}@example.test`;
      const applied = await applyRoster(
        db,
        [
          row(2, { name: 'Mới', email: newEmail, unitCode: `C${places.tag}` }),
          row(3, {
            name: 'Có rồi',
            email: `da-co-${places.tag.toLowerCase()}@example.test`,
            organisationCode: `ORG-${places.tag}`,
          }),
          row(4, {
            name: 'Lạc',
            email: `lac-${places.tag.toLowerCase()}@example.test`,
            unitCode: 'NO-SUCH-UNIT',
          }),
        ],
        [a],
        scope,
        { importId, adminId: admin },
      );
      expect(applied.map((r) => [r.line, r.status])).toEqual([
        [2, 'created'],
        [3, 'invited'],
        [4, 'rejected'],
      ]);
      const created = applied[0] as PlacedRosterRow;
      expect(created).toMatchObject({
        name: 'Mới',
        email: newEmail,
        newCourseIds: [a],
        unitPath: places.commune.path,
      });
      const invited = applied[1] as PlacedRosterRow;
      expect(invited).toMatchObject({ userId: existing, newCourseIds: [a], invitationNew: true });
      expect(invited.invitationId).toEqual(expect.any(String));
      expect(applied[2]).toMatchObject({
        errors: [{ field: 'unit_code', message: 'no current unit with this code' }],
      });

      expect(await emailDisabledUsers(db, [created.userId, existing])).toEqual(new Set());
      await execute(db, `INSERT INTO notification_preferences (user_id, email_enabled) VALUES ($1, false)`, [
        existing,
      ]);
      expect(await emailDisabledUsers(db, [created.userId, existing])).toEqual(new Set([existing]));

      await auditRosterPeople(
        db,
        [
          {
            action: 'roster.create_account',
            userId: created.userId,
            scope: places.commune.path,
            after: { importId },
          },
        ],
        admin,
      );
      await auditRosterPeople(db, [], admin); // nothing to write
      const audit = await selectRows<{ action: string; subject_id: string; scope: string }>(
        db,
        `SELECT action, subject_id, scope FROM audit_log WHERE actor_user_id = $1`,
        [admin],
      );
      expect(audit).toEqual([
        { action: 'roster.create_account', subject_id: created.userId, scope: places.commune.path },
      ]);

      await completeRosterImport(db, importId, { created: 1 }, [{ line: 2, status: 'created' }]);
      const list = await rosterImportsOf(db, admin, 10);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({ id: importId, course_ids: [a], summary: { created: 1 } });
      expect(list[0]!.rows).toBeUndefined();
      expect(list[0]!.created_at).toBeInstanceOf(Date);
      expect(await rosterImportOf(db, importId, admin)).toMatchObject({
        rows: [{ line: 2, status: 'created' }],
      });
      expect(await rosterImportOf(db, importId, existing)).toBeUndefined(); // only its uploader reads it
    }));

  it('invitationsOf, lockPendingInvitation, acceptInvitation, answerInvitation: the person answers once', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const [a, b] = await publishedCourses(db);
      const person = await seedUser(db);
      await seedProfile(db, person, { unitId: null, unitPath: null, targetGroups: ['students'] });
      const [inv] = await selectRows<{ id: string }>(
        db,
        `INSERT INTO roster_invitations (user_id, unit_id, unit_path, target_group, sub_groups, course_ids)
         VALUES ($1, $2, $3, 'citizens', '{older-adults}', $4) RETURNING id`,
        [person, places.commune.id, places.commune.path, [a, b]],
      );
      const mine = await invitationsOf(db, person);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        id: inv!.id,
        status: 'pending',
        unit_id: places.commune.id,
        unit_path: places.commune.path,
        organisation_id: null,
        organisation_name: null,
        target_group: 'citizens',
        sub_groups: ['older-adults'],
        course_ids: [a, b],
        responded_at: null,
      });
      expect(mine[0]!.unit_name).toMatch(/^Xã /);

      const someoneElse = await seedUser(db);
      expect(await lockPendingInvitation(db, inv!.id, someoneElse)).toBeUndefined();
      const locked = await lockPendingInvitation(db, inv!.id, person);
      expect(locked?.id).toBe(inv!.id);
      expect(await acceptInvitation(db, locked!, person)).toEqual([a, b].sort());
      const [profile] = await selectRows<{ unit_id: string; target_groups: string[]; sub_groups: string[] }>(
        db,
        `SELECT unit_id, target_groups, sub_groups FROM learner_profiles WHERE user_id = $1`,
        [person],
      );
      expect(profile).toEqual({
        unit_id: places.commune.id,
        target_groups: ['citizens', 'students'],
        sub_groups: ['older-adults'],
      });
      const at = await answerInvitation(db, inv!.id, 'accepted');
      expect(at).toBeInstanceOf(Date);
      expect(await lockPendingInvitation(db, inv!.id, person)).toBeUndefined(); // answered: no longer pending
      expect((await invitationsOf(db, person))[0]).toMatchObject({ status: 'accepted', responded_at: at });
    }));
});
