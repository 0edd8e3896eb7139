// campaigns.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  campaignAwardsOf,
  campaignById,
  campaignGuidedCompletions,
  campaignHelpGiven,
  campaignSessions,
  campaignTrainedCounts,
  campaignUnitChoices,
  currentUnitsByIds,
  execute,
  insertCampaign,
  insertPersonAward,
  insertUnitAward,
  lockCampaign,
  markCampaignClosed,
  placeTakesPart,
  profileUnitPath,
  type Queryable,
  selectOne,
  setCampaignUnits,
  updateCampaign,
  visibleCampaigns,
} from '../src';
import { publishedCourses, rolledBack, seedPlaces, seedProfile, seedUser } from './support/people-and-places';

const values = (scopePath: string) => ({
  name: { vi: 'Thi đua', en: 'Race' },
  startsOn: '2026-10-01',
  endsOn: '2026-10-31',
  rule: {
    targetGroup: 'citizens',
    minAttendees: 3,
    terms: [{ indicator: 'trained_share', weight: 1, cap: null }],
  },
  topUnits: 1,
  topPeople: 2,
  scopePath,
  template: null,
});

async function secondCommune(db: Queryable, province: { id: string; path: string }, code: string) {
  return (await selectOne<{ id: string; path: string }>(
    db,
    `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from)
     VALUES ($1, 'commune', $2, $3, $4, '2025-07-01') RETURNING id, path`,
    [code, `Xã ${code}`, province.id, `${province.path}${code}/`],
  ))!;
}

