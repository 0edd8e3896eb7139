import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { ReadCacheService } from '../src/common/cache/read-cache.service';
import { CatalogService } from '../src/modules/catalog/catalog.service';
import { CredentialsService } from '../src/modules/credentials/credentials.service';
import { completeCourse } from './support/learning-world';
import { approveForPublish } from './support/review-world';
import {
  type Browser,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const draft = (title: string) => ({
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: { vi: title, en: `${title} (EN)` },
  summary: { vi: 'Những điều cơ bản, từng bước một.', en: 'The basics, step by step.' },
  description: { vi: 'Dành cho **người mới bắt đầu**.', en: 'For **beginners**.' },
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: true,
  lessons: [
    {
      key: 'gioi-thieu',
      kind: 'text',
      title: { vi: 'Giới thiệu', en: 'Introduction' },
      minutes: 5,
      body: { vi: 'Chào mừng các bác đến với khoá học.', en: 'Welcome to the course.' },
    },
  ],
});

/** Waits (a bounded number of turns, no clock assertion) until replica `b` has received the invalidation. */
async function invalidationReached(b: TestApp, ns: string, before: number): Promise<void> {
  const cache = b.app.get(ReadCacheService);
  for (let i = 0; i < 500 && cache.versionOf(ns) <= before; i++) await new Promise((r) => setTimeout(r, 10));
  expect(cache.versionOf(ns)).toBeGreaterThan(before);
}

/**
 * The versioned read caches (docs/read-caches.md): two api replicas on one database and one Redis, and a third
 * whose Redis is unreachable. A change is seen at once by the replica that made it and, once the invalidation
 * message arrives, by the other; the one without Redis serves correct uncached answers.
 */
describe('read caches', () => {
  let world: FreshDatabase;
  let a: TestApp;
  let b: TestApp;
  let offline: TestApp;
  let teacher: Browser & { id: string };
  const courseId = `cache-${randomBytes(3).toString('hex')}`;

  beforeAll(async () => {
    world = await createPreparedDatabase();
    a = await startTestApp({ DATABASE_URL: world.url });
    b = await startTestApp({ DATABASE_URL: world.url });
    offline = await startTestApp({ DATABASE_URL: world.url, REDIS_URL: 'redis://127.0.0.1:1/0' });
    const system = await signedInDemo(a.http);
    teacher = await signedUpLearner(a.http, 'Giáo viên bộ nhớ đệm');
    await system.post('/api/admin/role-grants').send({ userId: teacher.id, role: 'teacher' }).expect(201);
    await teacher.post('/api/teaching/courses').send({ id: courseId, title: 'Khoá thử' }).expect(201);
    await teacher.agent
      .put(`/api/teaching/courses/${courseId}/draft`)
      .set('x-csrf-token', teacher.csrf)
      .send({ revision: 1, document: draft('Khoá thử bộ nhớ đệm') })
      .expect(200);
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), offline?.close()]);
    await world?.drop();
  });

  const ids = async (t: TestApp) =>
    (
      (await request(t.http).get('/api/courses?limit=50').expect(200)).body.items as Array<{ id: string }>
    ).map((c) => c.id);

  it('a replica with Redis caches; one whose Redis is unreachable does not', () => {
    expect(a.app.get(ReadCacheService).active).toBe(true);
    expect(b.app.get(ReadCacheService).active).toBe(true);
    expect(offline.app.get(ReadCacheService).active).toBe(false);
  });

  it('publish, republish and unpublish are seen at once by this replica and by the other one', async () => {
    // Warm both replicas' caches with the catalogue before the course exists.
    expect(await ids(a)).not.toContain(courseId);
    expect(await ids(b)).not.toContain(courseId);
    await request(b.http).get(`/api/courses/${courseId}`).expect(404);
    const before = b.app.get(ReadCacheService).versionOf('catalogue');

    await approveForPublish(a.http, teacher, courseId, 2);
    await teacher.post(`/api/teaching/courses/${courseId}/publish`).send({ revision: 2 }).expect(200);
    expect(await ids(a)).toContain(courseId);
    expect(await ids(offline)).toContain(courseId);
    await invalidationReached(b, 'catalogue', before);
    expect(await ids(b)).toContain(courseId);
    const page1 = await request(b.http).get(`/api/courses/${courseId}`).expect(200);
    expect(page1.body.title).toBe('Khoá thử bộ nhớ đệm');

    // A republish with a new title: the page changes everywhere, and the old ETag no longer gets a 304.
    await request(b.http)
      .get(`/api/courses/${courseId}`)
      .set('if-none-match', page1.headers.etag!)
      .expect(304);
    await teacher.agent
      .put(`/api/teaching/courses/${courseId}/draft`)
      .set('x-csrf-token', teacher.csrf)
      .send({ revision: 2, document: draft('Khoá thử đã đổi tên') })
      .expect(200);
    const beforeRepublish = b.app.get(ReadCacheService).versionOf(`course:${courseId}`);
    await approveForPublish(a.http, teacher, courseId, 3);
    await teacher.post(`/api/teaching/courses/${courseId}/publish`).send({ revision: 3 }).expect(200);
    const fresh = await request(a.http)
      .get(`/api/courses/${courseId}`)
      .set('if-none-match', page1.headers.etag!);
    expect(fresh.status).toBe(200);
    expect(fresh.body.title).toBe('Khoá thử đã đổi tên');
    await invalidationReached(b, `course:${courseId}`, beforeRepublish);
    const onB = await request(b.http)
      .get(`/api/courses/${courseId}`)
      .set('if-none-match', page1.headers.etag!);
    expect(onB.status).toBe(200);
    expect(onB.text).toBe(fresh.text);
    expect(onB.headers.etag).toBe(fresh.headers.etag);

    const beforeUnpublish = b.app.get(ReadCacheService).versionOf('catalogue');
    await teacher.post(`/api/teaching/courses/${courseId}/unpublish`).expect(204);
    await request(a.http).get(`/api/courses/${courseId}`).expect(404);
    expect(await ids(a)).not.toContain(courseId);
    await invalidationReached(b, 'catalogue', beforeUnpublish);
    await request(b.http).get(`/api/courses/${courseId}`).expect(404);
    expect(await ids(b)).not.toContain(courseId);
  });

  it('sends cached answers compressed as the client accepts (brotli, gzip, none), the same JSON and ETag', async () => {
    // Raw bytes through Fastify's inject (supertest would decompress): the coding, Vary and ETag a CDN sees.
    const raw = async (t: TestApp, url: string, acceptEncoding?: string) => {
      const fastify = t.app.getHttpAdapter().getInstance() as import('fastify').FastifyInstance;
      const res = await fastify.inject({
        method: 'GET',
        url,
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      });
      expect(res.statusCode).toBe(200);
      return { headers: res.headers, bytes: res.rawPayload };
    };
    // `a` keeps the answer (compressed from its second use); `offline` (Redis away) keeps nothing, so each answer is
    // a new one and is sent uncompressed rather than compressed for one use.
    for (const [t, kept] of [
      [a, true],
      [offline, false],
    ] as const) {
      const plain = await raw(t, '/api/courses');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const json = plain.bytes.toString('utf8');
      expect(JSON.parse(json).items.length).toBeGreaterThan(0);
      const br = await raw(t, '/api/courses', 'gzip, deflate, br');
      const gz = await raw(t, '/api/courses', 'gzip;q=1, br;q=0');
      if (kept) {
        expect(br.headers['content-encoding']).toBe('br');
        expect(brotliDecompressSync(br.bytes).toString('utf8')).toBe(json);
        expect(br.bytes.length).toBeLessThan(plain.bytes.length / 2);
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gunzipSync(gz.bytes).toString('utf8')).toBe(json);
      } else
        for (const r of [br, gz]) {
          expect(r.headers['content-encoding']).toBeUndefined();
          expect(r.bytes.toString('utf8')).toBe(json);
        }
      for (const r of [plain, br, gz]) {
        expect(r.headers.etag).toBe(plain.headers.etag);
        expect(r.headers.vary).toBe('accept-encoding');
      }
    }
  });

  it('answers byte for byte as without a cache, with the same strong ETag, 304 when it matches', async () => {
    for (const url of ['/api/courses', '/api/courses?lang=en&q=dich%20vu', '/api/courses/online-scams']) {
      const cold = await request(a.http).get(url).expect(200);
      const warm = await request(a.http).get(url).expect(200);
      const uncached = await request(offline.http).get(url).expect(200);
      expect(warm.text).toBe(cold.text);
      expect(uncached.text).toBe(cold.text);
      expect(warm.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(uncached.headers.etag).toBe(warm.headers.etag);
      expect(warm.headers['content-type']).toBe(uncached.headers['content-type']);
      expect(warm.headers['cache-control']).toBe('public, no-cache');
      for (const t of [a, offline]) {
        const again = await request(t.http).get(url).set('if-none-match', warm.headers.etag!).expect(304);
        expect(again.text).toBe('');
        await request(t.http).get(url).set('if-none-match', '"not-this-one"').expect(200);
      }
    }
  });

  it('the answer memo replays an anonymous repeat with the full stack headers, never a signed-in one', async () => {
    const memo = a.app.get(ReadCacheService).memo;
    const url = `/api/courses?lang=vi&q=${randomBytes(3).toString('hex')}`;
    const full = await request(a.http).get(url).expect(200);
    const hits = memo.hits;
    const replayed = await request(a.http).get(url).expect(200);
    expect(memo.hits).toBe(hits + 1);
    expect(replayed.text).toBe(full.text);
    const same = (h: Record<string, string>) => {
      const { 'x-request-id': _id, date: _d, connection: _c, 'keep-alive': _k, ...rest } = h;
      return rest;
    };
    expect(same(replayed.headers)).toEqual(same(full.headers));
    expect(replayed.headers['content-security-policy']).toContain("default-src 'self'"); // helmet's, replayed
    expect(replayed.headers['x-request-id']).toBeDefined();
    expect(replayed.headers['x-request-id']).not.toBe(full.headers['x-request-id']);
    // A signed-in learner takes the full path (session rotation and reuse detection run), and is not replayed.
    const learner = await signedUpLearner(a.http, 'Người học ghi nhớ');
    await learner.agent.get(url).expect(200);
    expect(memo.hits).toBe(hits + 1);
    // A publish is seen by the next anonymous request: the memo replays only current entries.
    const before = await request(a.http).get('/api/courses/online-scams').expect(200);
    await request(a.http).get('/api/courses/online-scams').expect(200);
    await a.app.get(ReadCacheService).changed('course:online-scams');
    const hitsBefore = memo.hits;
    const after = await request(a.http).get('/api/courses/online-scams').expect(200);
    expect(memo.hits).toBe(hitsBefore);
    expect(after.text).toBe(before.text); // recomputed by the full stack (same content: nothing was changed)
  });

  it('50 parallel requests on a cold key compute the answer once', async () => {
    const catalog = a.app.get(CatalogService);
    await a.app.get(ReadCacheService).changed('course:online-public-services');
    const spy = jest.spyOn(catalog, 'detail');
    try {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => request(a.http).get('/api/courses/online-public-services?lang=en')),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
      expect(new Set(answers.map((r) => r.text)).size).toBe(1);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('a revoked certificate verifies as revoked at once, on every replica', async () => {
    const { l } = await completeCourse(a, world.db, 'cashless-payments');
    const [req] = await world.db.query(
      `SELECT r.id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1`,
      [l.id],
    );
    const deps = {
      db: world.db,
      storage: new LocalDiskStorage(process.env.STORAGE_DIR!),
      settings: {
        publicUrl: 'http://localhost:3000',
        keySecret: process.env.ISSUER_KEY_SECRET!,
        name: { vi: 'Học vụ số', en: 'Học vụ số' },
      },
    };
    expect(await issueCertificate(deps, req.id)).toBe('done');
    const cert = (await l.agent.get('/api/me/certificates').expect(200)).body.items[0];
    const [commune] = await world.db.query(
      `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    );
    await placeLearner(l, commune.id);
    const url = `/api/credentials/${cert.id}/verify`;
    const verifySpy = jest.spyOn(a.app.get(CredentialsService), 'verifyIssued');
    const valid = await request(a.http).get(url).expect(200);
    expect(valid.body.verdict).toBe('valid');
    const again = await request(a.http).get(url).set('if-none-match', valid.headers.etag!).expect(304);
    expect(again.text).toBe('');
    expect(verifySpy).toHaveBeenCalledTimes(1);
    verifySpy.mockRestore();
    expect((await request(b.http).get(url).expect(200)).body.verdict).toBe('valid');
    // The QR page's JSON answer is the same cached verification.
    const page = await request(b.http)
      .get(`/verify/${cert.id}`)
      .set('accept', 'application/json')
      .expect(200);
    expect(page.text).toBe(valid.text);
    expect(page.headers.vary).toBe('accept, accept-language, accept-encoding');
    const before = b.app.get(ReadCacheService).versionOf(`credential:${cert.id}`);

    const admin = await signedInDemo(a.http);
    await admin
      .post(`/api/certificates/${cert.id}/status`)
      .send({ action: 'revoke', reason: 'Cấp nhầm người học' })
      .expect(200, { status: 'revoked' });
    const revoked = await request(a.http).get(url).set('if-none-match', valid.headers.etag!).expect(200);
    expect(revoked.body).toMatchObject({ verdict: 'revoked', checks: { status: 'revoked' } });
    expect((await request(offline.http).get(url).expect(200)).body.verdict).toBe('revoked');
    await invalidationReached(b, `credential:${cert.id}`, before);
    const onB = await request(b.http).get(url).expect(200);
    expect(onB.text).toBe(revoked.text);
  });

  it('unknown and forged ids are answered as before and never cached', async () => {
    for (const t of [a, offline]) {
      await request(t.http).get('/api/courses/khong-co-khoa-nay').expect(404);
      await request(t.http)
        .get(`/api/credentials/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/verify`)
        .expect(404);
      await request(t.http)
        .get('/api/credentials/%E2%80%8B%00/verify')
        .expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    }
  });
});
