// The one-time sign-in code queries on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  countSignInCodeFailure,
  insertSignInCodes,
  lockCodeReissueCandidate,
  lockLiveSignInCodesByPhone,
  spendSignInCode,
  spendUnusedSignInCodes,
} from '../src';
import { newAccount, uniquePhone } from './support/accounts';

const hash = () => randomBytes(32);

describe('sign-in-codes.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('issues codes for several users at once with their expiry, and finds them by phone, locked', async () => {
    const phoneA = uniquePhone();
    const a = await newAccount(db, { email: null, phone: phoneA });
    const b = await newAccount(db, { email: null, phone: uniquePhone(), passwordHash: 'x' });
    const issuer = await newAccount(db);
    const [hashA, hashB] = [hash(), hash()];
    const rows = await insertSignInCodes(db, [a, b], [hashA, hashB], issuer, 24);
    expect(rows).toHaveLength(2);
    const expiry = new Map(rows.map((r) => [r.user_id, r.expires_at]));
    expect(expiry.get(a)).toBeInstanceOf(Date);
    const hours = (expiry.get(b)!.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);

    const found = await db.transaction((tx) => lockLiveSignInCodesByPhone(tx, phoneA, 5));
    expect(found).toEqual([{ id: expect.any(String), user_id: a, code_hash: hashA, has_password: false }]);
    expect(await lockLiveSignInCodesByPhone(db, uniquePhone(), 5)).toEqual([]);
  });

  it('a new code spends the unused ones; a used code, a spent one or one with too many failures is not found', async () => {
    const phone = uniquePhone();
    const user = await newAccount(db, { email: null, phone, passwordHash: 'x' });
    await insertSignInCodes(db, [user], [hash()], user, 24);
    expect(await spendUnusedSignInCodes(db, [user])).toBe(1);
    expect(await spendUnusedSignInCodes(db, [user])).toBe(0);
    expect(await lockLiveSignInCodesByPhone(db, phone, 5)).toEqual([]);

    const fresh = hash();
    await insertSignInCodes(db, [user], [fresh], user, 1);
    const [code] = await lockLiveSignInCodesByPhone(db, phone, 5);
    expect(code).toMatchObject({ user_id: user, has_password: true });
    expect(await countSignInCodeFailure(db, [code!.id])).toBe(1);
    expect(await lockLiveSignInCodesByPhone(db, phone, 2)).toHaveLength(1);
    await countSignInCodeFailure(db, [code!.id]);
    expect(await lockLiveSignInCodesByPhone(db, phone, 2)).toEqual([]);
    expect(await lockLiveSignInCodesByPhone(db, phone, 5)).toHaveLength(1);
    expect(await spendSignInCode(db, code!.id)).toBe(1);
    expect(await lockLiveSignInCodesByPhone(db, phone, 5)).toEqual([]);
  });

  it('describes a reissue candidate: contacts, other roles, placement and origin', async () => {
    const phone = uniquePhone();
    const person = await newAccount(db, { email: null, phone, displayName: 'Bà Tư' });
    const [unit] = await db.query(`SELECT id, path FROM administrative_units WHERE code = 'DEMO01'`);
    const helper = await newAccount(db);
    expect(await db.transaction((tx) => lockCodeReissueCandidate(tx, phone))).toEqual({
      id: person,
      display_name: 'Bà Tư',
      has_email: false,
      has_password: false,
      staff: false,
      unit_path: null,
      organisation_id: null,
      origin_unit_path: null,
      origin_organisation_id: null,
      assisted: false,
    });
    await db.query(`INSERT INTO learner_profiles (user_id, unit_id, unit_path) VALUES ($1, $2, $3)`, [
      person,
      unit.id,
      unit.path,
    ]);
    await db.query(
      `INSERT INTO account_origins (user_id, origin, created_by, unit_id, unit_path) VALUES ($1, 'assisted_registration', $2, $3, $4)`,
      [person, helper, unit.id, unit.path],
    );
    await db.query(`INSERT INTO role_grants (user_id, role, unit_id) VALUES ($1, 'teacher', $2)`, [
      person,
      unit.id,
    ]);
    expect(await lockCodeReissueCandidate(db, phone)).toMatchObject({
      staff: true,
      unit_path: unit.path,
      origin_unit_path: unit.path,
      assisted: true,
    });
    expect(await lockCodeReissueCandidate(db, uniquePhone())).toBeUndefined();
  });
});