describe('campaigns.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('insertCampaign, setCampaignUnits, campaignById, updateCampaign, visibleCampaigns, placeTakesPart, the close', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const two = await secondCommune(db, places.province, `D${places.tag}`);
      const manager = await seedUser(db);
      const id = await insertCampaign(db, values(places.province.path), manager);
      await setCampaignUnits(db, id, [places.commune, two]);
      const row = await campaignById(db, id);
      expect(row).toMatchObject({
        starts_on: '2026-10-01',
        ends_on: '2026-10-31',
        top_units: 1,
        closed_at: null,
      });
      expect(row!.units.map((u) => u.id).sort()).toEqual([places.commune.id, two.id].sort());
      expect(await updateCampaign(db, id, { ...values(places.province.path), endsOn: '2026-11-30' })).toBe(1);
      expect((await campaignById(db, id))!.ends_on).toBe('2026-11-30');

      const seen = async (q: Parameters<typeof visibleCampaigns>[1]) =>
        (await visibleCampaigns(db, q, 100)).map((c) => c.id);
      expect(
        await seen({ global: false, unitPaths: [places.province.path], learnerUnitPath: null }),
      ).toContain(id);
      expect(await seen({ global: false, unitPaths: ['/elsewhere/'], learnerUnitPath: null })).not.toContain(
        id,
      );
      expect(await seen({ global: false, unitPaths: [], learnerUnitPath: `${two.path}T1/` })).toContain(id);
      expect(await placeTakesPart(db, id, places.commune.path)).toBe(true);
      expect(await placeTakesPart(db, id, places.province.path)).toBe(false);

      expect(await lockCampaign(db, id)).toMatchObject({ id, closed_at: null });
      await insertUnitAward(db, {
        campaignId: id,
        unitId: two.id,
        rank: 1,
        points: 12.5,
        standing: { record: '{}' },
        digest: 'd',
        signature: 's',
      });
      await insertUnitAward(db, {
        campaignId: id,
        unitId: two.id,
        rank: 1,
        points: 99,
        standing: {},
        digest: 'd',
        signature: 's',
      });
      await insertPersonAward(db, {
        campaignId: id,
        userId: manager,
        rank: 1,
        points: 3,
        certificateRequestId: null,
      });
      await markCampaignClosed(db, id, manager);
      expect(await updateCampaign(db, id, values(places.province.path))).toBe(0);
      const awards = await campaignAwardsOf(db, id);
      expect(awards.map((a) => [a.kind, a.rank, a.points])).toEqual([
        ['unit', 1, '12.5'],
        ['person', 1, '3'],
      ]);
    }));

  it('campaignUnitChoices, currentUnitsByIds, profileUnitPath', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const choices = await campaignUnitChoices(db, { global: false, unitPaths: [places.province.path] }, 50);
      expect(choices.map((c) => c.id)).toEqual([places.province.id, places.commune.id]);
      expect((await currentUnitsByIds(db, [places.commune.id])).map((u) => u.path)).toEqual([
        places.commune.path,
      ]);
      const person = await seedUser(db);
      expect(await profileUnitPath(db, person)).toBeNull();
      await seedProfile(db, person, { unitId: places.commune.id, unitPath: places.commune.path });
      expect(await profileUnitPath(db, person)).toBe(places.commune.path);
    }));

  it('the indicator queries: trained counts, sessions, guided completions and help, per participating unit', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const two = await secondCommune(db, places.province, `E${places.tag}`);
      const manager = await seedUser(db);
      const id = await insertCampaign(db, values(places.province.path), manager);
      await setCampaignUnits(db, id, [places.commune, two]);
      const from = '2026-09-30T17:00:00.000Z';
      const to = '2026-10-31T17:00:00.000Z';
      const people: string[] = [];
      for (let i = 0; i < 3; i++) {
        const u = await seedUser(db);
        await seedProfile(db, u, { unitId: places.commune.id, unitPath: places.commune.path });
        people.push(u);
      }
      // Trained: one before the period, one inside it, one after it.
      for (const [user, at] of [
        [people[0]!, '2026-09-01T00:00:00Z'],
        [people[1]!, '2026-10-10T00:00:00Z'],
        [people[2]!, '2026-11-10T00:00:00Z'],
      ] as const)
        await execute(
          db,
          `INSERT INTO coverage_facts (user_id, measure, target_group, unit_id, unit_path, achieved_at, source)
           VALUES ($1, 'trained', 'citizens', $2, $3, $4::timestamptz, 'system')`,
          [user, places.commune.id, places.commune.path, at],
        );
      const trained = await campaignTrainedCounts(db, id, { targetGroup: 'citizens', from, to });
      expect(trained.find((r) => r.unit_id === places.commune.id)).toMatchObject({ before: 1, by_end: 2 });
      expect(trained.find((r) => r.unit_id === two.id)).toMatchObject({ before: 0, by_end: 0 });

      const [course] = await publishedCourses(db);
      const session = await selectOne<{ id: string }>(
        db,
        `INSERT INTO community_sessions (unit_id, unit_path, topic, place, starts_at, ends_at, course_id)
         VALUES ($1, $2, 'Buổi', 'Nhà văn hóa', '2026-10-05T01:00:00Z', '2026-10-05T03:00:00Z', $3) RETURNING id`,
        [two.id, two.path, course],
      );
      await execute(
        db,
        `INSERT INTO community_sessions (unit_id, unit_path, topic, place, starts_at, ends_at, course_id)
         VALUES ($1, $2, 'Ngoài kỳ', 'Nhà văn hóa', '2026-12-05T01:00:00Z', '2026-12-05T03:00:00Z', $3)`,
        [two.id, two.path, course],
      );
      await execute(
        db,
        `INSERT INTO community_session_attendance (session_id, user_id, method) VALUES ($1, $2, 'qr')`,
        [session!.id, people[0]],
      );
      const sessions = await campaignSessions(db, id, { from, to });
      expect(sessions.map((s) => [s.unit_id, s.id, s.attendees])).toEqual([[two.id, session!.id, 1]]);

      const ambassador = await seedUser(db);
      await execute(
        db,
        `INSERT INTO mentorships (ambassador_id, mentee_id, accepted_at) VALUES ($1, $2, '2026-09-01T00:00:00Z')`,
        [ambassador, people[1]],
      );
      await execute(
        db,
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', '2026-10-12T00:00:00Z')`,
        [people[1], course],
      );
      const guided = await campaignGuidedCompletions(db, id, { from, to });
      expect(guided).toEqual([
        expect.objectContaining({
          ambassador_id: ambassador,
          mentee_id: people[1],
          mentee_unit_path: places.commune.path,
        }),
      ]);

      await execute(
        db,
        `INSERT INTO help_logs (unit_id, unit_path, people, service, outcome, helped_on)
         VALUES ($1, $2, 4, 'vneid', 'done', '2026-10-31'), ($1, $2, 9, 'vneid', 'done', '2026-11-01')`,
        [two.id, two.path],
      );
      const help = await campaignHelpGiven(db, id, { startsOn: '2026-10-01', endsOn: '2026-10-31' });
      expect(help.find((h) => h.unit_id === two.id)?.people).toBe(4);
      expect(help.find((h) => h.unit_id === places.commune.id)?.people).toBe(0);
    }));
});
