// The certificates' privacy queries, on the run's real Postgres.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { certificatesForExport, withdrawableCertificates } from '../src';
import { seedPerson } from './support/person-world';

describe('credentials-privacy.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  it('certificatesForExport names the status: valid, suspended, revoked, or issuing before issue', async () => {
    const p = await seedPerson(db);
    const status = async () => (await certificatesForExport(db, p.userId)).map((c) => c.status);
    expect(await certificatesForExport(db, p.userId)).toEqual([
      {
        id: p.certificateId,
        serial: p.serial,
        course_id: p.courseId,
        issued_at: expect.any(Date),
        status: 'valid',
      },
    ]);
    await db.query(`UPDATE certificates SET status_state = 'suspended' WHERE id = $1`, [p.certificateId]);
    expect(await status()).toEqual(['suspended']);
    await db.query(`UPDATE certificates SET status_state = 'revoked' WHERE id = $1`, [p.certificateId]);
    expect(await status()).toEqual(['revoked']);
    await db.query(`UPDATE certificates SET status_state = NULL, issued_at = NULL WHERE id = $1`, [
      p.certificateId,
    ]);
    expect(await status()).toEqual(['issuing']);
  });

  it('withdrawableCertificates lists issued certificates not revoked yet', async () => {
    const p = await seedPerson(db);
    expect(await withdrawableCertificates(db, p.userId)).toEqual([{ id: p.certificateId }]);
    await db.query(`UPDATE certificates SET status_state = 'suspended' WHERE id = $1`, [p.certificateId]);
    expect(await withdrawableCertificates(db, p.userId)).toEqual([{ id: p.certificateId }]);
    await db.query(`UPDATE certificates SET status_state = 'revoked' WHERE id = $1`, [p.certificateId]);
    expect(await withdrawableCertificates(db, p.userId)).toEqual([]);
  });
});
