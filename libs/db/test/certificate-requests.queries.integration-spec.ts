// The certificate outbox queries against the run's real Postgres. Each test runs in a REPEATABLE READ transaction
// rolled back at its end, so the table-wide counts it compares are not moved by other suites of the run.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  certificateRequestCounts,
  dueCertificateRequests,
  failedCertificateRequests,
  retryFailedCertificateRequests,
} from '../src';
import { newEnrolment, newRequest, newUser, rolledBack, certifyingCourse } from './support/world';

describe('certificate-requests queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('announces old enough requests past their backoff, never issued or failed ones', async () => {
    await rolledBack(
      db,
      async (tx) => {
        const course = await certifyingCourse(tx);
        const request = async (opts: Parameters<typeof newRequest>[3]) => {
          const user = await newUser(tx);
          const enrolment = await newEnrolment(tx, user.id, course.courseId, new Date());
          return { id: await newRequest(tx, enrolment, course.versionId, opts), enrolment_id: enrolment };
        };
        const due = await request({ ageSeconds: 120 });
        const young = await request({ ageSeconds: 1 });
        const failed = await request({ ageSeconds: 120, failed: 'X' });
        const issued = await request({ ageSeconds: 120, issued: true });
        const backingOff = await request({ ageSeconds: 120, attempts: 3 });
        await tx.query(`UPDATE certificate_requests SET last_attempt_at = now() WHERE id = $1`, [
          backingOff.id,
        ]);
        const rows = await dueCertificateRequests(tx, 60);
        expect(rows).toContainEqual(due);
        const ids = rows.map((r) => r.id);
        for (const r of [young, failed, issued, backingOff]) expect(ids).not.toContain(r.id);
        expect(await dueCertificateRequests(tx, 60, 0)).toEqual([]);
      },
      'REPEATABLE READ',
    );
  });

  it('lists failed requests with their learner, re-runs them, and counts the backlog', async () => {
    await rolledBack(
      db,
      async (tx) => {
        const before = await certificateRequestCounts(tx);
        const course = await certifyingCourse(tx);
        const user = await newUser(tx, { displayName: 'Trần Thị Hỏng' });
        const enrolment = await newEnrolment(tx, user.id, course.courseId, new Date());
        const id = await newRequest(tx, enrolment, course.versionId, {
          ageSeconds: 30,
          attempts: 6,
          failed: 'CERTIFICATE_COURSE_VERSION_GONE',
        });
        const user2 = await newUser(tx);
        const enrolment2 = await newEnrolment(tx, user2.id, course.courseId, new Date());
        await newRequest(tx, enrolment2, course.versionId, { ageSeconds: 30, attempts: 5 });

        const failed = await failedCertificateRequests(tx, 10_000);
        expect(failed.find((r) => r.id === id)).toEqual({
          id,
          enrolment_id: enrolment,
          user_id: user.id,
          display_name: 'Trần Thị Hỏng',
          course_id: course.courseId,
          requested_at: expect.any(Date),
          failed_at: expect.any(Date),
          failure_code: 'CERTIFICATE_COURSE_VERSION_GONE',
          last_error: null,
          attempts: 6,
        });
        expect(await failedCertificateRequests(tx, 1, failed.length)).toEqual([]);

        const after = await certificateRequestCounts(tx);
        expect(after.failed - before.failed).toBe(1);
        expect(after.retrying - before.retrying).toBe(1);
        expect(after.pending - before.pending).toBe(1);
        expect(after.oldestPendingSeconds).toBeGreaterThanOrEqual(29);

        expect(await retryFailedCertificateRequests(tx, [enrolment])).toEqual([]);
        expect(await retryFailedCertificateRequests(tx, [id])).toEqual([{ id, enrolment_id: enrolment }]);
        const [state] = await tx.query(
          `SELECT failed_at, failure_code, attempts, last_attempt_at FROM certificate_requests WHERE id = $1`,
          [id],
        );
        expect(state).toEqual({ failed_at: null, failure_code: null, attempts: 0, last_attempt_at: null });
        expect((await certificateRequestCounts(tx)).failed).toBe(before.failed);
      },
      'REPEATABLE READ',
    );
  });
});
