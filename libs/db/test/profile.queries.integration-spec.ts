// profile.queries against the run's real Postgres: each function, on rows this test seeds.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  dismissProfilePrompt,
  execute,
  insertConsent,
  latestConsentsOf,
  organisationExists,
  profileOf,
  profilePromptOf,
  selectOne,
  setUserLanguage,
  upsertHousehold,
  upsertLearnerProfile,
} from '../src';
import { rolledBack, seedPlaces, seedUser } from './support/people-and-places';

describe('profile.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('profileOf: a user without a learner profile has null columns; undefined for nobody', () =>
    rolledBack(db, async (db) => {
      const userId = await seedUser(db, { language: 'en' });
      expect(await profileOf(db, userId)).toEqual({
        language: 'en',
        target_groups: null,
        sub_groups: null,
        accessibility: null,
        unit_id: null,
        unit_name: null,
        unit_path: null,
        organisation_id: null,
        organisation_name: null,
        household_code: null,
      });
      expect(await profileOf(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    }));

  it('organisationExists, upsertHousehold, setUserLanguage, upsertLearnerProfile: a placed profile reads back', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const userId = await seedUser(db);
      expect(await organisationExists(db, places.organisation.id)).toBe(true);
      expect(await organisationExists(db, '00000000-0000-4000-8000-000000000000')).toBe(false);

      const household = await upsertHousehold(db, places.commune.id, '12/3');
      expect(await upsertHousehold(db, places.commune.id, '12/3')).toBe(household); // one household per code
      expect(await setUserLanguage(db, userId, 'en')).toBe(1);
      const input = {
        userId,
        targetGroups: ['citizens'],
        subGroups: ['older-adults'],
        unitId: places.commune.id,
        unitPath: places.commune.path,
        organisationId: places.organisation.id,
        householdId: household,
        accessibility: { largeText: true },
      };
      await upsertLearnerProfile(db, input);
      await upsertLearnerProfile(db, { ...input, accessibility: { largeText: true, highContrast: true } });
      const p = await profileOf(db, userId);
      expect(p).toMatchObject({
        language: 'en',
        target_groups: ['citizens'],
        sub_groups: ['older-adults'],
        accessibility: { largeText: true, highContrast: true },
        unit_id: places.commune.id,
        unit_path: places.commune.path,
        organisation_id: places.organisation.id,
        household_code: '12/3',
      });
      expect(p!.unit_name).toMatch(/^Xã /);
      expect(p!.organisation_name).toMatch(/^UBND /);
    }));

  it('insertConsent, latestConsentsOf: the latest answer per purpose, earlier answers kept', () =>
    rolledBack(db, async (db) => {
      const userId = await seedUser(db);
      // Two earlier answers at known times (inside one transaction now() does not move).
      await execute(
        db,
        `INSERT INTO consents (user_id, purpose, text_version, channel, granted, at)
       VALUES ($1, 'data-sharing-unit', '2026-10', 'web', true, now() - interval '2 days'),
              ($1, 'learning-records', '2026-10', 'web', false, now() - interval '1 day')`,
        [userId],
      );
      const base = { userId, textVersion: '2026-11', recordedBy: null };
      await insertConsent(db, { ...base, purpose: 'data-sharing-unit', channel: 'web', granted: false });
      await insertConsent(db, {
        ...base,
        purpose: 'learning-records',
        granted: true,
        channel: 'in_person',
        recordedBy: userId,
      });
      const consents = await latestConsentsOf(db, userId);
      expect(consents.map((c) => [c.purpose, c.granted, c.channel, c.text_version])).toEqual([
        ['data-sharing-unit', false, 'web', '2026-11'],
        ['learning-records', true, 'in_person', '2026-11'],
      ]);
      expect(consents[0]!.at).toBeInstanceOf(Date);
      const all = await selectOne<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM consents WHERE user_id = $1`,
        [userId],
      );
      expect(all!.n).toBe(4);
    }));

  it('profilePromptOf, dismissProfilePrompt: the groups, whether placed, when dismissed, the database clock', () =>
    rolledBack(db, async (db) => {
      const places = await seedPlaces(db);
      const userId = await seedUser(db);
      const first = await profilePromptOf(db, userId);
      expect(first).toMatchObject({ target_groups: null, has_place: false, dismissed_at: null });
      expect(first!.now).toBeInstanceOf(Date);
      expect(await dismissProfilePrompt(db, userId)).toBe(1);
      const dismissed = await profilePromptOf(db, userId);
      expect(dismissed!.dismissed_at).toBeInstanceOf(Date);
      expect(dismissed!.dismissed_at!.getTime()).toBeLessThanOrEqual(dismissed!.now.getTime());
      await execute(
        db,
        `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path) VALUES ($1, '{citizens}', $2, $3)`,
        [userId, places.commune.id, places.commune.path],
      );
      expect(await profilePromptOf(db, userId)).toMatchObject({
        target_groups: ['citizens'],
        has_place: true,
      });
      expect(await profilePromptOf(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
    }));
});
