// The certificate-issuing queries against the run's real Postgres, each test in a transaction rolled back.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource, EntityManager } from 'typeorm';
import {
  certificateOfEnrolment,
  claimIssuanceRequest,
  courseVersionCompetencies,
  courseVersionRequirements,
  courseVersionText,
  insertCertificate,
  markRequestFailed,
  markRequestIssuedIfNot,
  noteRequestError,
  refreshRecipientName,
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

describe('issuance queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  const requestState = async (tx: EntityManager, id: string) =>
    (
      await tx.query(
        `SELECT attempts, last_attempt_at, issued_at, failed_at, failure_code, last_error FROM certificate_requests WHERE id = $1`,
        [id],
      )
    )[0];

  it('claims a request with its enrolment and learner, and moves it through attempt, error, failure and issue', async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx);
      const course = await certifyingCourse(tx);
      const completedAt = new Date('2026-03-01T02:00:00Z');
      const enrolment = await newEnrolment(tx, user.id, course.courseId, completedAt);
      const id = await newRequest(tx, enrolment, course.versionId);
      expect(await claimIssuanceRequest(tx, id)).toEqual({
        id,
        enrolment_id: enrolment,
        course_version_id: course.versionId,
        issued_at: null,
        failed_at: null,
        user_id: user.id,
        course_id: course.courseId,
        completed_at: completedAt,
        // A course certificate: no achievement of its own (an ambassador's badge has one and no enrolment).
        achievement_id: null,
        pseudonym: user.pseudonym,
      });
      expect(await claimIssuanceRequest(tx, NOBODY)).toBeUndefined();

      // The claim counted one attempt.
      expect(await noteRequestError(tx, id, 'disk full')).toBe(1);
      let state = await requestState(tx, id);
      expect(state).toMatchObject({ attempts: 1, last_error: 'disk full', issued_at: null });
      expect(state.last_attempt_at).toBeInstanceOf(Date);

      expect(await markRequestFailed(tx, id, 'CERTIFICATE_LEARNER_GONE', 'gone')).toBe(1);
      state = await requestState(tx, id);
      expect(state).toMatchObject({ failure_code: 'CERTIFICATE_LEARNER_GONE', last_error: 'gone' });
      expect(state.failed_at).toBeInstanceOf(Date);
      // Failed for good: no claim takes it up again (nor counts an attempt).
      expect(await claimIssuanceRequest(tx, id)).toBeUndefined();
      expect((await requestState(tx, id)).attempts).toBe(1);

      expect(await markRequestIssuedIfNot(tx, id)).toBe(1);
      state = await requestState(tx, id);
      expect(state.issued_at).toBeInstanceOf(Date);
      expect(state.last_error).toBeNull();
      // Issued once: neither marking again nor failing changes it.
      expect(await markRequestFailed(tx, id, 'X', 'y')).toBe(0);
      const issuedAt = state.issued_at as Date;
      expect(await markRequestIssuedIfNot(tx, id)).toBe(1);
      expect((await requestState(tx, id)).issued_at).toEqual(issuedAt);
    });
  });

  it('allocates one certificate per enrolment, reprints the name until issued, and stores the issued credential', async () => {
    await rolledBack(db, async (tx) => {
      const user = await newUser(tx, { displayName: 'Nguyễn Văn A' });
      const course = await certifyingCourse(tx);
      const enrolment = await newEnrolment(tx, user.id, course.courseId, new Date());
      const did = `did:web:issue-${token()}.test`;
      const revocation = await newStatusList(tx, did, 'revocation');
      const suspension = await newStatusList(tx, did, 'suspension');
      expect(await certificateOfEnrolment(tx, enrolment)).toBeUndefined();
      const cert = {
        id: crypto.randomUUID(),
        enrolmentId: enrolment,
        userId: user.id,
        courseId: course.courseId,
        courseVersionId: course.versionId,
        serial: `HVS-TEST-${token(4).toUpperCase()}`,
        statusListId: revocation,
        suspensionListId: suspension,
        statusIndex: 4242,
      };
      expect(await insertCertificate(tx, cert)).toMatchObject({
        id: cert.id,
        serial: cert.serial,
        recipient_name: 'Nguyễn Văn A',
        issued_at: null,
      });
      // The enrolment already has its certificate: a second insert does nothing.
      expect(
        await insertCertificate(tx, {
          ...cert,
          id: crypto.randomUUID(),
          serial: `${cert.serial}B`,
          statusIndex: 4243,
        }),
      ).toBeUndefined();
      const row = await certificateOfEnrolment(tx, enrolment);
      expect(row).toEqual({
        id: cert.id,
        enrolment_id: enrolment,
        user_id: user.id,
        course_id: course.courseId,
        course_version_id: course.versionId,
        serial: cert.serial,
        status_list_id: revocation,
        suspension_list_id: suspension,
        status_index: 4242,
        recipient_name: 'Nguyễn Văn A',
        credential: null,
        pdf_key: null,
        created_at: expect.any(Date),
        issued_at: null,
        status_state: null,
        status_reason: null,
        status_changed_at: null,
        achievement_id: null,
        achievement_name: null,
      });

      await tx.query(`UPDATE users SET display_name = 'Nguyễn Văn B' WHERE id = $1`, [user.id]);
      expect(await refreshRecipientName(tx, cert.id)).toBe('Nguyễn Văn B');

      const credential = { id: `urn:uuid:${cert.id}`, proof: { type: 'DataIntegrityProof' } };
      const request = await newRequest(tx, enrolment, course.versionId);
      expect(
        await storeIssuedCertificateAndRequest(
          tx,
          cert.id,
          request,
          credential,
          `certificates/${cert.id}.pdf`,
        ),
      ).toBe(true);
      expect((await requestState(tx, request)).issued_at).toBeInstanceOf(Date);
      expect(await storeIssuedCertificateAndRequest(tx, cert.id, request, {}, 'other.pdf')).toBe(false);
      const issued = await certificateOfEnrolment(tx, enrolment);
      expect(issued).toMatchObject({
        credential,
        pdf_key: `certificates/${cert.id}.pdf`,
        issued_at: expect.any(Date),
      });
      // Frozen once issued.
      await tx.query(`UPDATE users SET display_name = 'Nguyễn Văn C' WHERE id = $1`, [user.id]);
      expect(await refreshRecipientName(tx, cert.id)).toBeUndefined();
    });
  });

  it('reads what a certificate prints about its course version', async () => {
    await rolledBack(db, async (tx) => {
      const course = await certifyingCourse(tx);
      const text = await courseVersionText(tx, course.versionId);
      expect(text).toEqual({
        title: expect.objectContaining({ vi: expect.any(String) }),
        summary: expect.any(Object),
      });
      expect(await courseVersionText(tx, NOBODY)).toBeUndefined();
      const competencies = await courseVersionCompetencies(tx, course.versionId);
      expect(competencies.length).toBeGreaterThan(0);
      for (const c of competencies) {
        expect(c).toEqual({
          framework_id: expect.any(String),
          framework_name: expect.objectContaining({ vi: expect.any(String) }),
          code: expect.any(String),
          name: expect.objectContaining({ vi: expect.any(String) }),
          level: c.level === null ? null : expect.any(Number),
        });
      }
      expect(await courseVersionCompetencies(tx, NOBODY)).toEqual([]);
    });
  });

  it('reads what a course version requires: its completion rule and its lessons with quiz pass marks', async () => {
    await rolledBack(db, async (tx) => {
      const course = await certifyingCourse(tx);
      const req = (await courseVersionRequirements(tx, course.versionId))!;
      const [expected] = await tx.query(
        `SELECT v.completion, count(l.*)::int AS n FROM course_versions v
           JOIN course_version_lessons l ON l.course_version_id = v.id WHERE v.id = $1 GROUP BY v.completion`,
        [course.versionId],
      );
      expect(req.completion).toEqual(expected.completion);
      expect(req.lessons).toHaveLength(expected.n);
      for (const l of req.lessons) {
        if (l.kind === 'quiz') expect(l.passMark).toEqual(expect.any(Number));
        else expect(l.passMark).toBeNull();
      }
      for (const key of req.completion.quizzes)
        expect(req.lessons.find((l) => l.key === key)?.kind).toBe('quiz');
      expect(await courseVersionRequirements(tx, NOBODY)).toBeUndefined();
    });
  });
});
