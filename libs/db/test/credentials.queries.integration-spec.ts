// The certificate read and status queries against the run's real Postgres, each test in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  certificateWithTitle,
  holderPlace,
  insertCertificate,
  issuedSuspensionEntry,
  learnerCertificates,
  setCertificateStatus,
  storeIssuedCertificateAndRequest,
} from '../src';
import {
  newEnrolment,
  newRequest,
  newStatusList,
  newUser,
  rolledBack,
  certifyingCourse,
  token,
} from './support/world';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('credentials queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A learner's certificate of a shipped course (not issued yet). */
  async function certificate(tx: EntityManager, userId: string, statusIndex: number) {
    const course = await certifyingCourse(tx);
    const enrolment = await newEnrolment(tx, userId, course.courseId, new Date());
    const did = `did:web:cred-${token()}.test`;
    const id = crypto.randomUUID();
    const suspension = await newStatusList(tx, did, 'suspension');
    await insertCertificate(tx, {
      id,
      enrolmentId: enrolment,
      userId,
      courseId: course.courseId,
      courseVersionId: course.versionId,
      serial: `HVS-TEST-${token(4).toUpperCase()}`,
      statusListId: await newStatusList(tx, did, 'revocation'),
      suspensionListId: suspension,
      statusIndex,
    });
    return { id, enrolment, suspension, ...course };
  }

  it('reads a certificate with its title, and its suspension entry only once issued', async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx);
      const c = await certificate(tx, user.id, 777);
      const row = await certificateWithTitle(tx, c.id);
      expect(row).toMatchObject({
        id: c.id,
        user_id: user.id,
        status_index: 777,
        issued_at: null,
        credential: null,
      });
      expect(row!.course_title).toEqual(expect.objectContaining({ vi: expect.any(String) }));
      expect(await certificateWithTitle(tx, NOBODY)).toBeUndefined();

      expect(await issuedSuspensionEntry(tx, c.id)).toBeUndefined();
      await storeIssuedCertificateAndRequest(tx, c.id, NOBODY, { id: `urn:uuid:${c.id}` }, 'x.pdf');
      expect(await issuedSuspensionEntry(tx, c.id)).toEqual({
        suspension_list_id: c.suspension,
        status_index: 777,
      });
    });
  });

  it("lists a learner's certificates newest first, with the failure code of one that failed for good", async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx);
      const failed = await certificate(tx, user.id, 801);
      await newRequest(tx, failed.enrolment, failed.versionId, { failed: 'CERTIFICATE_LEARNER_GONE' });
      await tx.query(`UPDATE certificates SET created_at = now() - interval '1 day' WHERE id = $1`, [
        failed.id,
      ]);
      const other = await certifyingCourse(tx);
      const rows = await learnerCertificates(tx, user.id);
      expect(rows).toEqual([
        {
          id: failed.id,
          serial: expect.stringMatching(/^HVS-TEST-/),
          course_id: other.courseId,
          issued_at: null,
          status_state: null,
          title: expect.objectContaining({ vi: expect.any(String) }),
          failure_code: 'CERTIFICATE_LEARNER_GONE',
        },
      ]);
      expect(await learnerCertificates(tx, NOBODY)).toEqual([]);
    });
  });

  it("reads a holder's place and sets a certificate's status", async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx);
      expect(await holderPlace(tx, user.id)).toBeUndefined();
      await tx.query(`INSERT INTO learner_profiles (user_id, unit_path) VALUES ($1, '/DEMO/DEMO01/')`, [
        user.id,
      ]);
      expect(await holderPlace(tx, user.id)).toEqual({ unit_path: '/DEMO/DEMO01/', organisation_id: null });

      const c = await certificate(tx, user.id, 802);
      expect(await setCertificateStatus(tx, c.id, 'suspended', 'checking')).toBe(1);
      expect(await certificateWithTitle(tx, c.id)).toMatchObject({
        status_state: 'suspended',
        status_reason: 'checking',
        status_changed_at: expect.any(Date),
      });
      expect(await setCertificateStatus(tx, c.id, null, null)).toBe(1);
      expect(await certificateWithTitle(tx, c.id)).toMatchObject({ status_state: null, status_reason: null });
      expect(await setCertificateStatus(tx, NOBODY, 'revoked', 'x')).toBe(0);
    });
  });
});
