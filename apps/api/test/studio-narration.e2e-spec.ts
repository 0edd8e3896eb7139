import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { audioBytes, silentVideoAsM4a } from './support/audio-files';
import { binaryBody } from './support/binary-body';
import { outline } from './support/learning-world';
import { approveForPublish } from './support/review-world';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const draftWith = (audio: Record<string, string> | undefined) => ({
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: { vi: 'Nghe bài học', en: 'Listening lessons' },
  summary: { vi: 'Bài học có tệp đọc bài.', en: 'A lesson with narration.' },
  description: { vi: 'Cho người mới.', en: 'For beginners.' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: true,
  lessons: [
    {
      key: 'nghe-bai',
      kind: 'text',
      title: { vi: 'Nghe bài', en: 'Listen' },
      minutes: 5,
      body: { vi: 'Bấm nút để nghe đọc bài.', en: 'Press the button to listen.' },
      ...(audio ? { audio } : {}),
    },
  ],
});

/**
 * Studio narration (docs/read-aloud.md "In the studio"): a course's teacher uploads a lesson's narration per
 * language; real audio made by ffmpeg is accepted and served with ranges; hostile files (a text named .mp3, a WAV,
 * a truncated file, a picture without sound, a file over the limit, a NUL in the name), another teacher's course
 * and a language the course does not offer are refused with their code and leave no row and no file; replays and
 * 50 parallel uploads make one narration per content; publishing carries it to learners' read-aloud.
 */
describe('studio narration: /api/teaching/courses/:id/narrations', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let storageDir: string;
  let teacher: Browser;
  let other: Browser;
  const tag = Date.now().toString(36);
  const course = `doc-bai-${tag}`;
  const otherCourse = `doc-bai-khac-${tag}`;
  const mp3 = audioBytes('mp3', 3);

  const upload = (b: Browser, body: Buffer, name: string, language = 'vi', id = course) =>
    b
      .post(
        `/api/teaching/courses/${id}/narrations?language=${encodeURIComponent(language)}&name=${encodeURIComponent(name)}`,
      )
      .set('content-type', 'application/octet-stream')
      .send(body);
  const storedFiles = (): string[] => {
    try {
      return readdirSync(join(storageDir, 'narrations', course)).sort();
    } catch {
      return [];
    }
  };
  const rowCount = async () =>
    Number(
      (await world.db.query(`SELECT count(*) AS n FROM course_narrations WHERE course_id = $1`, [course]))[0]
        .n,
    );
  /** Saves the draft at its current revision; answers the response body, the status checked. */
  const saveDraft = async (b: Browser, document: unknown, status = 200, id = course) => {
    const revision = (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision;
    const res = await b.agent
      .put(`/api/teaching/courses/${id}/draft`)
      .set('x-csrf-token', b.csrf)
      .send({ revision, document });
    expect(res.status).toBe(status);
    return res.body as unknown;
  };

  beforeAll(async () => {
    world = await createPreparedDatabase();
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-narrations-'));
    t = await startTestApp({ DATABASE_URL: world.url, STORAGE_DIR: storageDir, STORAGE_DRIVER: 'local' });
    const system = await signedInDemo(t.http);
    const make = async (name: string, id: string) => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      await b
        .post('/api/teaching/courses')
        .send({ id, title: `Khoá ${name}` })
        .expect(201);
      return b;
    };
    teacher = await make('Cô Hoa', course);
    other = await make('Thầy Nam', otherCourse);
    await saveDraft(teacher, draftWith(undefined));
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('an MP3: checked, stored under a server-made key, served with ranges; the same bytes again are the same narration', async () => {
    const res = await upload(teacher, mp3, 'Bài đọc – phần 1.mp3').expect(201);
    expect(res.body).toMatchObject({
      name: 'Bài đọc – phần 1.mp3'.normalize('NFC'),
      mediaType: 'audio/mpeg',
      sizeBytes: mp3.length,
      created: true,
      url: `/api/narrations/${res.body.id}`,
    });
    expect(Math.abs(res.body.durationSeconds - 3)).toBeLessThan(0.2);
    expect(storedFiles()).toEqual([`${res.body.sha256}.mp3`]);

    const whole = await request(t.http)
      .get(res.body.url)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    expect(whole.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(whole.body as Buffer, mp3)).toBe(0);
    const part = await request(t.http)
      .get(res.body.url)
      .set('range', 'bytes=100-199')
      .buffer(true)
      .parse(binaryBody as never);
    expect(part.status).toBe(206);
    expect(Buffer.compare(part.body as Buffer, mp3.subarray(100, 200))).toBe(0);

    // A replay (the same bytes, another name): 200, the same narration, still one row and one file.
    const again = await upload(teacher, mp3, 'copy.mp3').expect(200);
    expect(again.body).toMatchObject({ id: res.body.id, created: false });
    expect(await rowCount()).toBe(1);
    expect(storedFiles()).toHaveLength(1);
  });

  it('M4A (AAC) and Ogg Opus are accepted as the player plays them', async () => {
    const m4a = await upload(teacher, audioBytes('m4a', 2), 'doc.m4a', 'en').expect(201);
    expect(m4a.body.mediaType).toBe('audio/mp4');
    expect(Math.abs(m4a.body.durationSeconds - 2)).toBeLessThan(0.2);
    const ogg = await upload(teacher, audioBytes('opus', 2), 'doc.opus').expect(201);
    expect(ogg.body).toMatchObject({ mediaType: 'audio/ogg', name: 'doc.opus' });
    const list = (await teacher.agent.get(`/api/teaching/courses/${course}/narrations`).expect(200)).body;
    expect(list.items.map((n: { id: string }) => n.id)).toEqual(
      expect.arrayContaining([m4a.body.id, ogg.body.id]),
    );
  });

  it('refuses hostile files with their code and stores nothing', async () => {
    const rows = await rowCount();
    const files = storedFiles();
    const m4a = audioBytes('m4a', 3, 550);
    const cases: Array<[Buffer, string, string]> = [
      [Buffer.from('Đây là văn bản, không phải âm thanh.\n'.repeat(50)), 'bai.mp3', 'AUDIO_NOT_AUDIO'],
      [Buffer.from('<!doctype html><script>alert(1)</script>'), 'bai.mp3', 'AUDIO_NOT_AUDIO'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(4000)]), 'bai.mp3', 'AUDIO_NOT_AUDIO'],
      [audioBytes('wav', 1), 'bai.wav', 'AUDIO_NOT_AUDIO'],
      [Buffer.alloc(0), 'bai.mp3', 'AUDIO_EMPTY'],
      [m4a.subarray(0, Math.floor(m4a.length / 2)), 'cut.m4a', 'AUDIO_CORRUPT'],
      [silentVideoAsM4a(2), 'picture.m4a', 'AUDIO_HAS_VIDEO'],
      [audioBytes('mp3', 0.2, 660), 'blip.mp3', 'AUDIO_DURATION_OUT_OF_RANGE'],
    ];
    for (const [body, name, code] of cases) {
      const res = await upload(teacher, body, name);
      expect([res.status, res.body.code]).toEqual([400, code]);
      expectErrorShape(res.body, 400, code);
    }
    // Over 5 MiB: refused from Content-Length before reading, and while reading without one.
    const huge = Buffer.concat([mp3, Buffer.alloc(5 * 1024 * 1024)]);
    expectErrorShape((await upload(teacher, huge, 'huge.mp3')).body, 400, 'AUDIO_TOO_LARGE');
    expect(await rowCount()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('refuses NUL, zero-width and path names, unknown and unoffered languages, and others’ courses', async () => {
    const fresh = audioBytes('mp3', 1, 770);
    const rows = await rowCount();
    // A NUL anywhere in the query is refused before any route (INVALID_TEXT); the rest by the name's own rule.
    expectErrorShape((await upload(teacher, fresh, 'bai\u0000.mp3')).body, 400, 'INVALID_TEXT');
    expectErrorShape((await upload(teacher, fresh, 'bai.mp3', 'vi\u0000')).body, 400, 'INVALID_TEXT');
    for (const name of ['bai\u200b.mp3', 'bai\u202e3pm.exe', '../../etc/passwd.mp3', 'a'.repeat(300)])
      expectErrorShape((await upload(teacher, fresh, name)).body, 400, 'NARRATION_NAME_INVALID');
    for (const language of ['xx', 'hmn', ''])
      expectErrorShape(
        (await upload(teacher, fresh, 'bai.mp3', language)).body,
        400,
        'NARRATION_LANGUAGE_NOT_OFFERED',
      );
    // Another teacher's course, and a course maintained in files: nothing learned, nothing stored.
    expectErrorShape((await upload(other, fresh, 'bai.mp3', 'vi', course)).body, 404, 'COURSE_NOT_FOUND');
    const learner = await signedUpLearner(t.http, 'Người học');
    expect((await upload(learner, fresh, 'bai.mp3')).status).toBe(404);
    // No session and no CSRF token: refused before anything is read.
    expect(
      (
        await request(t.http)
          .post(`/api/teaching/courses/${course}/narrations?language=vi`)
          .set('content-type', 'application/octet-stream')
          .send(fresh)
      ).status,
    ).toBe(403);
    expect(await rowCount()).toBe(rows);
    // A draft may only name this course's narrations: another course's id is refused on save.
    const theirs = await upload(other, fresh, 'theirs.mp3', 'vi', otherCourse).expect(201);
    expectErrorShape(
      await saveDraft(teacher, draftWith({ vi: theirs.body.id }), 400),
      400,
      'NARRATION_NOT_FOUND',
    );
    expect((await request(t.http).get('/api/narrations/not-a-uuid')).status).toBe(404);
  });

  it('50 parallel uploads and saves on one lesson: one narration per content, one save wins whole', async () => {
    const bodies = [1, 2, 3, 4, 5].map((k) => audioBytes('mp3', 1, 200 + k * 50));
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => upload(teacher, bodies[i % 5]!, `song-${i}.mp3`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual(
      [...Array(5).fill(201), ...Array(45).fill(200)].sort(),
    );
    const ids = [...new Set(results.map((r) => r.body.id as string))];
    expect(ids).toHaveLength(5);
    const stored = storedFiles();
    for (const r of results) expect(stored).toContain(`${r.body.sha256}.mp3`);
    const revision = (await teacher.agent.get(`/api/teaching/courses/${course}`).expect(200)).body.draft
      .revision;
    const saves = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        teacher.agent
          .put(`/api/teaching/courses/${course}/draft`)
          .set('x-csrf-token', teacher.csrf)
          .send({ revision, document: draftWith({ vi: ids[i % 5]! }) }),
      ),
    );
    const won = saves.filter((s) => s.status === 200);
    expect(won).toHaveLength(1);
    for (const s of saves) if (s.status !== 200) expectErrorShape(s.body, 409, 'DRAFT_CONFLICT');
    const winner = ids[saves.indexOf(won[0]!) % 5];
    const draft = (await teacher.agent.get(`/api/teaching/courses/${course}`).expect(200)).body.draft;
    expect(draft.document.lessons[0].audio).toEqual({ vi: winner });
  });

  it('publishing carries the draft narration to learners; a replacement waits for the next publish', async () => {
    const first = await upload(teacher, mp3, 'bai.mp3').expect(200);
    await saveDraft(teacher, draftWith({ vi: first.body.id }));
    const rev = await approveForPublish(t.http, teacher, course);
    await teacher.post(`/api/teaching/courses/${course}/publish`).send({ revision: rev }).expect(200);

    const learner = await signedUpLearner(t.http, 'Lò Văn Sáng');
    await learner.post(`/api/courses/${course}/enrol`).send({}).expect(201);
    const lesson = (await outline(t, course))[0]!;
    const payload = async () =>
      (await learner.agent.get(`/api/lessons/${lesson.id}?lang=vi`).expect(200)).body;
    expect((await payload()).audio).toEqual([
      {
        language: 'vi',
        src: `/api/narrations/${first.body.id}`,
        mediaType: 'audio/mpeg',
        durationSeconds: first.body.durationSeconds,
        synthetic: false,
      },
    ]);
    const heard = await learner.agent
      .get(`/api/narrations/${first.body.id}`)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(Buffer.compare(heard.body as Buffer, mp3)).toBe(0);

    // Replacing it in the draft never touches the published revision: learners keep the first until republished.
    const second = await upload(teacher, audioBytes('mp3', 2, 440), 'moi.mp3').expect(201);
    await saveDraft(teacher, draftWith({ vi: second.body.id }));
    expect((await payload()).audio[0].src).toBe(`/api/narrations/${first.body.id}`);
    const studio = (await teacher.agent.get(`/api/teaching/courses/${course}`).expect(200)).body;
    expect(studio.publishedLessons[0].changed).toBe(true);
    // Removed in the draft and republished: the lesson has no narration, as before the feature.
    await saveDraft(teacher, draftWith(undefined));
    const rev2 = await approveForPublish(t.http, teacher, course);
    await teacher.post(`/api/teaching/courses/${course}/publish`).send({ revision: rev2 }).expect(200);
    const newcomer = await signedUpLearner(t.http, 'Hà Thị Thu');
    await newcomer.post(`/api/courses/${course}/enrol`).send({}).expect(201);
    expect((await newcomer.agent.get(`/api/lessons/${lesson.id}?lang=vi`).expect(200)).body.audio).toEqual(
      [],
    );
  });
});
