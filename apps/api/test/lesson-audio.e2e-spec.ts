import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCourseFolder, readCourseZip, serializeCourseFolder, writeCourseZip } from '@hocvuso/content';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { outline } from './support/learning-world';
import {
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { binaryBody } from './support/binary-body';

const COURSE = 'easy-vietnamese-first-steps';
const COURSE_DIR = join(__dirname, '../../../content/courses', COURSE);
const NARRATION = 'media/phone-buttons.vi.mp3';
const NARRATION_BYTES = readFileSync(join(COURSE_DIR, NARRATION));

/**
 * Lesson narration (docs/read-aloud.md): the lesson payload names the narration file of each language, the media
 * route serves it with range requests, and the file course's export carries it byte for byte.
 */
describe('lesson narration: payload, serving, export', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    // A prepared database is a copy of the template: slow on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
  });

  it('names the narration in the lesson payload, keyed by language, for an enrolled learner only', async () => {
    const learner = await signedUpLearner(t.http, 'Lò Thị Mai');
    const lesson = (await outline(t, COURSE)).find((l) => l.key === 'phone-buttons')!;
    expectErrorShape(
      (await learner.agent.get(`/api/lessons/${lesson.id}`).expect(403)).body,
      403,
      'NOT_ENROLLED',
    );
    await learner.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    const vi = (await learner.agent.get(`/api/lessons/${lesson.id}?lang=vi`).expect(200)).body;
    expect(vi.audio).toEqual([
      {
        language: 'vi',
        src: `/media/${COURSE}/${NARRATION}`,
        mediaType: 'audio/mpeg',
        durationSeconds: expect.any(Number),
        synthetic: true,
      },
    ]);
    expect(vi.audio[0].durationSeconds).toBeGreaterThan(10);
    // In English the lesson has no narration of its own: the list still names the Vietnamese one (an offline
    // download caches it), and the player looks for the lesson's language only.
    const en = (await learner.agent.get(`/api/lessons/${lesson.id}?lang=en`).expect(200)).body;
    expect(en.language).toBe('en');
    expect(en.audio.map((a: { language: string }) => a.language)).toEqual(['vi']);
    // Lessons of courses without narration carry an empty list.
    await learner.post('/api/courses/online-health/enrol').send({}).expect(201);
    const other = (await outline(t, 'online-health')).find((l) => l.kind === 'text')!;
    expect((await learner.agent.get(`/api/lessons/${other.id}`).expect(200)).body.audio).toEqual([]);
  });

  it('serves the narration typed, cacheable and in ranges (seeking ±10 s)', async () => {
    const url = `/media/${COURSE}/${NARRATION}`;
    const whole = await request(t.http)
      .get(url)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(whole.body as Buffer, NARRATION_BYTES)).toBe(0);
    const part = await request(t.http)
      .get(url)
      .set('range', 'bytes=1000-1999')
      .buffer(true)
      .parse(binaryBody as never)
      .expect(206);
    expect(part.headers['content-range']).toBe(`bytes 1000-1999/${NARRATION_BYTES.length}`);
    expect(Buffer.compare(part.body as Buffer, NARRATION_BYTES.subarray(1000, 2000))).toBe(0);
    await request(t.http).get(`/media/${COURSE}/media/phone-buttons.xx.mp3`).expect(404);
  });

  it('exports the file course with its narration byte for byte, deterministically; a copy to the studio keeps it', async () => {
    const system = await signedInDemo(t.http);
    const teacher = await signedUpLearner(t.http, 'Cô Giàng Thị Hoa');
    await system.post('/api/admin/role-grants').send({ userId: teacher.id, role: 'teacher' }).expect(201);
    await db.query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ($1, $2, 'editor', $2)`,
      [COURSE, teacher.id],
    );
    const exportZip = async () =>
      (
        await teacher.agent
          .get(`/api/teaching/courses/${COURSE}/export`)
          .buffer(true)
          .parse(binaryBody as never)
          .expect(200)
      ).body as Buffer;
    const zip = await exportZip();
    const files = readCourseZip(zip);
    const audio = [...files.keys()].filter((k) => k.endsWith('.mp3')).sort();
    expect(audio).toEqual([
      'media/asking-for-help.vi.mp3',
      'media/calls-and-text-messages.vi.mp3',
      'media/final-quiz.vi.mp3',
      'media/phone-buttons.vi.mp3',
      'media/scam-calls.vi.mp3',
      'media/zalo-voice-messages.vi.mp3',
    ]);
    for (const path of audio)
      expect(Buffer.compare(files.get(path)!, readFileSync(join(COURSE_DIR, path)))).toBe(0);
    expect(files.get('lessons/phone-buttons.vi.md')!.toString()).toContain(`src: ${NARRATION}`);
    // The zip read back and written again is the same zip, and a second export is the same bytes.
    expect(Buffer.compare(writeCourseZip(serializeCourseFolder(parseCourseFolder(files))), zip)).toBe(0);
    expect(Buffer.compare(await exportZip(), zip)).toBe(0);

    // The copy keeps every narration as a studio narration of the new course (checked as an upload is); only
    // the "a machine read this" mark is not kept, and the copy says so.
    const copy = await teacher.post(`/api/teaching/courses/${COURSE}/copy-to-studio`).send({}).expect(201);
    const lessons = [
      'phone-buttons',
      'calls-and-text-messages',
      'zalo-voice-messages',
      'scam-calls',
      'asking-for-help',
      'final-quiz',
    ];
    expect(copy.body.narrations).toBe(6);
    expect(copy.body.notes).toContainEqual({ code: 'AUDIO_SYNTHETIC_DROPPED', lessons });
    const rows = (await db.query(
      `SELECT id, sha256, media_type, duration_seconds, storage_key FROM course_narrations WHERE course_id = $1`,
      [copy.body.id],
    )) as Array<{
      id: string;
      sha256: string;
      media_type: string;
      duration_seconds: number;
      storage_key: string;
    }>;
    expect(rows).toHaveLength(6);
    const draft = (await teacher.agent.get(`/api/teaching/courses/${copy.body.id}`).expect(200)).body.draft
      .document as { lessons: Array<{ key: string; audio?: Record<string, string> }> };
    for (const key of lessons) {
      const row = rows.find((r) => r.id === draft.lessons.find((l) => l.key === key)!.audio?.vi);
      const bytes = readFileSync(join(COURSE_DIR, `media/${key}.vi.mp3`));
      expect({ key, sha256: row?.sha256, mediaType: row?.media_type }).toEqual({
        key,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        mediaType: 'audio/mpeg',
      });
      expect(row!.storage_key).toBe(`narrations/${copy.body.id}/${row!.sha256}.mp3`);
    }
    // The copy's own export carries the same narration files, under the same names.
    const copied = readCourseZip(
      (
        await teacher.agent
          .get(`/api/teaching/courses/${copy.body.id}/export`)
          .buffer(true)
          .parse(binaryBody as never)
          .expect(200)
      ).body as Buffer,
    );
    for (const path of audio)
      expect({ path, same: copied.get(path)?.equals(files.get(path)!) }).toEqual({ path, same: true });
    expect(copied.get('lessons/phone-buttons.vi.md')!.toString()).toMatch(
      /\naudio:\n {2}src: media\/phone-buttons\.vi\.mp3\n {2}durationSeconds: [0-9.]+\n---\n/,
    );
  });
});
