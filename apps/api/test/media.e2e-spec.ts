import { statSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';

/** A shipped course's video (served from content/courses/<id>/media/). */
const VIDEO = '/media/online-scams/media/spot-a-scam.mp4';
const VIDEO_BYTES = statSync(
  join(__dirname, '../../../content/courses/online-scams/media/spot-a-scam.mp4'),
).size;

describe('course media (the media module)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves a media file whole, typed, cacheable for an hour and never sniffed', async () => {
    const res = await request(t.http).get(VIDEO).buffer(true).expect(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(Number(res.headers['content-length'])).toBe(VIDEO_BYTES);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers.etag).toEqual(expect.any(String));
    expect(res.headers['last-modified']).toEqual(expect.any(String));
  });

  it('answers a range request with the part asked for (video seeking)', async () => {
    const res = await request(t.http).get(VIDEO).set('range', 'bytes=0-99').buffer(true).expect(206);
    expect(res.headers['content-range']).toBe(`bytes 0-99/${VIDEO_BYTES}`);
    expect(Number(res.headers['content-length'])).toBe(100);
    await request(t.http)
      .get(VIDEO)
      .set('range', `bytes=${VIDEO_BYTES + 10}-`)
      .expect(416);
  });

  it('revalidates with the ETag', async () => {
    const first = await request(t.http).get(VIDEO).buffer(true).expect(200);
    await request(t.http)
      .get(VIDEO)
      .set('if-none-match', first.headers.etag as string)
      .expect(304);
  });

  it('reaches only files inside a course media folder', async () => {
    await request(t.http).get('/media/online-scams/course.yaml').expect(404);
    // A path that climbs out of the media folder is refused outright, whatever its spelling.
    for (const path of [
      '/media/online-scams/media/../course.yaml',
      '/media/online-scams/media/%2e%2e%2fcourse.yaml',
    ]) {
      const res = await request(t.http).get(path);
      expect([403, 404]).toContain(res.status);
      expect(res.text).not.toContain('certificate:');
    }
    await request(t.http).get('/media/online-scams/media/no-such-file.mp4').expect(404);
  });
});
