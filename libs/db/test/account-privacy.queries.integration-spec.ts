// The account's privacy queries (users row), on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { accountForExport, eraseAccountIdentity } from '../src';
import { seedPerson } from './support/person-world';

describe('account-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('accountForExport gives the account with whether a password is set, never the hash', async () => {
    const p = await seedPerson(db, 'Lê Văn Xuất');
    const row = await accountForExport(db, p.userId);
    expect(row).toEqual({
      id: p.userId,
      display_name: 'Lê Văn Xuất',
      email: p.email,
      phone: p.phone,
      language: 'vi',
      pseudonym: expect.stringMatching(/^[0-9a-f-]{36}$/),
      identity_verified: true,
      identity_assurance: 'substantial',
      has_password: true,
      created_at: expect.any(Date),
    });
    expect(await accountForExport(db, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });

  it('eraseAccountIdentity keeps id and pseudonym and erases name, contact, password and lockout', async () => {
    const p = await seedPerson(db);
    const [before] = await db.query(`SELECT pseudonym FROM users WHERE id = $1`, [p.userId]);
    await db.transaction((tx) => eraseAccountIdentity(tx, p.userId, 'Người học đã xoá'));
    const [after] = await db.query(
      `SELECT display_name, email, phone, password_hash, identity_verified, identity_assurance, failed_sign_ins, locked_until,
              deidentified_at IS NOT NULL AS deidentified, pseudonym FROM users WHERE id = $1`,
      [p.userId],
    );
    expect(after).toEqual({
      display_name: 'Người học đã xoá',
      email: null,
      phone: null,
      password_hash: null,
      identity_verified: false,
      identity_assurance: null,
      failed_sign_ins: 0,
      locked_until: null,
      deidentified: true,
      pseudonym: before.pseudonym,
    });
  });
});
