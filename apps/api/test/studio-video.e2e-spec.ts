import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import { binaryBody } from './support/binary-body';
import { Upload } from 'tus-js-client';
import { approveForPublish } from './support/review-world';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Teacher = Browser & { id: string; sessionCookie: string; tusHeaders: Record<string, string> };

const SECONDS = 4;
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A WebVTT file with these cues (`[start, end, text]`, seconds), optionally without its header. */
function vtt(cues: Array<[number, number, string]>): string {
  const ts = (s: number) =>
    `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
  return `WEBVTT\n\n${cues.map(([a, b, t]) => `${ts(a)} --> ${ts(b)}\n${t}\n`).join('\n')}`;
}
const GOOD_VI = vtt([
  [0, 2, 'Xin chào, hôm nay ta học cách khoá màn hình.'],
  [2, 3.9, 'Mở Cài đặt, chọn Bảo mật.'],
]);

const question = (at: number) => ({
  id: 'khoa-man-hinh',
  at,
  type: 'single',
  prompt: { vi: 'Khoá màn hình ở đâu?' },
  explanation: { vi: 'Trong Cài đặt, mục Bảo mật.' },
  options: [
    { id: 'cai-dat', text: { vi: 'Cài đặt' }, correct: true },
    { id: 'tin-nhan', text: { vi: 'Tin nhắn' }, correct: false },
  ],
});

const draft = (lesson: Record<string, unknown>) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: 'Khoá màn hình điện thoại' },
  summary: { vi: 'Giữ điện thoại an toàn.' },
  description: { vi: 'Một bài video ngắn.' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
  certificate: false,
  lessons: [
    {
      key: 'xem-video',
      kind: 'video',
      title: { vi: 'Xem cách khoá màn hình' },
      minutes: 3,
      body: { vi: 'Video hướng dẫn khoá màn hình.' },
      questions: [],
      requiredShare: 1,
      ...lesson,
    },
  ],
});

/**
 * The studio's video lesson (issue #14, items 2–3; docs/video-pipeline.md, docs/captions.md): a lesson names a
 * video uploaded (tus, a real clip made by the npm ffmpeg) to the same course; captions per language are checked
 * against the probed duration and stored under their hash, every refusal storing nothing; readiness names
 * VIDEO_NOT_READY and VIDEO_CAPTIONS_VI_MISSING; once published, the learner gets the same video lesson a file
 * course gives (HLS ladder, poster, captions, pinned questions with opaque ids), and a replaced caption file
 * stays served to the version that names it. The worker's transcoding is tested on its own
 * (apps/worker/test/transcode-video.integration-spec.ts) and with the running worker in the browser spec; here
 * the row is moved to `ready` with the keys the worker writes.
 */
describe('studio video lessons and their captions', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let base: string;
  let storageDir: string;
  let uploadDir: string;
  let fixtures: string;
  let owner: Teacher;
  let stranger: Teacher;
  let clipBytes: Buffer;
  let videoId: string;
  let otherVideoId: string;
  const tag = Date.now().toString(36);
  const course = `video-bai-${tag}`;
  const otherCourse = `video-khac-${tag}`;
  const captionsUrl = (lang = 'vi', id = videoId, c = course) =>
    `/api/teaching/courses/${c}/videos/${id}/captions/${lang}`;
  const captionFiles = (id = videoId): string[] => {
    try {
      return readdirSync(join(storageDir, 'videos', id, 'captions')).sort();
    } catch {
      return [];
    }
  };
  const captionRows = async (id = videoId) =>
    (await world.db.query(
      `SELECT language, sha256, storage_key FROM course_video_captions WHERE video_id = $1 ORDER BY language`,
      [id],
    )) as Array<{ language: string; sha256: string; storage_key: string }>;
  const putCaptions = (who: Teacher, body: string | Buffer, url = captionsUrl()) =>
    who.agent.put(url).set('x-csrf-token', who.csrf).set('content-type', 'text/vtt').send(body);
  const saveDraft = async (who: Teacher, doc: unknown, c = course) => {
    const rev = (await who.agent.get(`/api/teaching/courses/${c}`).expect(200)).body.draft.revision as number;
    return who.agent
      .put(`/api/teaching/courses/${c}/draft`)
      .set('x-csrf-token', who.csrf)
      .send({ revision: rev, document: doc });
  };
  const problems = async () =>
    (
      (await owner.agent.get(`/api/teaching/courses/${course}`).expect(200)).body.draft.problems as Array<{
        field: string;
        code?: string;
      }>
    ).map((p) => `${p.code ?? '-'}@${p.field}`);

  function upload(who: Teacher, c: string): Promise<string> {
    return new Promise<string>((resolve, reject) => {
      const u: Upload = new Upload(clipBytes, {
        endpoint: `${base}/api/teaching/courses/${c}/videos/uploads`,
        headers: who.tusHeaders,
        metadata: { filename: 'khoa-man-hinh.mp4' },
        retryDelays: [],
        onError: reject,
        onSuccess: () => resolve(u.url!.split('/').pop()!),
      });
      u.start();
    });
  }

  beforeAll(async () => {
    world = await createPreparedDatabase();
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-studio-video-'));
    uploadDir = mkdtempSync(join(tmpdir(), 'hvs-studio-video-up-'));
    fixtures = mkdtempSync(join(tmpdir(), 'hvs-studio-video-fx-'));
    t = await startTestApp({
      DATABASE_URL: world.url,
      STORAGE_DIR: storageDir,
      STORAGE_DRIVER: 'local',
      VIDEO_UPLOAD_DIR: uploadDir,
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const system = await signedInDemo(t.http);
    const teacher = async (name: string, id: string): Promise<Teacher> => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      await b
        .post('/api/teaching/courses')
        .send({ id, title: `Khoá ${name}` })
        .expect(201);
      const csrf = await request(base).get('/api/auth/csrf').set('cookie', b.sessionCookie).expect(200);
      const csrfCookie = (csrf.headers['set-cookie'] as unknown as string[])
        .find((c) => c.startsWith('hvs_csrf='))!
        .split(';')[0]!;
      return {
        ...b,
        tusHeaders: {
          cookie: `${b.sessionCookie}; ${csrfCookie}`,
          'x-csrf-token': csrf.body.token as string,
        },
      };
    };
    owner = await teacher('Cô Lan', course);
    stranger = await teacher('Thầy Minh', otherCourse);
    const file = join(fixtures, 'clip.mp4');
    execFileSync(ffmpegPath, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${SECONDS}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${SECONDS}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
      ...['-movflags', '+faststart', file],
    ]);
    clipBytes = readFileSync(file);
    videoId = await upload(owner, course);
    otherVideoId = await upload(stranger, otherCourse);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await world.drop();
    for (const d of [storageDir, uploadDir, fixtures]) rmSync(d, { recursive: true, force: true });
  });

  it('saves a video lesson naming a video of the course; another course’s video or a made-up id is refused, nothing saved', async () => {
    for (const id of [otherVideoId, randomUUID()]) {
      const before = (await owner.agent.get(`/api/teaching/courses/${course}`).expect(200)).body.draft;
      const res = await saveDraft(owner, draft({ videoId: id }));
      expect(res.status).toBe(400);
      expectErrorShape(res.body, 400, 'VIDEO_NOT_FOUND');
      expect(res.body.details).toEqual({ field: 'document.lessons.0.videoId' });
      const after = (await owner.agent.get(`/api/teaching/courses/${course}`).expect(200)).body.draft;
      expect(after.revision).toBe(before.revision);
    }
    expect((await saveDraft(owner, draft({ videoId: 'not-a-uuid' }))).status).toBe(400);
    // A video still transcoding may be chosen; it is not ready to publish yet, and has no captions.
    await saveDraft(owner, draft({ videoId })).then((r) => expect(r.status).toBe(200));
    expect(await problems()).toEqual([
      'VIDEO_NOT_READY@lessons.0.videoId',
      'VIDEO_CAPTIONS_VI_MISSING@lessons.0.captions.vi',
    ]);
    // Submitting for review (and publishing) is refused with both reasons.
    const submit = await owner
      .post(`/api/teaching/courses/${course}/submit-for-review`)
      .send({ revision: (await owner.agent.get(`/api/teaching/courses/${course}`)).body.draft.revision });
    expectErrorShape(submit.body, 400, 'DRAFT_INCOMPLETE');
    expect(submit.body.details.problems.map((p: { code: string }) => p.code)).toEqual([
      'VIDEO_NOT_READY',
      'VIDEO_CAPTIONS_VI_MISSING',
    ]);
  });

  it('another teacher cannot reach this course’s lesson or captions, nor attach captions to their own course’s lesson with this video', async () => {
    const asStranger = await saveDraft(stranger, draft({ videoId }), otherCourse);
    expectErrorShape(asStranger.body, 400, 'VIDEO_NOT_FOUND');
    const draftSave = await stranger.agent
      .put(`/api/teaching/courses/${course}/draft`)
      .set('x-csrf-token', stranger.csrf)
      .send({ revision: 1, document: draft({ videoId }) });
    expectErrorShape(draftSave.body, 404, 'COURSE_NOT_FOUND');
    expectErrorShape((await putCaptions(stranger, GOOD_VI)).body, 404, 'COURSE_NOT_FOUND');
    // through their own course's address, this course's video is simply not found
    const crossed = await putCaptions(stranger, GOOD_VI, captionsUrl('vi', videoId, otherCourse));
    expectErrorShape(crossed.body, 404, 'VIDEO_NOT_FOUND');
    const remove = await stranger.agent.delete(captionsUrl()).set('x-csrf-token', stranger.csrf);
    expectErrorShape(remove.body, 404, 'COURSE_NOT_FOUND');
    const learner = await signedUpLearner(t.http, 'Học viên');
    const asLearner = await learner.agent
      .put(captionsUrl())
      .set('x-csrf-token', learner.csrf)
      .set('content-type', 'text/vtt')
      .send(GOOD_VI);
    expect([403, 404]).toContain(asLearner.status);
    expectErrorShape(asLearner.body, asLearner.status);
    expect(await captionRows()).toEqual([]);
    expect(captionFiles()).toEqual([]);
  });

  it.each([
    [
      'a cue past the end of the video',
      () =>
        vtt([
          [0, 2, 'Mở đầu'],
          [2, SECONDS + 1, 'Quá thời lượng'],
        ]),
      'VTT_CUE_PAST_END',
      6,
    ],
    [
      'overlapping cues',
      () =>
        vtt([
          [0, 2.5, 'Một'],
          [2, 3.5, 'Hai'],
        ]),
      'VTT_CUES_OVERLAP',
      6,
    ],
    [
      'a file that is not UTF-8 (Windows-1258 bytes)',
      () =>
        Buffer.concat([
          Buffer.from('WEBVTT\n\n00:00.000 --> 00:03.000\nKho'),
          Buffer.from([0xe1, 0x20]),
          Buffer.from('\n'),
        ]),
      'VTT_NOT_UTF8',
      4,
    ],
    ['a NUL character', () => GOOD_VI.replace('Mở Cài', 'Mở\u0000Cài'), 'VTT_NUL_CHARACTER', 7],
    ['no header', () => GOOD_VI.replace('WEBVTT', 'SUBTITLES'), 'VTT_MISSING_HEADER', 1],
  ])('refuses %s with its line and code, storing nothing', async (_what, make, code, line) => {
    const before = { rows: await captionRows(), files: captionFiles() };
    const res = await putCaptions(owner, make());
    expect(res.status).toBe(400);
    expectErrorShape(res.body, 400, 'CAPTIONS_INVALID');
    expect(res.body.details.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ code, line })]),
    );
    expect(res.body.message).toContain(`line ${res.body.details.errors[0].line}`);
    expect(await captionRows()).toEqual(before.rows);
    expect(captionFiles()).toEqual(before.files);
  });

  it('stores good captions under their hash, replaces and deletes them, cleaning the files nothing names', async () => {
    const first = await putCaptions(owner, GOOD_VI).expect(200);
    expect(first.body).toEqual({
      language: 'vi',
      url: `/api/videos/${videoId}/captions/${sha(GOOD_VI)}.vtt`,
      cueCount: 2,
      coverage: expect.any(Number),
      warnings: [],
    });
    expect(first.body.coverage).toBeGreaterThan(0.9);
    const served = await request(base).get(first.body.url).expect(200);
    expect(served.headers['content-type']).toContain('text/vtt');
    expect(served.text).toBe(GOOD_VI);
    const english = vtt([[0, 3.9, 'Hello: today we lock the screen.']]);
    await putCaptions(owner, english, captionsUrl('en')).expect(200);
    const replaced = vtt([[0, 3.9, 'Xin chào (bản sửa).']]);
    await putCaptions(owner, replaced).expect(200);
    expect(captionFiles()).toEqual([`${sha(english)}.vtt`, `${sha(replaced)}.vtt`].sort());
    await request(base).get(first.body.url).expect(404);
    // listed with the video for the editor
    const v = (await owner.agent.get(`/api/teaching/courses/${course}/videos/${videoId}`).expect(200)).body;
    expect(v.captions.map((c: { language: string }) => c.language)).toEqual(['en', 'vi']);
    await owner.agent.delete(captionsUrl('en')).set('x-csrf-token', owner.csrf).expect(204);
    const again = await owner.agent.delete(captionsUrl('en')).set('x-csrf-token', owner.csrf);
    expectErrorShape(again.body, 404, 'CAPTIONS_NOT_FOUND');
    expect(captionFiles()).toEqual([`${sha(replaced)}.vtt`]);
    expectErrorShape(
      (await putCaptions(owner, GOOD_VI, captionsUrl('fr'))).body,
      400,
      'CAPTIONS_LANGUAGE_NOT_OFFERED',
    );
    const json = await owner.agent
      .put(captionsUrl())
      .set('x-csrf-token', owner.csrf)
      .send({ captions: GOOD_VI });
    expectErrorShape(json.body, 400, 'CAPTIONS_NOT_VTT');
    expect(await problems()).toEqual(['VIDEO_NOT_READY@lessons.0.videoId']);
  });

  it('50 parallel caption uploads on one lesson leave one row whose file exists, and no other file', async () => {
    const files = Array.from({ length: 50 }, (_, i) => vtt([[0, 3.5, `Lần tải thứ ${i + 1}.`]]));
    const answers = await Promise.all(files.map((f) => putCaptions(owner, f)));
    expect(answers.map((a) => a.status)).toEqual(files.map(() => 200));
    const rows = (await captionRows()).filter((r) => r.language === 'vi');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(files.map((f) => sha(f))).toContain(row.sha256);
    expect(captionFiles()).toEqual([`${row.sha256}.vtt`]);
    expect(sha(readFileSync(join(storageDir, row.storage_key)))).toBe(row.sha256);
    await putCaptions(owner, GOOD_VI).expect(200);
  });

  it('publishes as the content format’s video lesson: ladder, poster, captions and pinned questions for learners', async () => {
    // What the worker writes when transcoding ends (its own test runs ffmpeg): the row ready with its keys.
    await world.db.query(
      `UPDATE course_videos SET status = 'ready', progress = 100, hls_key = $2, poster_key = $3 WHERE id = $1`,
      [videoId, `videos/${videoId}/hls/master.m3u8`, `videos/${videoId}/poster.jpg`],
    );
    await saveDraft(owner, draft({ videoId, questions: [question(SECONDS + 2)] })).then((r) =>
      expect(r.status).toBe(200),
    );
    expect(await problems()).toEqual(['VIDEO_QUESTION_AT_PAST_END@lessons.0.questions.0.at']);
    await saveDraft(owner, draft({ videoId, questions: [question(3)], requiredShare: 1 })).then((r) =>
      expect(r.status).toBe(200),
    );
    expect(await problems()).toEqual([]);
    const revision = await approveForPublish(t.http, owner, course);
    await owner.post(`/api/teaching/courses/${course}/publish`).send({ revision }).expect(200);

    const learner = await signedUpLearner(t.http, 'Bà Tư');
    await learner.post(`/api/courses/${course}/enrol`).send({}).expect(201);
    const outline = (await learner.agent.get(`/api/courses/${course}?lang=vi`).expect(200)).body;
    const lessonId = outline.modules[0].lessons[0].id as string;
    const lesson = (await learner.agent.get(`/api/lessons/${lessonId}?lang=vi`).expect(200)).body;
    expect(lesson).toMatchObject({
      kind: 'video',
      html: expect.stringContaining('Video hướng dẫn khoá màn hình.'),
      video: {
        src: `/api/videos/${videoId}/original.mp4`,
        hls: `/api/videos/${videoId}/hls/master.m3u8`,
        poster: `/api/videos/${videoId}/poster.jpg`,
        completionThreshold: 0.9,
        captions: [{ language: 'vi', src: `/api/videos/${videoId}/captions/${sha(GOOD_VI)}.vtt` }],
        watchedSeconds: 0,
        questionProgress: { answered: 0, total: 1, required: 1 },
      },
    });
    expect(lesson.video.durationSeconds).toBeCloseTo(SECONDS, 0);
    const [q] = lesson.video.questions;
    expect(q).toMatchObject({ id: 'khoa-man-hinh', at: 3, type: 'single', prompt: 'Khoá màn hình ở đâu?' });
    expect(q.options.map((o: { id: string }) => o.id)).not.toContain('cai-dat');
    expect(JSON.stringify(lesson)).not.toContain('correct');
    expect((await request(base).get(lesson.video.captions[0].src).expect(200)).text).toBe(GOOD_VI);
    expect(Buffer.compare((await request(base).get(lesson.video.src).expect(200)).body, clipBytes)).toBe(0);

    // Low-data mode's poster (docs/low-data.md "Images"): named always; until the worker's small copy is stored
    // the route answers with the poster itself, revalidated (never a broken image); then the WebP, immutable.
    expect(lesson.video.posterSmall).toBe(`/api/videos/${videoId}/poster.480w.webp`);
    await request(base).get(lesson.video.posterSmall).expect(404);
    const poster = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    mkdirSync(join(storageDir, 'videos', videoId), { recursive: true });
    writeFileSync(join(storageDir, 'videos', videoId, 'poster.jpg'), poster);
    const fallback = await request(base)
      .get(lesson.video.posterSmall)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(fallback.headers['content-type']).toBe('image/jpeg');
    expect(fallback.headers['cache-control']).toBe('no-cache');
    expect(Buffer.compare(fallback.body as Buffer, poster)).toBe(0);
    const small = Buffer.from('RIFF\x10\0\0\0WEBPVP8 ');
    writeFileSync(join(storageDir, 'videos', videoId, 'poster.480w.webp'), small);
    const served = await request(base)
      .get(lesson.video.posterSmall)
      .buffer(true)
      .parse(binaryBody as never)
      .expect(200);
    expect(served.headers['content-type']).toBe('image/webp');
    expect(served.headers['cache-control']).toContain('immutable');
    expect(Buffer.compare(served.body as Buffer, small)).toBe(0);

    // The teacher replaces the captions: the published version keeps its file; the draft names the new one.
    const fixed = vtt([[0, 3.9, 'Khoá màn hình: Cài đặt, Bảo mật.']]);
    await putCaptions(owner, fixed).expect(200);
    await request(base).get(lesson.video.captions[0].src).expect(200);
    const changed = (await owner.agent.get(`/api/teaching/courses/${course}`).expect(200)).body;
    expect(changed.publishedLessons).toEqual([{ key: 'xem-video', lessonId, changed: true }]);
    // Removing a caption a published version names keeps its file too.
    await owner.agent.delete(captionsUrl()).set('x-csrf-token', owner.csrf).expect(204);
    expect(captionFiles()).toEqual([`${sha(GOOD_VI)}.vtt`]);
    expect(await problems()).toEqual(['VIDEO_CAPTIONS_VI_MISSING@lessons.0.captions.vi']);
  });
});
