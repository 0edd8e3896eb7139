import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { LessonResponse } from '@hocvuso/contracts';
import { offlineDb, type DownloadedCourse } from './offline-db';
import { downloadedLesson } from './sync-before-online';

const LEARNER = '0b5d6a3e-2c41-4f7e-9a18-3e6d2b7c5f90';
const OTHER_LEARNER = '5f2e9c1d-7a4b-4e8f-b3d6-1c0a9e8f7d62';
const LESSON = '7d1c9a52-3b8e-4f0a-9c61-2a5e8f3b1d44';
const OTHER_LESSON = 'c2b7e0f1-5d3a-4e9b-8f27-61a0d4c9e835';
const COURSE = 'smartphone-basics';

const record = (userId: string, lessonIds: string[]): DownloadedCourse => ({
  key: `${userId}:${COURSE}`,
  userId,
  courseId: COURSE,
  downloadedAt: '2026-12-01T08:00:00.000Z',
  lessonIds,
  attempts: {},
  bytes: 1,
});

/** Cache Storage as the download left it: cache name → URL → stored answer (status, body). */
type Stored = Map<string, Map<string, { status: number; body: string }>>;

/** A stand-in for `caches` with the semantics the page relies on: `match` by cache name, with or without the query. */
function fakeCaches(stored: Stored) {
  const opened: string[] = [];
  return {
    opened,
    caches: {
      open: async (name: string) => {
        opened.push(name);
        throw new Error('the page must not create a cache');
      },
      match: async (url: string, options: { cacheName?: string; ignoreSearch?: boolean } = {}) => {
        const cache = options.cacheName === undefined ? undefined : stored.get(options.cacheName);
        if (!cache) return undefined;
        const path = (u: string) => u.split('?')[0];
        for (const [key, hit] of cache) {
          if (key === url || (options.ignoreSearch && path(key) === path(url)))
            return new Response(hit.body, { status: hit.status });
        }
        return undefined;
      },
    },
  };
}

const lessonUrl = (lessonId: string, lang: string) => `/api/lessons/${lessonId}?lang=${lang}`;
const answer = (id: string, title: string) => JSON.stringify({ id, kind: 'video', title });

describe("downloadedLesson: the lesson page's copy while the queue waits", () => {
  let courses: DownloadedCourse[];
  let stored: Stored;
  let fake: ReturnType<typeof fakeCaches>;

  beforeEach(() => {
    courses = [record(LEARNER, [OTHER_LESSON, LESSON])];
    stored = new Map([
      [
        `hvs-course-${COURSE}`,
        new Map([
          [lessonUrl(LESSON, 'vi'), { status: 200, body: answer(LESSON, 'Xem video: gọi điện') }],
          [lessonUrl(OTHER_LESSON, 'vi'), { status: 200, body: answer(OTHER_LESSON, 'Bài khác') }],
        ]),
      ],
    ]);
    fake = fakeCaches(stored);
    Object.assign(globalThis, { caches: fake.caches });
    jest
      .spyOn(offlineDb, 'courses')
      .mockImplementation(async (userId) => courses.filter((c) => c.userId === userId));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    delete (globalThis as { caches?: unknown }).caches;
  });

  it("the learner's download of the lesson, in the page's language", async () => {
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toMatchObject({
      id: LESSON,
      title: 'Xem video: gọi điện',
    });
  });

  it("downloaded in another language: the download's copy (never nothing)", async () => {
    await expect(downloadedLesson(LEARNER, LESSON, 'en')).resolves.toMatchObject({ id: LESSON });
  });

  it("another learner's download on a shared phone is not this learner's copy", async () => {
    courses = [record(OTHER_LEARNER, [LESSON])];
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
  });

  it('a course downloaded without the lesson (an older outline): no copy', async () => {
    courses = [record(LEARNER, [OTHER_LESSON])];
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
  });

  it('the cache cleared while the record stayed: no copy, and no empty cache is made again', async () => {
    stored.clear();
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
    expect(fake.opened).toEqual([]);
  });

  it("an answer under the lesson's address that names another lesson is not taken", async () => {
    stored.get(`hvs-course-${COURSE}`)!.set(lessonUrl(LESSON, 'vi'), {
      status: 200,
      body: answer(OTHER_LESSON, 'Bài khác'),
    });
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
  });

  it('a stored error, null or an answer without a kind is not a lesson', async () => {
    const cache = stored.get(`hvs-course-${COURSE}`)!;
    for (const bad of [
      { status: 503, body: answer(LESSON, 'x') },
      { status: 200, body: 'null' },
      { status: 200, body: JSON.stringify({ id: LESSON }) },
    ]) {
      cache.set(lessonUrl(LESSON, 'vi'), bad);
      await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
    }
  });

  it('a lesson id hiding a query (`?lang=vi`) is looked up under its encoded address, never as another lesson', async () => {
    const sneaky = `${OTHER_LESSON}?lang=vi`;
    courses = [record(LEARNER, [sneaky])];
    const lesson: LessonResponse | undefined = await downloadedLesson(LEARNER, sneaky, 'vi');
    expect(lesson).toBeUndefined();
  });

  it('no Cache Storage in this browser: no copy', async () => {
    delete (globalThis as { caches?: unknown }).caches;
    await expect(downloadedLesson(LEARNER, LESSON, 'vi')).resolves.toBeUndefined();
  });
});
