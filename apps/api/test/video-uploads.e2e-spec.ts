import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { Upload } from 'tus-js-client';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const MAX = 3 * 1024 * 1024;

/** A short lavfi clip (test pattern and a tone) made by the ffmpeg npm brought. */
function clip(
  file: string,
  opts: { audio?: boolean; video?: boolean; seconds?: number; extra?: string[] } = {},
) {
  const { audio = true, video = true, seconds = 2, extra = [] } = opts;
  const args = ['-v', 'error', '-y'];
  if (video) args.push('-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`);
  if (audio) args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`);
  if (video) args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p');
  if (audio) args.push('-c:a', 'aac');
  args.push('-movflags', '+faststart', ...extra, file);
  execFileSync(ffmpegPath, args);
  return readFileSync(file);
}

interface Teacher {
  b: Browser;
  id: string;
  headers: Record<string, string>;
}

/**
 * Resumable video uploads (docs/video-pipeline.md) with tus-js-client against the real api on a port: a good
 * clip is accepted and recorded; an upload survives an aborted PATCH; every hostile file is refused with a code
 * naming its problem and leaves no upload file, no stored file and no row; nobody but the uploader can touch
 * an upload; 50 parallel creates and HEADs are all answered.
 */
describe('video uploads: tus on /api/teaching/courses/:id/videos/uploads', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let base: string;
  let storageDir: string;
  let uploadDir: string;
  let fixtures: string;
  let owner: Teacher;
  let coEditor: Teacher;
  let stranger: Teacher;
  const tag = Date.now().toString(36);
  const course = `video-${tag}`;
  const otherCourse = `video-khac-${tag}`;
  type Fixture = 'good' | 'big' | 'noAudio' | 'noVideo' | 'truncated' | 'corrupt' | 'exe' | 'html';
  const files = {} as Record<Fixture, Buffer>;

  const endpoint = (id = course) => `${base}/api/teaching/courses/${id}/videos/uploads`;
  const rows = async () =>
    Number(
      (await world.db.query(`SELECT count(*) AS n FROM course_videos WHERE course_id = $1`, [course]))[0].n,
    );
  const list = (dir: string): string[] => {
    try {
      return readdirSync(dir, { recursive: true }) as string[];
    } catch {
      return [];
    }
  };
  const stored = () => list(join(storageDir, 'videos'));

  /** A session cookie and the matching CSRF cookie and token, as tus-js-client sends them. */
  async function tusHeaders(sessionCookie: string): Promise<Record<string, string>> {
    const res = await request(base).get('/api/auth/csrf').set('cookie', sessionCookie).expect(200);
    const csrfCookie = (res.headers['set-cookie'] as unknown as string[])
      .find((c) => c.startsWith('hvs_csrf='))!
      .split(';')[0]!;
    return { cookie: `${sessionCookie}; ${csrfCookie}`, 'x-csrf-token': res.body.token as string };
  }

  function tus(
    who: Teacher,
    body: Buffer,
    opts: { courseId?: string; name?: string; chunkSize?: number; uploadUrl?: string } = {},
  ) {
    const progress: number[] = [];
    // Bytes the server acknowledged (a PATCH answered with its new Upload-Offset), unlike `progress`, which counts
    // bytes handed to the socket: Node 22+ streams in larger pieces, so "sent" may run ahead of "stored".
    const acked: number[] = [];
    let upload!: Upload;
    const done = new Promise<string>((resolve, reject) => {
      upload = new Upload(body, {
        endpoint: endpoint(opts.courseId),
        uploadUrl: opts.uploadUrl,
        headers: who.headers,
        metadata: { filename: opts.name ?? 'Bài 1 – giới thiệu.mp4', filetype: 'video/mp4' },
        chunkSize: opts.chunkSize ?? Infinity,
        retryDelays: [],
        onProgress: (sent) => progress.push(sent),
        onChunkComplete: (_size, accepted) => acked.push(accepted),
        onError: (err) => reject(err),
        onSuccess: () => resolve(upload.url!),
      });
      upload.start();
    });
    return { done, progress, acked, upload: () => upload };
  }
  /** The api's error body on a refused tus request. */
  const refusal = (err: unknown) => {
    const res = (err as { originalResponse?: { getStatus(): number; getBody(): string } }).originalResponse;
    if (!res) throw err;
    return { status: res.getStatus(), body: JSON.parse(res.getBody()) as Record<string, unknown> };
  };
  const refusedWith = async (who: Teacher, body: Buffer, status: number, code: string) => {
    const before = { rows: await rows(), stored: stored().length };
    const err = await tus(who, body).done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeDefined();
    const r = refusal(err);
    expect(r.status).toBe(status);
    expectErrorShape(r.body, status, code);
    expect(await rows()).toBe(before.rows);
    expect(stored()).toHaveLength(before.stored);
    expect(list(uploadDir)).toEqual([]);
    return r.body;
  };

  beforeAll(async () => {
    world = await createPreparedDatabase();
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-videos-'));
    uploadDir = mkdtempSync(join(tmpdir(), 'hvs-video-uploads-'));
    fixtures = mkdtempSync(join(tmpdir(), 'hvs-video-fixtures-'));
    t = await startTestApp({
      DATABASE_URL: world.url,
      STORAGE_DIR: storageDir,
      STORAGE_DRIVER: 'local',
      VIDEO_UPLOAD_DIR: uploadDir,
      VIDEO_MAX_BYTES: String(MAX),
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const system = await signedInDemo(t.http);
    const make = async (name: string, id?: string): Promise<Teacher> => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      if (id)
        await b
          .post('/api/teaching/courses')
          .send({ id, title: `Khoá ${name}` })
          .expect(201);
      return { b, id: b.id, headers: await tusHeaders(b.sessionCookie) };
    };
    owner = await make('Cô Lan', course);
    coEditor = await make('Thầy Hùng');
    stranger = await make('Thầy Minh', otherCourse);
    await owner.b
      .post(`/api/teaching/courses/${course}/staff`)
      .send({ identifier: (coEditor.b as unknown as { email: string }).email })
      .expect(200);

    files.good = clip(join(fixtures, 'good.mp4'));
    files.big = clip(join(fixtures, 'big.mp4'), { seconds: 8, extra: ['-b:v', '4M'] });
    files.noAudio = clip(join(fixtures, 'no-audio.mp4'), { audio: false });
    files.noVideo = clip(join(fixtures, 'no-video.m4a'), { video: false });
    files.truncated = files.good.subarray(0, Math.floor(files.good.length * 0.6));
    files.corrupt = Buffer.concat([files.good.subarray(0, 40), Buffer.alloc(4000, 0x5a)]);
    files.exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 1)]);
    files.html = Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>');
    writeFileSync(join(fixtures, 'noop'), '');
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await world.drop();
    for (const d of [storageDir, uploadDir, fixtures]) rmSync(d, { recursive: true, force: true });
  });

  it('a good clip: accepted, probed, hashed, stored under a server key, recorded for the worker', async () => {
    const url = await tus(owner, files.good, { name: '../../Bài\u202e 1\u200b.mp4' }).done;
    const id = url.split('/').pop()!;
    expect(url).toBe(`${endpoint()}/${id}`);
    const res = await owner.b.agent.get(`/api/teaching/courses/${course}/videos/${id}`).expect(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Bài 1.mp4'.normalize('NFC'),
      mediaType: 'video/mp4',
      sizeBytes: files.good.length,
      sha256: createHash('sha256').update(files.good).digest('hex'),
      width: 320,
      height: 240,
      status: 'uploaded',
      progress: 0,
      urls: { original: `/api/videos/${id}/original.mp4`, hls: null, poster: null },
    });
    expect(res.body.durationSeconds).toBeCloseTo(2, 0);
    expect(stored()).toContain(join(id, 'original.mp4'));
    expect(list(uploadDir)).toEqual([]);
    // The original plays at once, with range requests, cacheable by a CDN, never sniffed.
    const whole = await request(base).get(`/api/videos/${id}/original.mp4`).expect(200);
    expect(Buffer.compare(whole.body as Buffer, files.good)).toBe(0);
    expect(whole.headers).toMatchObject({
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    const part = await request(base)
      .get(`/api/videos/${id}/original.mp4`)
      .set('range', 'bytes=100-199')
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${files.good.length}`);
    expect(Buffer.compare(part.body as Buffer, files.good.subarray(100, 200))).toBe(0);
    await request(base)
      .get(`/api/videos/${id}/original.mp4`)
      .set('range', `bytes=${files.good.length}-`)
      .expect(416);
    // No ladder yet: the HLS files are not served before the worker marks the video ready.
    await request(base).get(`/api/videos/${id}/hls/master.m3u8`).expect(404);
    await request(base).get(`/api/videos/${id}/..%2F..%2Fetc%2Fpasswd`).expect(404);
  });

  it('resumes after an aborted PATCH: HEAD gives the offset, only the rest is sent', async () => {
    const chunk = 64 * 1024;
    const first = tus(owner, files.big, { chunkSize: chunk });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (first.acked.some((p) => p >= 2 * chunk)) {
          clearInterval(timer);
          void first.upload().abort().then(resolve);
        }
      }, 5);
    });
    const url = first.upload().url!;
    const head = await request(base)
      .head(new URL(url).pathname)
      .set(owner.headers)
      .set('tus-resumable', '1.0.0')
      .expect(200);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBeGreaterThanOrEqual(2 * chunk);
    expect(offset).toBeLessThan(files.big.length);
    const second = tus(owner, files.big, { uploadUrl: url, chunkSize: chunk });
    expect(await second.done).toBe(url);
    expect(Math.min(...second.progress)).toBeGreaterThanOrEqual(offset);
    const id = url.split('/').pop()!;
    const row = await world.db.query(`SELECT size_bytes, sha256 FROM course_videos WHERE id = $1`, [id]);
    expect(row[0]).toEqual({
      size_bytes: String(files.big.length),
      sha256: createHash('sha256').update(files.big).digest('hex'),
    });
  });

  it.each([
    ['a renamed Windows program', 'exe', 'VIDEO_EXECUTABLE'],
    ['an HTML page named .mp4', 'html', 'VIDEO_MARKUP'],
    ['a video without a sound track', 'noAudio', 'VIDEO_NO_AUDIO'],
    ['sound without a picture', 'noVideo', 'VIDEO_NO_VIDEO'],
    ['a truncated MP4', 'truncated', 'VIDEO_CORRUPT'],
    ['an MP4 header followed by garbage', 'corrupt', 'VIDEO_CORRUPT'],
  ])('refuses %s on the last PATCH, leaving nothing behind', async (_what, fixture, code) => {
    const body = await refusedWith(owner, files[fixture as Fixture], 400, code);
    expect(String(body.message)).not.toBe('');
  });

  it('refuses an empty file and one over VIDEO_MAX_BYTES when the upload starts', async () => {
    const empty = await request(base)
      .post(`/api/teaching/courses/${course}/videos/uploads`)
      .set(owner.headers)
      .set({ 'tus-resumable': '1.0.0', 'upload-length': '0' })
      .expect(400);
    expectErrorShape(empty.body, 400, 'VIDEO_EMPTY');
    const big = await request(base)
      .post(`/api/teaching/courses/${course}/videos/uploads`)
      .set(owner.headers)
      .set({ 'tus-resumable': '1.0.0', 'upload-length': String(MAX + 1) })
      .expect(400);
    expectErrorShape(big.body, 400, 'VIDEO_TOO_LARGE');
    expect(big.body.details).toEqual({ maxBytes: MAX });
    const deferred = await request(base)
      .post(`/api/teaching/courses/${course}/videos/uploads`)
      .set(owner.headers)
      .set({ 'tus-resumable': '1.0.0', 'upload-defer-length': '1' })
      .expect(400);
    expectErrorShape(deferred.body, 400, 'VIDEO_LENGTH_REQUIRED');
    expect(list(uploadDir)).toEqual([]);
  });

  it('only the uploader may resume: a co-teacher gets 403, another course’s teacher 404, nobody signed in 401', async () => {
    const started = tus(owner, files.good, { chunkSize: 32 * 1024 });
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (started.progress.some((p) => p >= 32 * 1024)) {
          clearInterval(timer);
          void started.upload().abort().then(resolve);
        }
      }, 5);
    });
    const path = new URL(started.upload().url!).pathname;
    const id = path.split('/').pop()!;
    const anonymous = await tusHeaders('hvs_lang=vi');
    const call = (method: 'head' | 'patch' | 'delete', url: string) => request(base)[method](url);
    for (const method of ['head', 'patch', 'delete'] as const) {
      const asCo = await call(method, path)
        .set(coEditor.headers)
        .set({
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
        })
        .send(method === 'patch' ? Buffer.alloc(10) : undefined)
        .expect(403);
      if (method !== 'head') expectErrorShape(asCo.body, 403, 'VIDEO_UPLOAD_NOT_YOURS');
      const asStranger = await call(method, path)
        .set(stranger.headers)
        .set({ 'tus-resumable': '1.0.0' })
        .expect(404);
      if (method !== 'head') expectErrorShape(asStranger.body, 404, 'COURSE_NOT_FOUND');
      // The stranger's own course cannot reach the upload either.
      await call(method, `/api/teaching/courses/${otherCourse}/videos/uploads/${id}`)
        .set(stranger.headers)
        .set({ 'tus-resumable': '1.0.0' })
        .expect(404);
      const signedOut = await call(method, path).set(anonymous).set({ 'tus-resumable': '1.0.0' }).expect(401);
      if (method !== 'head') expectErrorShape(signedOut.body, 401, 'UNAUTHENTICATED');
    }
    // A stranger cannot start an upload in the course either; the co-teacher (an editor) can.
    const err = await tus(stranger, files.good, { courseId: course }).done.catch((e: unknown) => e);
    expect(refusal(err).status).toBe(404);
    // The upload is intact: the owner finishes it.
    await expect(tus(owner, files.good, { uploadUrl: started.upload().url! }).done).resolves.toContain(id);
  });

  it('50 parallel creates and HEADs are all answered, each create with its own id', async () => {
    const creates = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(base)
          .post(`/api/teaching/courses/${course}/videos/uploads`)
          .set(owner.headers)
          .set({ 'tus-resumable': '1.0.0', 'upload-length': String(files.good.length) }),
      ),
    );
    expect(creates.map((r) => r.status)).toEqual(Array(50).fill(201));
    const locations = creates.map((r) => r.headers.location as string);
    expect(new Set(locations).size).toBe(50);
    const heads = await Promise.all(
      locations.map((l) => request(base).head(l).set(owner.headers).set('tus-resumable', '1.0.0')),
    );
    expect(heads.map((r) => [r.status, r.headers['upload-offset']])).toEqual(Array(50).fill([200, '0']));
    const deleted = await Promise.all(
      locations.map((l) => request(base).delete(l).set(owner.headers).set('tus-resumable', '1.0.0')),
    );
    expect(deleted.map((r) => r.status)).toEqual(Array(50).fill(204));
    expect(list(uploadDir)).toEqual([]);
  });
});
