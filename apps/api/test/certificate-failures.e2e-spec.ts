import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { checkIssuerIdentity, issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { createServer } from 'node:net';
import { createApp } from '../src/common/http/create-app';
import { loadApiConfig } from '../src/config/api.config';
import { completeCourse, correctAnswers, outline } from './support/learning-world';
import { expectErrorShape, signedInDemo, startTestApp, type TestApp } from './support/test-app';

const COURSE = 'online-scams';

/** A local port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolvePort) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });

async function requestOf(db: DataSource, userId: string): Promise<{ id: string; enrolment_id: string }> {
  const [r] = await db.query(
    `SELECT r.id, r.enrolment_id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1`,
    [userId],
  );
  return r;
}

describe('Redis down: the learner is never held up by announcing a job', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    // Redis is down: its address answers nothing (a port that was free a moment ago, now closed).
    t = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000',
    });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('completes the course at once and keeps the certificate request in Postgres for the sweep', async () => {
    const { l } = await completeCourse(t, db, COURSE, { skipLast: true });
    const lessons = await outline(t, COURSE);
    const lastLesson = lessons[lessons.length - 1]!;
    expect(lastLesson.kind).toBe('quiz');
    const attempt = (await l.post(`/api/lessons/${lastLesson.id}/quiz-attempts`).send({}).expect(201)).body;
    // The completing submit announces the certificate job: it must answer within a few seconds, not hang on
    // Redis (before: 20–40 s per completion).
    const res = await l
      .post(`/api/quiz-attempts/${attempt.id}/submit`)
      .set('idempotency-key', randomUUID())
      .send({ answers: await correctAnswers(db, attempt.id) })
      .timeout(5_000)
      .expect(200);
    expect(res.body.enrolment).toMatchObject({ status: 'completed' });
    const r = await requestOf(db, l.id);
    expect(r).toBeDefined();
  });

  it('answers readiness promptly with 503 and the jobs transport down', async () => {
    const res = await (await import('supertest')).default(t.http).get('/api/ready').timeout(8_000);
    expect(res.status).toBe(503);
    expect(res.body.checks.jobs).toMatchObject({ transport: 'redis', status: 'down' });
    expect(res.body.checks.postgres).toBe('up');
  });
});

describe('certificates that fail for good are visible and can be re-run', () => {
  let t: TestApp;
  let db: DataSource;
  const storageDir = mkdtempSync(join(tmpdir(), 'hvs-cert-failures-'));
  const deps = () => ({
    db,
    storage: new LocalDiskStorage(storageDir),
    settings: {
      publicUrl: 'http://localhost:3000',
      keySecret: process.env.ISSUER_KEY_SECRET!,
      name: { vi: 'Học vụ số', en: 'Học vụ số' },
    },
  });
  beforeAll(async () => {
    // No job reaches a worker (Redis is unreachable for this app), so no worker another suite runs on the
    // shared database issues these certificates before the test does it itself.
    t = await startTestApp({
      REDIS_URL: `redis://127.0.0.1:${await closedPort()}`,
      HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000',
    });
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('ends a refused name in a failed state the learner and system administrators see, then issues after a re-run', async () => {
    const { l } = await completeCourse(t, db, COURSE);
    const r = await requestOf(db, l.id);
    // A learner from before the display-name rule, with an escape sequence in the stored name.
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [l.id, 'Hương\u001b[31m Đỏ']);
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('failed');
    const [row] = await db.query(
      `SELECT failed_at, failure_code, issued_at FROM certificate_requests WHERE id = $1`,
      [r.id],
    );
    expect(row).toMatchObject({
      failure_code: 'CREDENTIAL_INPUT_INVALID',
      issued_at: null,
      failed_at: expect.any(Date),
    });
    // No more automatic attempts.
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('skipped');

    const mine = await l.agent.get('/api/me/certificates').expect(200);
    const item = (mine.body.items ?? mine.body).find((c: { courseId: string }) => c.courseId === COURSE);
    expect(item).toMatchObject({ status: 'failed', failureCode: 'CREDENTIAL_INPUT_INVALID' });

    // Learners may not read or re-run the list.
    expectErrorShape(
      (await l.agent.get('/api/admin/certificate-requests/failed').expect(403)).body,
      403,
      'FORBIDDEN',
    );
    await l.post('/api/admin/certificate-requests/retry-failed').send({}).expect(403);
    // Neither may an administrator of a smaller area.
    const unitAdmin = await signedInDemo(t.http, 'unit-admin');
    await unitAdmin.agent.get('/api/admin/certificate-requests/failed').expect(403);

    const admin = await signedInDemo(t.http, 'system-admin');
    const list = await admin.agent.get('/api/admin/certificate-requests/failed').expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: r.id,
          userId: l.id,
          courseId: COURSE,
          failureCode: 'CREDENTIAL_INPUT_INVALID',
        }),
      ]),
    );
    const ready = await (await import('supertest')).default(t.http).get('/api/ready');
    expect(ready.body.checks.certificates.failed).toBeGreaterThanOrEqual(1);
    expect(ready.body.warnings).toContain('certificates_failed');

    // Hostile bodies are refused with the error shape.
    expectErrorShape(
      (
        await admin
          .post('/api/admin/certificate-requests/retry-failed')
          .send({ ids: ['1; DROP TABLE users'] })
          .expect(400)
      ).body,
      400,
    );
    await admin
      .post('/api/admin/certificate-requests/retry-failed')
      .send({ ids: [r.id], everything: true })
      .expect(400);
    await admin.post('/api/admin/certificate-requests/retry-failed').send({ ids: [] }).expect(400);

    // The cause is fixed (the learner corrects the name), then an administrator re-runs it.
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [l.id, 'Hương Đỏ']);
    const retried = await admin
      .post('/api/admin/certificate-requests/retry-failed')
      .send({ ids: [r.id] })
      .expect(200);
    expect(retried.body).toEqual({ retried: 1 });
    const [cleared] = await db.query(
      `SELECT failed_at, failure_code, attempts FROM certificate_requests WHERE id = $1`,
      [r.id],
    );
    expect(cleared).toEqual({ failed_at: null, failure_code: null, attempts: 0 });
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('done');
    const after = await l.agent.get('/api/me/certificates').expect(200);
    const issued = (after.body.items ?? after.body).find((c: { courseId: string }) => c.courseId === COURSE);
    expect(issued).toMatchObject({ status: 'valid', failureCode: null });
    // Re-running again finds nothing to do.
    expect(
      (
        await admin
          .post('/api/admin/certificate-requests/retry-failed')
          .send({ ids: [r.id] })
          .expect(200)
      ).body,
    ).toEqual({ retried: 0 });
  });

  it('re-runs a failed request (an RTL override in the name) once when 30 re-run calls race: the rest find nothing', async () => {
    const { l } = await completeCourse(t, db, COURSE);
    const r = await requestOf(db, l.id);
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [l.id, 'Hương\u202e Đỏ']);
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('failed');
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [l.id, 'Hương Đỏ']);
    const admin = await signedInDemo(t.http, 'system-admin');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        admin.post('/api/admin/certificate-requests/retry-failed').send({ ids: [r.id] }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    expect(answers.reduce((sum, a) => sum + (a.body.retried as number), 0)).toBe(1);
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('done');
  });

  it('issues the certificate of a learner whose sign-up name has "@" or five digits in a row', async () => {
    const { l } = await completeCourse(t, db, COURSE);
    await db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [l.id, 'Nguyễn Văn A 12345 @ Tổ 3']);
    const r = await requestOf(db, l.id);
    await expect(issueCertificate(deps(), r.id)).resolves.toBe('done');
    const [c] = await db.query(`SELECT recipient_name, issued_at FROM certificates WHERE enrolment_id = $1`, [
      r.enrolment_id,
    ]);
    expect(c.recipient_name).toBe('Nguyễn Văn A 12345 @ Tổ 3');
    expect(c.issued_at).toEqual(expect.any(Date));
  });
});

describe('the api refuses to start on a changed PUBLIC_URL or a wrong ISSUER_KEY_SECRET', () => {
  const configWith = (env: Record<string, string>) =>
    loadApiConfig({
      ...process.env,
      NODE_ENV: 'development',
      COOKIE_SECRET: 'e2e-cookie-secret-0123456789abcdefghijkl',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'silent',
      WEB_DIST: '/nonexistent',
      PUBLIC_URL: 'http://localhost:3000',
      ...env,
    });

  beforeAll(async () => {
    // The platform has issued from http://localhost:3000 (whatever suite ran first).
    const db = await openRunDatabase();
    try {
      await checkIssuerIdentity(
        db,
        {
          publicUrl: 'http://localhost:3000',
          keySecret: process.env.ISSUER_KEY_SECRET!,
          name: { vi: 'Học vụ số', en: 'Học vụ số' },
        },
        { allowNewUrl: true },
      );
    } finally {
      await db.destroy();
    }
  });

  async function startFails(env: Record<string, string>): Promise<Error> {
    const app = await createApp(configWith(env));
    try {
      await app.init();
    } catch (err) {
      return err as Error;
    } finally {
      await app.close().catch(() => undefined);
    }
    throw new Error('the api started');
  }

  it('names the issuer:move-url command for a new address, and creates no new identity', async () => {
    const err = await startFails({ PUBLIC_URL: 'https://hocvuso-elsewhere.example.vn' });
    expect(err.message).toContain('issuer:move-url');
    const db = await openRunDatabase();
    try {
      expect(await db.query(`SELECT 1 FROM issuer_keys WHERE did LIKE '%elsewhere%'`)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('refuses a secret that cannot decrypt the issuer key', async () => {
    const err = await startFails({ ISSUER_KEY_SECRET: 'not-the-secret-0123456789abcdefghijklmnop' });
    expect(err.message).toContain('ISSUER_KEY_SECRET');
  });
});
