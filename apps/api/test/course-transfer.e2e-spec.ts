import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forgeZip as rawZip, readCourseZip, writeCourseZip } from '@hocvuso/content';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import PDFDocument from 'pdfkit';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { approveForPublish } from './support/review-world';
import { makeClip, tusHeadersOf, uploadVideo } from './support/video-world';
import { binaryBody } from './support/binary-body';
import { audioBytes } from './support/audio-files';

type Signed = Browser & { id: string; email: string; sessionCookie: string };
const t2 = (vi: string) => ({ vi, en: `${vi} (EN)` });
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function pdf(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ compress: true, info: { CreationDate: new Date(0) } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.text(text);
    doc.end();
  });
}

const questions = () =>
  Array.from({ length: 6 }, (_, i) => {
    const base = {
      id: `cau-${i + 1}`,
      competency: 'tt02-2025:4.1',
      prompt: t2(`Câu hỏi số ${i + 1}: cách nào an toàn?`),
      explanation: t2(`Giải thích câu ${i + 1}.`),
    };
    if (i % 3 === 1) return { ...base, type: 'truefalse', answer: i % 2 === 0 };
    if (i % 3 === 2)
      return {
        ...base,
        type: 'ordering',
        items: ['Mở ứng dụng', 'Đăng nhập'].map((text, j) => ({ id: `b${j}`, text: t2(text) })),
      };
    return {
      ...base,
      type: 'single',
      options: ['Cách A', 'Cách B', 'Cách C'].map((text, j) => ({
        id: `l${j}`,
        text: t2(text),
        correct: j === i % 3,
      })),
    };
  });

/** A WebVTT file with these cues (`[start, end, text]`, seconds). */
function vtt(cues: Array<[number, number, string]>): string {
  const ts = (s: number) => `00:00:${s.toFixed(3).padStart(6, '0')}`;
  return `WEBVTT\n\n${cues.map(([a, b, text]) => `${ts(a)} --> ${ts(b)}\n${text}\n`).join('\n')}`;
}
const SECONDS = 4;
const CAPTIONS = {
  vi: vtt([
    [0, 2, 'Mở Cài đặt, chọn Bảo mật.'],
    [2, 3.9, 'Bật khoá màn hình.'],
  ]),
  en: vtt([
    [0, 2, 'Open Settings, then Security.'],
    [2, 3.9, 'Turn on the screen lock.'],
  ]),
};

/**
 * The draft, with the ids of the course's PDF material and video (a document and a video lesson show them) and,
 * when given, the narrations of its first lesson by language.
 */
const courseDocument = (materialId: string, videoId: string, audio?: Record<string, string>) => ({
  ...document,
  lessons: [
    ...document.lessons.map((l, i) => (i === 0 && audio ? { ...l, audio } : l)),
    {
      key: 'tai-lieu',
      kind: 'document',
      title: t2('Tài liệu hướng dẫn'),
      minutes: 4,
      materialId,
      body: t2('Đọc tài liệu trước khi làm bài.'),
    },
    {
      key: 'xem-video',
      kind: 'video',
      title: t2('Xem cách khoá màn hình'),
      minutes: 2,
      videoId,
      body: t2('Video hướng dẫn khoá màn hình.'),
      requiredShare: 1,
      questions: [
        {
          id: 'khoa-o-dau',
          at: 2.5,
          type: 'single',
          prompt: t2('Khoá màn hình ở đâu?'),
          explanation: t2('Trong Cài đặt, mục Bảo mật.'),
          options: [
            { id: 'cai-dat', text: t2('Cài đặt'), correct: true },
            { id: 'tin-nhan', text: t2('Tin nhắn'), correct: false },
          ],
        },
      ],
    },
  ],
});

const document = {
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: t2('Chuyển khoá học bằng tệp'),
  summary: t2('Xuất và nhập lại một khoá học.'),
  description: t2('# Mô tả\n\nCó dấu --- ở giữa\n---\nvà "ngoặc kép".'),
  targetGroups: ['citizens'],
  subGroups: ['older-adults'],
  competencies: [{ framework: 'tt02-2025', code: '4.1', level: 1 }],
  certificate: true,
  lessons: [
    {
      key: 'gioi-thieu',
      kind: 'text',
      title: t2('Giới thiệu'),
      minutes: 5,
      body: t2('Chào mừng!\n\n---\n\nyes: no'),
    },
    {
      key: 'thuc-hanh',
      kind: 'checklist',
      title: t2('Thực hành'),
      minutes: 3,
      items: [t2('Đặt mật khẩu'), t2('Bật khoá màn hình')],
    },
    {
      key: 'kiem-tra',
      kind: 'quiz',
      title: t2('Bài kiểm tra'),
      minutes: 10,
      instructions: t2('Trả lời mọi câu.'),
      settings: {
        questionsPerAttempt: 3,
        passMark: 70,
        maxAttempts: 3,
        timeLimitMinutes: null,
        reveal: 'afterPass',
        retakeCooldownHours: null,
      },
      questions: questions(),
    },
  ],
};

