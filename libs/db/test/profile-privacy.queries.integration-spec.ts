// The profile's and consents' privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { consentsForExport, eraseProfileDetails, profileForExport } from '../src';
import { seedPerson } from './support/person-world';

describe('profile-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('profileForExport gives the profile with unit, organisation and household; consentsForExport every decision', async () => {
    const p = await seedPerson(db);
    expect(await profileForExport(db, p.userId)).toEqual({
      target_groups: ['citizens'],
      sub_groups: ['older-adults'],
      accessibility: { largeText: true },
      updated_at: expect.any(Date),
      unit_id: p.unitId,
      unit_name: p.unitName,
      unit_path: p.unitPath,
      organisation_id: p.organisationId,
      organisation_name: p.organisationName,
      household_code: p.householdCode,
    });
    expect(await consentsForExport(db, p.userId)).toEqual([
      {
        purpose: 'learning-records',
        text_version: '2026-11',
        channel: 'helper',
        granted: true,
        recorded_by_helper: true,
        at: expect.any(Date),
      },
      {
        purpose: 'reminders',
        text_version: '2026-11',
        channel: 'web',
        granted: false,
        recorded_by_helper: false,
        at: expect.any(Date),
      },
    ]);
  });

  it('eraseProfileDetails keeps unit and target groups and gives the unit path; nothing without a profile', async () => {
    const p = await seedPerson(db);
    expect(await db.transaction((tx) => eraseProfileDetails(tx, p.userId))).toEqual({
      unit_path: p.unitPath,
    });
    const [row] = await db.query(
      `SELECT target_groups, sub_groups, unit_id, organisation_id, household_id, accessibility FROM learner_profiles WHERE user_id = $1`,
      [p.userId],
    );
    expect(row).toEqual({
      target_groups: ['citizens'],
      sub_groups: [],
      unit_id: p.unitId,
      organisation_id: null,
      household_id: null,
      accessibility: {},
    });
    const [{ id }] = await db.query(`INSERT INTO users (display_name) VALUES ('Không hồ sơ') RETURNING id`);
    expect(await db.transaction((tx) => eraseProfileDetails(tx, id))).toBeUndefined();
    expect(await profileForExport(db, id)).toBeUndefined();
  });
});
