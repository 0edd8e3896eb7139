// The assisted-registration queries on the run's real Postgres (the demo units seeded for the run).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { insertAssistedOrigin, insertAssistedProfile, insertInPersonConsent } from '../src';
import { newAccount, uniquePhone } from './support/accounts';

describe('helper-registrations.queries', () => {
  let db: DataSource;
  let unit: { id: string; path: string };
  beforeAll(async () => {
    db = await openRunDatabase();
    [unit] = await db.query(`SELECT id, path FROM administrative_units WHERE code = 'DEMO01'`);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('records the profile, the origin and the in-person consents of a person a helper registered', async () => {
    const helper = await newAccount(db);
    const person = await newAccount(db, { email: null, phone: uniquePhone() });
    await insertAssistedProfile(db, {
      userId: person,
      targetGroups: ['citizens'],
      subGroups: [],
      unitId: unit.id,
      unitPath: unit.path,
    });
    await insertAssistedOrigin(db, {
      userId: person,
      createdBy: helper,
      unitId: unit.id,
      unitPath: unit.path,
    });
    await insertInPersonConsent(db, {
      userId: person,
      purpose: 'learning',
      textVersion: 'v1',
      granted: true,
      recordedBy: helper,
    });
    await insertInPersonConsent(db, {
      userId: person,
      purpose: 'research',
      textVersion: 'v1',
      granted: false,
      recordedBy: helper,
    });

    const [profile] = await db.query(
      `SELECT target_groups, sub_groups, unit_id, unit_path FROM learner_profiles WHERE user_id = $1`,
      [person],
    );
    expect(profile).toEqual({
      target_groups: ['citizens'],
      sub_groups: [],
      unit_id: unit.id,
      unit_path: unit.path,
    });
    const [origin] = await db.query(
      `SELECT origin, created_by, unit_id, unit_path FROM account_origins WHERE user_id = $1`,
      [person],
    );
    expect(origin).toEqual({
      origin: 'assisted_registration',
      created_by: helper,
      unit_id: unit.id,
      unit_path: unit.path,
    });
    const consents = await db.query(
      `SELECT purpose, text_version, channel, granted, recorded_by FROM consents WHERE user_id = $1 ORDER BY purpose`,
      [person],
    );
    expect(consents).toEqual([
      { purpose: 'learning', text_version: 'v1', channel: 'in_person', granted: true, recorded_by: helper },
      { purpose: 'research', text_version: 'v1', channel: 'in_person', granted: false, recorded_by: helper },
    ]);
  });
});