const json = (res: { body: unknown }) =>
  Buffer.isBuffer(res.body) ? JSON.parse(res.body.toString('utf8')) : res.body;

/**
 * Courses as files (docs/course-export.md): a studio course exported, imported and exported again gives the same
 * files; every hostile archive is refused naming its entry with nothing stored; only a course's staff export it;
 * a file course copies into the studio as a publish-ready draft and stays untouched.
 */
describe('course export, import and copy to the studio', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  let storageDir: string;
  let uploadDir: string;
  let clip: Buffer;
  /** The first lesson's narrations: an MP3 in Vietnamese, an Ogg Opus in English. */
  let narration: { vi: Buffer; en: Buffer };
  let teacher: Signed;
  let other: Signed;
  let learner: Signed;
  const tag = randomBytes(3).toString('hex');
  const source = `chuyen-tep-${tag}`;

  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const exportZip = (b: Browser, id: string, query = '') =>
    b.agent
      .get(`/api/teaching/courses/${id}/export${query}`)
      .buffer(true)
      .parse(binaryBody as never);
  const importZip = (b: Browser, zip: Buffer, query = '') =>
    b.post(`/api/teaching/courses/import${query}`).set('content-type', 'application/zip').send(zip);
  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);
  const filesUnder = (folder: string) => {
    try {
      return readdirSync(join(storageDir, folder), { recursive: true }).length;
    } catch {
      return 0;
    }
  };
  const state = async () => ({
    courses: await count('courses'),
    drafts: await count('course_drafts'),
    materials: await count('course_materials'),
    videos: await count('course_videos'),
    captions: await count('course_video_captions'),
    narrations: await count('course_narrations'),
    files: filesUnder('materials'),
    videoFiles: filesUnder('videos'),
    narrationFiles: filesUnder('narrations'),
  });

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    storageDir = mkdtempSync(join(tmpdir(), 'hvs-transfer-'));
    uploadDir = mkdtempSync(join(tmpdir(), 'hvs-transfer-up-'));
    clip = makeClip(uploadDir, SECONDS);
    narration = { vi: audioBytes('mp3', 2), en: audioBytes('opus', 2, 440) };
    t = await startTestApp({
      DATABASE_URL: world.url,
      STORAGE_DIR: storageDir,
      STORAGE_DRIVER: 'local',
      VIDEO_UPLOAD_DIR: uploadDir,
      COURSE_ZIP_MAX_BYTES: String(2 * 1024 * 1024),
    });
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const system = await signedInDemo(t.http);
    const make = async (name: string) => {
      const b = await signedUpLearner(t.http, name);
      await system.post('/api/admin/role-grants').send({ userId: b.id, role: 'teacher' }).expect(201);
      return b;
    };
    teacher = await make('Cô Hạnh');
    other = await make('Thầy Quang');
    learner = await signedUpLearner(t.http, 'Bà Tư');
    await teacher.post('/api/teaching/courses').send({ id: source, title: 'Chuyển khoá học' }).expect(201);
    const material = await teacher
      .post(`/api/teaching/courses/${source}/materials?name=${encodeURIComponent('Hướng dẫn an toàn.pdf')}`)
      .set('content-type', 'application/octet-stream')
      .send(await pdf('Hướng dẫn: khoá màn hình'))
      .expect(201);
    const videoId = await uploadVideo(
      base,
      await tusHeadersOf(base, teacher.sessionCookie),
      source,
      clip,
      'khoa-man-hinh.mp4',
    );
    for (const [lang, text] of Object.entries(CAPTIONS))
      await teacher.agent
        .put(`/api/teaching/courses/${source}/videos/${videoId}/captions/${lang}`)
        .set('x-csrf-token', teacher.csrf)
        .set('content-type', 'text/vtt')
        .send(text)
        .expect(200);
    const saveDraft = async (audio?: Record<string, string>) =>
      teacher.agent
        .put(`/api/teaching/courses/${source}/draft`)
        .set('x-csrf-token', teacher.csrf)
        .send({
          revision: await revisionOf(teacher, source),
          document: courseDocument(material.body.id as string, videoId, audio),
        })
        .expect(200);
    // The course offers English once its draft says so; then each language's narration is uploaded and named.
    await saveDraft();
    const audio: Record<string, string> = {};
    for (const [lang, bytes] of Object.entries(narration))
      audio[lang] = (
        await teacher
          .post(`/api/teaching/courses/${source}/narrations?language=${lang}&name=doc-${lang}`)
          .set('content-type', 'application/octet-stream')
          .send(bytes)
          .expect(201)
      ).body.id as string;
    await saveDraft(audio);
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await world.drop();
    for (const d of [storageDir, uploadDir]) rmSync(d, { recursive: true, force: true });
  });

  it('studio → zip → studio → zip gives byte-identical course files (text with narration, checklist, quiz, document, video with captions and a question)', async () => {
    const first = await exportZip(teacher, source).expect(200);
    expect(first.headers['content-type']).toBe('application/zip');
    expect(first.headers['content-disposition']).toContain(`${source}-ban-nhap.zip`);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    const zip1 = first.body as Buffer;
    const files1 = readCourseZip(zip1);
    expect([...files1.keys()]).toEqual([
      'course.yaml',
      'lessons/gioi-thieu.en.md',
      'lessons/gioi-thieu.vi.md',
      'lessons/kiem-tra.en.md',
      'lessons/kiem-tra.vi.md',
      'lessons/tai-lieu.en.md',
      'lessons/tai-lieu.vi.md',
      'lessons/thuc-hanh.en.md',
      'lessons/thuc-hanh.vi.md',
      'lessons/xem-video.en.md',
      'lessons/xem-video.vi.md',
      'media/Hướng dẫn an toàn.pdf',
      'media/gioi-thieu.en.ogg',
      'media/gioi-thieu.vi.mp3',
      'media/xem-video.en.vtt',
      'media/xem-video.mp4',
      'media/xem-video.vi.vtt',
      'quizzes/kiem-tra.yaml',
    ]);
    // the media are the files themselves: the uploaded original, each language's captions
    expect(files1.get('media/xem-video.mp4')!.equals(clip)).toBe(true);
    expect(files1.get('media/xem-video.vi.vtt')!.toString()).toBe(CAPTIONS.vi);
    expect(files1.get('media/xem-video.en.vtt')!.toString()).toBe(CAPTIONS.en);
    // each language's narration is the uploaded file, named in that language's lesson file with its probed length
    expect(files1.get('media/gioi-thieu.vi.mp3')!.equals(narration.vi)).toBe(true);
    expect(files1.get('media/gioi-thieu.en.ogg')!.equals(narration.en)).toBe(true);
    expect(files1.get('lessons/gioi-thieu.vi.md')!.toString()).toMatch(
      /\nminutes: 5\naudio:\n {2}src: media\/gioi-thieu\.vi\.mp3\n {2}durationSeconds: 2(\.[0-9]+)?\n---\n/,
    );
    expect(files1.get('lessons/gioi-thieu.en.md')!.toString()).toContain(
      'audio:\n  src: media/gioi-thieu.en.ogg\n  durationSeconds: ',
    );
    const videoLesson = files1.get('lessons/xem-video.vi.md')!.toString();
    expect(videoLesson).toContain('video:\n  src: media/xem-video.mp4\n  durationSeconds: ');
    expect(videoLesson).toContain('    - id: khoa-o-dau\n      at: 2.5\n');
    expect(videoLesson).toContain('captions: media/xem-video.vi.vtt\n');
    expect(files1.get('lessons/tai-lieu.vi.md')!.toString()).toContain(
      'document:\n  src: media/Hướng dẫn an toàn.pdf\n  mediaType: application/pdf\n',
    );
    // the same export twice is the same bytes
    expect(((await exportZip(teacher, source).expect(200)).body as Buffer).equals(zip1)).toBe(true);

    const copy = `${source}-b`;
    const imported = await importZip(teacher, zip1, `?id=${copy}`).expect(201);
    expect(imported.body).toEqual({
      id: copy,
      lessons: 5,
      materials: 1,
      videos: 1,
      narrations: 2,
      notes: [],
    });
    const zip2 = (await exportZip(teacher, copy).expect(200)).body as Buffer;
    const files2 = readCourseZip(zip2);
    expect([...files2.keys()]).toEqual([...files1.keys()]);
    for (const [path, bytes] of files1)
      if (path !== 'course.yaml')
        expect({ path, same: bytes.equals(files2.get(path)!) }).toEqual({ path, same: true });
    // course.yaml differs only by the id the import was given; with it, the archives are byte-identical
    const renamed = new Map(files1).set(
      'course.yaml',
      Buffer.from(files1.get('course.yaml')!.toString().replace(`id: ${source}\n`, `id: ${copy}\n`)),
    );
    expect(writeCourseZip(renamed).equals(zip2)).toBe(true);

    // the copy has its own material, video and captions; the drafts differ only by those ids
    const [a, b] = await Promise.all(
      [source, copy].map(
        async (id) => (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body,
      ),
    );
    const materialOf = async (id: string) =>
      (
        (await db.query(
          `SELECT id, page_count, extracted_text, sha256 FROM course_materials WHERE course_id = $1`,
          [id],
        )) as Array<{ id: string; page_count: number; extracted_text: string | null; sha256: string }>
      )[0];
    const material = await materialOf(copy);
    const { id: sourceMaterialId, ...sourceMaterial } = (await materialOf(source))!;
    const [video] = (await db.query(
      `SELECT id, status, original_key, sha256, owner_id FROM course_videos WHERE course_id = $1`,
      [copy],
    )) as Array<{ id: string; status: string; original_key: string; sha256: string; owner_id: string }>;
    // the document is restored with its page count and text
    expect(material).toEqual({ id: expect.any(String), ...sourceMaterial });
    expect(material!.page_count).toBe(1);
    expect(video).toMatchObject({
      status: 'uploaded',
      original_key: `videos/${video!.id}/original.mp4`,
      owner_id: teacher.id,
    });
    // the copy's own narrations: checked as uploads (the probed length and type), stored under its own keys
    const narrationsOf = async (id: string) =>
      (await db.query(
        `SELECT id, original_name, media_type, size_bytes::int AS size, sha256, storage_key, duration_seconds
           FROM course_narrations WHERE course_id = $1 ORDER BY media_type`,
        [id],
      )) as Array<{ id: string; sha256: string; storage_key: string; [k: string]: unknown }>;
    const narrations = await narrationsOf(copy);
    const sourceNarrations = await narrationsOf(source);
    expect(narrations.map(({ id: _id, storage_key: _key, original_name: _name, ...n }) => n)).toEqual(
      sourceNarrations.map(({ id: _id, storage_key: _key, original_name: _name, ...n }) => n),
    );
    expect(narrations.map((n) => n.original_name)).toEqual(['gioi-thieu.vi.mp3', 'gioi-thieu.en.ogg']);
    for (const n of narrations) {
      expect(n.storage_key).toBe(
        `narrations/${copy}/${n.sha256}.${n.media_type === 'audio/mpeg' ? 'mp3' : 'ogg'}`,
      );
      expect(sourceNarrations.map((s) => s.id)).not.toContain(n.id);
    }
    expect(readdirSync(join(storageDir, 'narrations', copy)).sort()).toEqual(
      [`${sha(narration.vi)}.mp3`, `${sha(narration.en)}.ogg`].sort(),
    );
    const sourceLessons = a.draft.document.lessons as Array<Record<string, unknown>>;
    expect(sourceLessons[3]!.materialId).toBe(sourceMaterialId);
    expect(material!.id).not.toBe(sourceMaterialId);
    expect(b.draft.document).toEqual({
      ...a.draft.document,
      lessons: sourceLessons.map((l) =>
        l.kind === 'document'
          ? { ...l, materialId: material!.id }
          : l.kind === 'video'
            ? { ...l, videoId: video!.id }
            : l.audio
              ? { ...l, audio: { vi: narrations[0]!.id, en: narrations[1]!.id } }
              : l,
      ),
    });
    expect(
      await db.query(
        `SELECT language, cue_count FROM course_video_captions WHERE video_id = $1 ORDER BY language`,
        [video!.id],
      ),
    ).toEqual([
      { language: 'en', cue_count: 2 },
      { language: 'vi', cue_count: 2 },
    ]);
    expect(readdirSync(join(storageDir, 'videos', video!.id), { recursive: true }).sort()).toEqual([
      'captions',
      ...[CAPTIONS.en, CAPTIONS.vi].map((c) => `captions/${sha(c)}.vtt`).sort(),
      'original.mp4',
    ]);
    expect(b.myRole).toBe('owner');

    // once the worker has transcoded the video (its transcoding is tested in apps/worker; here the row moves to
    // `ready` with the keys it writes), the imported draft is publish-ready; its published version exports as
    // the same files, labelled version 1
    await db.query(
      `UPDATE course_videos SET status = 'ready', progress = 100, hls_key = $2, poster_key = $3 WHERE id = $1`,
      [video!.id, `videos/${video!.id}/hls/master.m3u8`, `videos/${video!.id}/poster.jpg`],
    );
    await approveForPublish(t.http, teacher, copy, 1);
    await teacher.post(`/api/teaching/courses/${copy}/publish`).send({ revision: 1 }).expect(200);
    const published = readCourseZip(
      (await exportZip(teacher, copy, '?of=published').expect(200)).body as Buffer,
    );
    expect(published.get('course.yaml')!.toString()).toContain('version: "1"\n');
    for (const path of [
      'quizzes/kiem-tra.yaml',
      'lessons/xem-video.vi.md',
      'media/xem-video.mp4',
      'lessons/gioi-thieu.vi.md',
      'lessons/gioi-thieu.en.md',
      'media/gioi-thieu.vi.mp3',
      'media/gioi-thieu.en.ogg',
    ])
      expect({ path, same: published.get(path)!.equals(files1.get(path)!) }).toEqual({ path, same: true });
    // …which are the narrations its published lesson revision names
    const revisions = (await db.query(
      `SELECT data->'audio' AS audio FROM lesson_revisions WHERE course_id = $1 AND lesson_key = 'gioi-thieu'`,
      [copy],
    )) as Array<{ audio: Record<string, { src: string; sha256: string }> }>;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.audio).toMatchObject({
      vi: { src: `narrations/${narrations[0]!.id}`, sha256: sha(narration.vi) },
      en: { src: `narrations/${narrations[1]!.id}`, sha256: sha(narration.en) },
    });
    // an unpublished draft has no published export
    expectErrorShape(
      json(await exportZip(teacher, source, '?of=published').expect(409)),
      409,
      'COURSE_NOT_PUBLISHED',
    );
  }, 120_000);

  it('refuses an id already taken, and 50 parallel imports of one id make exactly one course', async () => {
    const zip = (await exportZip(teacher, source).expect(200)).body as Buffer;
    const before = await state();
    expectErrorShape((await importZip(teacher, zip).expect(409)).body, 409, 'COURSE_ID_TAKEN');
    expect(await state()).toEqual(before);

    const id = `${source}-song-song`;
    const answers = await Promise.all(Array.from({ length: 50 }, () => importZip(teacher, zip, `?id=${id}`)));
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409).every((r) => r.body.code === 'COURSE_ID_TAKEN')).toBe(
      true,
    );
    expect(answers.filter((r) => r.status !== 201 && r.status !== 409)).toEqual([]);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM course_materials WHERE course_id = $1`, [id]),
    ).toEqual([{ n: 1 }]);
    expect(readdirSync(join(storageDir, 'materials', id))).toHaveLength(1);
    // one video with its two caption files (folders counted too); the 49 refused imports stored nothing
    const videos = (await db.query(`SELECT id FROM course_videos WHERE course_id = $1`, [id])) as Array<{
      id: string;
    }>;
    expect(videos).toHaveLength(1);
    expect(await state()).toEqual({
      ...before,
      courses: before.courses + 1,
      drafts: before.drafts + 1,
      materials: before.materials + 1,
      videos: before.videos + 1,
      captions: before.captions + 2,
      narrations: before.narrations + 2,
      files: before.files + 2,
      videoFiles: before.videoFiles + 5,
      // the course's folder and its two narration files
      narrationFiles: before.narrationFiles + 3,
    });
  }, 120_000);

  it('10 parallel imports of one archive under distinct ids: each course gets its own narrations, files and draft', async () => {
    const zip = (await exportZip(teacher, source).expect(200)).body as Buffer;
    const ids = Array.from({ length: 10 }, (_, i) => `${source}-nghe-${i}`);
    const answers = await Promise.all(ids.map((id) => importZip(teacher, zip, `?id=${id}`)));
    expect(answers.map((r) => [r.status, r.body.narrations])).toEqual(ids.map(() => [201, 2]));
    const rows = (await db.query(
      `SELECT id, course_id, sha256, storage_key FROM course_narrations WHERE course_id = ANY($1)`,
      [ids],
    )) as Array<{ id: string; course_id: string; sha256: string; storage_key: string }>;
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.id)).size).toBe(20);
    for (const id of ids) {
      const own = rows.filter((r) => r.course_id === id);
      expect(own.map((r) => r.sha256).sort()).toEqual([sha(narration.vi), sha(narration.en)].sort());
      expect(readdirSync(join(storageDir, 'narrations', id))).toHaveLength(2);
      const draft = (await teacher.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.document;
      expect(Object.values(draft.lessons[0].audio as Record<string, string>).sort()).toEqual(
        own.map((r) => r.id).sort(),
      );
    }
    // and each exports the same narration files back
    const again = readCourseZip((await exportZip(teacher, ids[9]!).expect(200)).body as Buffer);
    expect(again.get('media/gioi-thieu.vi.mp3')!.equals(narration.vi)).toBe(true);
    expect(
      again.get('lessons/gioi-thieu.en.md')!.equals(readCourseZip(zip).get('lessons/gioi-thieu.en.md')!),
    ).toBe(true);
  }, 120_000);

  describe('hostile archives: each refused naming the entry, nothing stored', () => {
    let good: Map<string, Buffer>;
    beforeAll(async () => {
      good = readCourseZip((await exportZip(teacher, source).expect(200)).body as Buffer);
    });
    const entries = (files: Map<string, Buffer>) => [...files].map(([name, data]) => ({ name, data }));
    const withFile = (path: string, data: Buffer | string) =>
      writeCourseZip(new Map(good).set(path, Buffer.isBuffer(data) ? data : Buffer.from(data)));
    const without = (path: string) => {
      const files = new Map(good);
      files.delete(path);
      return writeCourseZip(files);
    };
    const pdfPath = 'media/Hướng dẫn an toàn.pdf';
    const videoPath = 'media/xem-video.mp4';
    const audioPath = 'media/gioi-thieu.vi.mp3';
    const audioLesson = 'lessons/gioi-thieu.vi.md';
    const narratedAs = (src: string) =>
      withFile(audioLesson, good.get(audioLesson)!.toString().replace(`src: ${audioPath}`, `src: ${src}`));
    const cases: Array<[string, () => Buffer, string, string | undefined]> = [
      [
        'zip-slip ../',
        () => rawZip([...entries(good), { name: '../../etc/cron.d/x', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        '../../etc/cron.d/x',
      ],
      [
        'an absolute path',
        () => rawZip([...entries(good), { name: '/tmp/x.md', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        '/tmp/x.md',
      ],
      [
        'backslashes',
        () => rawZip([...entries(good), { name: 'media\\..\\..\\x', data: Buffer.from('x') }]),
        'COURSE_ZIP_UNSAFE_PATH',
        'media\\..\\..\\x',
      ],
      [
        'a symlink',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/link.pdf', data: Buffer.from('/etc/passwd'), external: (0o120777 << 16) >>> 0 },
          ]),
        'COURSE_ZIP_SYMLINK',
        'media/link.pdf',
      ],
      [
        'a zip bomb (ratio)',
        () => rawZip([...entries(good), { name: 'media/bomb.pdf', data: Buffer.alloc(8 * 1024 * 1024) }]),
        'COURSE_ZIP_RATIO',
        'media/bomb.pdf',
      ],
      [
        'a size it lies about',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/lie.pdf', data: Buffer.alloc(1024 * 1024, 3), declaredSize: 100 },
          ]),
        'COURSE_ZIP_TOO_LARGE',
        'media/lie.pdf',
      ],
      [
        'too many entries',
        () =>
          rawZip(
            Array.from({ length: 2001 }, (_, i) => ({
              name: `lessons/l${i}.vi.md`,
              data: Buffer.from('x'),
              method: 0 as const,
            })),
          ),
        'COURSE_ZIP_TOO_MANY_ENTRIES',
        undefined,
      ],
      [
        'a body over COURSE_ZIP_MAX_BYTES',
        () =>
          rawZip([
            ...entries(good),
            { name: 'media/big.pdf', data: randomBytes(3 * 1024 * 1024), method: 0 },
          ]),
        'COURSE_ZIP_TOO_LARGE',
        undefined,
      ],
      [
        'a duplicate name',
        () => rawZip([...entries(good), { name: 'course.yaml', data: Buffer.from('id: khac\n') }]),
        'COURSE_ZIP_DUPLICATE_ENTRY',
        'course.yaml',
      ],
      [
        'a name that is not UTF-8',
        () =>
          rawZip([
            ...entries(good),
            {
              name: Buffer.from([0x6d, 0x65, 0x64, 0x69, 0x61, 0x2f, 0xe0, 0x2e, 0x70, 0x64, 0x66]),
              data: Buffer.from('x'),
              flags: 0,
            },
          ]),
        'COURSE_ZIP_NAME_ENCODING',
        undefined,
      ],
      [
        'an NFD name',
        () => rawZip([...entries(good), { name: 'media/ba\u0300i.pdf', data: Buffer.from('x') }]),
        'COURSE_ZIP_NAME_ENCODING',
        'media/bài.pdf',
      ],
      [
        'huge YAML',
        () =>
          withFile(
            'quizzes/kiem-tra.yaml',
            `id: kiem-tra\nquestions: []\n# ${randomBytes(550 * 1024).toString('hex')}\n`,
          ),
        'COURSE_FILE_TOO_LARGE',
        'quizzes/kiem-tra.yaml',
      ],
      [
        'a YAML alias bomb',
        () =>
          withFile(
            'course.yaml',
            `${good.get('course.yaml')!.toString()}x: &a [1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`,
          ),
        'COURSE_FILE_YAML_ALIAS',
        'course.yaml',
      ],
      [
        'a file not referenced',
        () => withFile('media/thua.pdf', '%PDF-1.4'),
        'COURSE_FILES_INVALID',
        'media/thua.pdf',
      ],
      [
        'a file outside the format',
        () => withFile('run.sh', '#!/bin/sh\nrm -rf /\n'),
        'COURSE_FILES_INVALID',
        'run.sh',
      ],
      [
        'a program as the PDF',
        () => withFile(pdfPath, Buffer.concat([Buffer.from('MZ'), randomBytes(200)])),
        'MATERIAL_EXECUTABLE',
        pdfPath,
      ],
      [
        'a web page as the PDF',
        () => withFile(pdfPath, '<!doctype html><script>alert(1)</script>'),
        'MATERIAL_MARKUP',
        pdfPath,
      ],
      [
        'a program renamed as the video',
        () => withFile(videoPath, Buffer.concat([Buffer.from('MZ'), randomBytes(4000)])),
        'VIDEO_EXECUTABLE',
        videoPath,
      ],
      [
        'a web page as the video',
        () => withFile(videoPath, '<!doctype html><script>alert(1)</script>'),
        'VIDEO_MARKUP',
        videoPath,
      ],
      [
        'a truncated video',
        () => withFile(videoPath, clip.subarray(0, Math.floor(clip.length * 0.6))),
        'VIDEO_CORRUPT',
        videoPath,
      ],
      [
        'captions that run past the end of the video',
        () => withFile('media/xem-video.vi.vtt', vtt([[0, SECONDS + 5, 'Quá dài.']])),
        'CAPTIONS_INVALID',
        'media/xem-video.vi.vtt',
      ],
      [
        'a video lesson naming a video that is not in the archive',
        () =>
          withFile(
            'lessons/xem-video.vi.md',
            good
              .get('lessons/xem-video.vi.md')!
              .toString()
              .replace('src: media/xem-video.mp4', 'src: media/khac.mp4'),
          ),
        'COURSE_FILES_INVALID',
        'lessons/xem-video.vi.md',
      ],
      [
        'a lesson of a kind the studio does not edit',
        () =>
          withFile(
            'lessons/thuc-hanh.vi.md',
            '---\nid: thuc-hanh\nkind: audio\ntitle: Nghe\nminutes: 2\n---\n',
          ),
        'COURSE_FILES_UNSUPPORTED_KIND',
        'lessons/thuc-hanh',
      ],
      [
        'a narration naming a file not in the archive',
        () => without(audioPath),
        'COURSE_FILES_INVALID',
        audioLesson,
      ],
      [
        'a narration naming a path out of the course',
        () => narratedAs('media/../../../etc/passwd'),
        'COURSE_FILES_INVALID',
        audioLesson,
      ],
      [
        'a narration entry named with ../',
        () =>
          rawZip([
            ...entries(good).filter((e) => e.name !== audioPath),
            { name: 'media/../gioi-thieu.vi.mp3', data: good.get(audioPath)! },
          ]),
        'COURSE_ZIP_UNSAFE_PATH',
        'media/../gioi-thieu.vi.mp3',
      ],
      [
        'a web page named .mp3 as the narration',
        () => withFile(audioPath, '<!doctype html><script>alert(1)</script>'),
        'AUDIO_NOT_AUDIO',
        audioPath,
      ],
      [
        'a program named .mp3 as the narration',
        () => withFile(audioPath, Buffer.concat([Buffer.from('MZ'), randomBytes(4000)])),
        'AUDIO_NOT_AUDIO',
        audioPath,
      ],
      [
        'a narration over 5 MiB',
        // two byte values at random: over the limit, yet the archive stays small and its ratio ordinary
        () => withFile(audioPath, Buffer.from(randomBytes(5 * 1024 * 1024 + 1).map((b) => 0x41 + (b & 1)))),
        'AUDIO_TOO_LARGE',
        audioPath,
      ],
      [
        'a narration of a fifth of a second',
        () => withFile(audioPath, audioBytes('mp3', 0.2)),
        'AUDIO_DURATION_OUT_OF_RANGE',
        audioPath,
      ],
      ...(['\u202e', '\u200b', '\u0000'] as const).map((mark): (typeof cases)[number] => {
        const hidden = `media/gioi${mark}thieu.vi.mp3`;
        return [
          `a narration whose file name hides ${JSON.stringify(mark)}`,
          () => {
            const files = new Map(good);
            files.delete(audioPath);
            files.set(hidden, good.get(audioPath)!);
            const lesson = good.get(audioLesson)!.toString();
            files.set(audioLesson, Buffer.from(lesson.replace(`src: ${audioPath}`, `src: "${hidden}"`)));
            return rawZip(entries(files));
          },
          'COURSE_ZIP_UNSAFE_PATH',
          hidden,
        ];
      }),
      ['not a zip at all', () => Buffer.from('%PDF-1.7 rename me'), 'COURSE_ZIP_INVALID', undefined],
    ];
    it.each(cases)('%s', async (_name, make, code, entry) => {
      const before = await state();
      const res = await importZip(teacher, make(), `?id=${source}-xau-${randomBytes(2).toString('hex')}`);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      expectErrorShape(res.body, 400, code);
      if (entry) expect(res.body.details.entry).toBe(entry);
      expect(await state()).toEqual(before);
    });
  });

  it('only the course staff export; learners and other teachers see no such course; a learner cannot import', async () => {
    expectErrorShape(json(await exportZip(other, source).expect(404)), 404, 'COURSE_NOT_FOUND');
    expectErrorShape(json(await exportZip(learner, source).expect(404)), 404, 'COURSE_NOT_FOUND');
    const zip = (await exportZip(teacher, source).expect(200)).body as Buffer;
    const before = await state();
    expectErrorShape((await importZip(learner, zip, `?id=${source}-hoc-vien`).expect(403)).body, 403);
    expectErrorShape((await importZip(learner, Buffer.from('PK')).expect(403)).body, 403);
    expect(await state()).toEqual(before);
    expectErrorShape(
      (await other.post(`/api/teaching/courses/ai-assistants/copy-to-studio`).send({}).expect(404)).body,
      404,
      'COURSE_NOT_FOUND',
    );
  });

  it('copies a file course into the studio as a publish-ready draft; the file course is untouched', async () => {
    await db.query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ('ai-assistants', $1, 'editor', $1)`,
      [teacher.id],
    );
    const versionBefore = await db.query(`SELECT current_version_id FROM courses WHERE id = 'ai-assistants'`);
    const res = await teacher.post('/api/teaching/courses/ai-assistants/copy-to-studio').send({}).expect(201);
    expect(res.body).toMatchObject({ id: 'ai-assistants-ban-sao', lessons: 7, materials: 0 });
    expect(res.body.notes.map((n: { code: string }) => n.code)).toContain('MODULES_MERGED');
    const copy = (await teacher.agent.get('/api/teaching/courses/ai-assistants-ban-sao').expect(200)).body;
    expect(copy).toMatchObject({ source: 'studio', myRole: 'owner', published: false });
    expect(
      copy.draft.document.lessons.map((l: { key: string; kind: string }) => `${l.key}:${l.kind}`),
    ).toEqual([
      'what-generative-ai-does:text',
      'writing-good-prompts:text',
      'checking-ai-answers:text',
      'practice-safe-ai-use:checklist',
      'protecting-data-and-honesty:text',
      'bias-deepfakes-and-voice-scams:text',
      'final-quiz:quiz',
    ]);
    await approveForPublish(t.http, teacher, 'ai-assistants-ban-sao', 1);
    await teacher
      .post('/api/teaching/courses/ai-assistants-ban-sao/publish')
      .send({ revision: 1 })
      .expect(200);
    expect(await db.query(`SELECT current_version_id FROM courses WHERE id = 'ai-assistants'`)).toEqual(
      versionBefore,
    );
    // a second copy gets the next free id
    expect(
      (await teacher.post('/api/teaching/courses/ai-assistants/copy-to-studio').send({}).expect(201)).body.id,
    ).toBe('ai-assistants-ban-sao-2');
    // a studio course is copied by export and import instead
    expectErrorShape(
      (await teacher.post(`/api/teaching/courses/${source}/copy-to-studio`).send({}).expect(409)).body,
      409,
      'COPY_NOT_FILE_COURSE',
    );
  });

  it('copies a file course with a video lesson: the video and its captions are checked and stored, transcoding queued', async () => {
    await db.query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ('online-scams', $1, 'editor', $1)`,
      [teacher.id],
    );
    const res = await teacher.post('/api/teaching/courses/online-scams/copy-to-studio').send({}).expect(201);
    expect(res.body).toMatchObject({ id: 'online-scams-ban-sao', videos: 1 });
    // the file course's poster is not kept: the worker makes one from the original, with the HLS ladder
    expect(res.body.notes).toContainEqual({ code: 'VIDEO_FILES_REMADE', lessons: ['spot-a-scam-video'] });
    const copy = (await teacher.agent.get('/api/teaching/courses/online-scams-ban-sao').expect(200)).body;
    const lesson = copy.draft.document.lessons.find((l: { key: string }) => l.key === 'spot-a-scam-video');
    const [video] = (await db.query(
      `SELECT id, status, original_name FROM course_videos WHERE course_id = 'online-scams-ban-sao'`,
    )) as Array<{ id: string; status: string; original_name: string }>;
    expect(video).toMatchObject({ status: 'uploaded', original_name: 'spot-a-scam.mp4' });
    expect(lesson).toMatchObject({ kind: 'video', videoId: video!.id });
    expect(lesson.questions.length).toBeGreaterThan(0);
    expect(
      await db.query(`SELECT language FROM course_video_captions WHERE video_id = $1 ORDER BY language`, [
        video!.id,
      ]),
    ).toEqual([{ language: 'en' }, { language: 'vi' }]);
  });

  it('exports a file course from its folder, in the canonical layout', async () => {
    const files = readCourseZip((await exportZip(teacher, 'ai-assistants').expect(200)).body as Buffer);
    expect(files.get('course.yaml')!.toString()).toContain('id: ai-assistants\n');
    expect([...files.keys()].filter((k) => k.startsWith('quizzes/'))).toEqual(['quizzes/final.yaml']);
  });
});
