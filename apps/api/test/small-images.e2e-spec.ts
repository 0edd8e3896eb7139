import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { binaryBody } from './support/binary-body';
import { outline } from './support/learning-world';
import { signedUpLearner, startTestApp, type TestApp } from './support/test-app';

const COURSE = 'online-scams';
const CONTENT = join(__dirname, '../../../content');

/** Width, height and codec of served bytes, read by ffprobe. */
function probe(bytes: Buffer): { width: number; height: number; codec: string } {
  const out = execFileSync(ffprobePath, ['-v', 'error', '-print_format', 'json', '-show_streams', '-'], {
    input: bytes,
  });
  const s = (
    JSON.parse(out.toString()) as { streams: Array<{ width: number; height: number; codec_name: string }> }
  ).streams[0]!;
  return { width: s.width, height: s.height, codec: s.codec_name };
}

/**
 * Small images for low-data mode (docs/low-data.md "Images"): a video lesson names its poster's small copy made by
 * content:import, served as WebP for a year under a URL that changes with the copy; a missing copy is not
 * named, so the page shows the poster itself (never a broken image). The app runs on a copy of content/ so that
 * copies can be removed and remade without touching the repository.
 */
describe('small images: payload, serving, fallback', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let contentDir: string;
  let lessonId: string;
  let learner: Awaited<ReturnType<typeof signedUpLearner>>;
  const media = () => join(contentDir, 'courses', COURSE, 'media');

  beforeAll(async () => {
    contentDir = join(mkdtempSync(join(tmpdir(), 'hvs-small-images-')), 'content');
    execFileSync('cp', ['-al', CONTENT, contentDir]);
    // This course's media are real copies, not links: their times change below, the repository's must not.
    rmSync(media(), { recursive: true });
    cpSync(join(CONTENT, 'courses', COURSE, 'media'), media(), { recursive: true, preserveTimestamps: true });
    world = await createPreparedDatabase();
    t = await startTestApp({ DATABASE_URL: world.url, CONTENT_DIR: contentDir });
    learner = await signedUpLearner(t.http, 'Lò Văn Sáng');
    await learner.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    lessonId = (await outline(t, COURSE)).find((l) => l.kind === 'video')!.id;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
    rmSync(join(contentDir, '..'), { recursive: true, force: true });
  });

  const lesson = async () => (await learner.agent.get(`/api/lessons/${lessonId}`).expect(200)).body;
  const fetchBytes = (url: string) =>
    request(t.http)
      .get(url)
      .buffer(true)
      .parse(binaryBody as never);

  it('names the poster and its small copy; the copy is a 480 px WebP cached for a year, the poster stays a JPEG', async () => {
    const { video } = await lesson();
    expect(video.poster).toBe(`/media/${COURSE}/media/spot-a-scam.jpg`);
    expect(video.posterSmall).toMatch(
      new RegExp(`^/media/${COURSE}/media/spot-a-scam\\.480w\\.webp\\?v=[0-9a-z]+$`),
    );
    const small = await fetchBytes(video.posterSmall).expect(200);
    expect(small.headers['content-type']).toBe('image/webp');
    expect(small.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(small.headers['x-content-type-options']).toBe('nosniff');
    const full = await fetchBytes(video.poster).expect(200);
    expect(full.headers['content-type']).toBe('image/jpeg');
    expect(full.headers['cache-control']).toBe('public, max-age=3600');
    const original = probe(full.body as Buffer);
    expect(probe(small.body as Buffer)).toEqual({
      codec: 'webp',
      width: Math.min(480, original.width),
      height: Math.round((original.height * Math.min(480, original.width)) / original.width),
    });
    expect((small.body as Buffer).length).toBeLessThan((full.body as Buffer).length);
  });

  it('50 parallel lesson views name the same copy', async () => {
    const all = await Promise.all(
      Array.from({ length: 50 }, () => learner.agent.get(`/api/lessons/${lessonId}`).expect(200)),
    );
    expect(
      new Set(all.map((r) => (r.body as { video: { posterSmall: string } }).video.posterSmall)).size,
    ).toBe(1);
  });

  it('names a copy made again under a new URL, and does not name a missing one: the poster is shown', async () => {
    const small = join(media(), 'spot-a-scam.480w.webp');
    const before = (await lesson()).video.posterSmall as string;
    // Made again (content:import after the poster changed): a new URL, so no cache holds the old bytes under it.
    const later = new Date(Date.now() + 60_000);
    utimesSync(small, later, later);
    const again = (await lesson()).video.posterSmall as string;
    expect(again).not.toBe(before);
    await fetchBytes(again).expect(200);
    // Gone (a folder copied without it, or an image that was refused): not named; the poster is.
    rmSync(small);
    expect((await lesson()).video).toMatchObject({
      poster: `/media/${COURSE}/media/spot-a-scam.jpg`,
      posterSmall: null,
    });
    await request(t.http).get(again).expect(404);
    // A directory under the copy's name is not a copy either.
    mkdirSync(small);
    expect((await lesson()).video.posterSmall).toBeNull();
    rmSync(small, { recursive: true });
  });

  it('serves nothing outside the media folder through a copy-like name, whatever the query', async () => {
    for (const path of [
      `/media/${COURSE}/media/..%2fcourse.480w.webp`,
      `/media/${COURSE}/course.480w.webp?v=1`,
      `/media/${COURSE}/media/spot-a-scam.480w.webp%00.jpg`,
    ]) {
      const res = await request(t.http).get(path);
      expect([400, 403, 404]).toContain(res.status);
    }
    writeFileSync(join(media(), 'evil.480w.webp'), '<svg onload="alert(1)"/>');
    // A file someone put there is served as its extension says, never sniffed as markup.
    const res = await request(t.http).get(`/media/${COURSE}/media/evil.480w.webp`).expect(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    rmSync(join(media(), 'evil.480w.webp'));
  });
});
