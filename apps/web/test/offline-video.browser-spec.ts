/**
 * A video watched offline is credited once back online (docs/offline.md, issue 16 item 1): a learner downloads
 * a course, goes offline with Chromium's offline emulation, plays the video's low-data rendition from the
 * download, sees that what they watch is saved on the device, comes back online, and the server credits the
 * queued heartbeats by the online rule; a pinned question answered offline is saved on the device and graded at
 * sync. axe on the new states.
 *
 * Needs E2E_BASE_URL (the api serving the built web app), E2E_DATABASE_URL (to watch the credit arrive) and a
 * built dist/ (service worker included).
 */
import { randomUUID } from 'node:crypto';
import { type BrowserContext, type Page } from 'playwright-core';
import { completeCourse } from './support/course-completion';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const COURSE_ID = 'smartphone-basics';
const PASSWORD = 'mat-khau-an-toan-2026';
/** Played offline: before the video's first pinned question (29.6 s), so nothing pauses it. */
const PLAY_SECONDS = 22;

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the offline video',
  database: true,
  screenshotPrefix: 'offline-video',
  lastScreenshot: 'offline-video-last',
});
let page: Page;
let context: BrowserContext;

beforeAll(async () => {
  page = await newPhone();
  context = page.context();
});

/**
 * A new learner downloads the course (every other lesson done), goes offline, plays the video from the download
 * for PLAY_SECONDS at 1× and sees that it is saved on the device; nothing has reached the server yet.
 */
async function watchOffline(name: string): Promise<{ userId: string; video: { id: string; title: string } }> {
  const email = `offline-video-${randomUUID().slice(0, 12)}@example.com`;
  const { id: userId } = await signUpThroughApi(page, {
    displayName: name,
    identifier: email,
    password: PASSWORD,
  });
  const course = await apiFromPage<{
    title: string;
    modules: Array<{ lessons: Array<{ id: string; kind: string; title: string }> }>;
  }>(page, 'GET', `/courses/${COURSE_ID}?lang=vi`);
  const video = course.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'video')!;
  // Enrolled, every other lesson done through the api: the video is left.
  await completeCourse(db(), page, userId, COURSE_ID, { skip: (l) => l.id === video.id });

  await page.goto(`/courses/${COURSE_ID}`);
  await heading(page, course.title);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const panel = page.getByRole('region', { name: 'Học không cần mạng' });
  await panel.getByRole('button', { name: 'Tải khóa học về máy', exact: true }).click();
  await panel.getByText(/Đã tải về máy lúc /).waitFor({ timeout: 90_000 });

  // Offline: the video from the download, played at 1×.
  await context.setOffline(true);
  await page.goto(`/lessons/${video.id}`);
  await heading(page, video.title);
  const player = page.getByRole('region', { name: `Trình phát video: ${video.title}` });
  await player.waitFor();
  await page.locator('video').evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        if (v.readyState >= 1) resolve();
        else v.addEventListener('loadedmetadata', () => resolve(), { once: true });
      }),
  );
  await player.getByRole('button', { name: 'Phát video' }).click();
  await page.waitForFunction((s) => (document.querySelector('video')?.currentTime ?? 0) >= s, PLAY_SECONDS, {
    timeout: 90_000,
  });
  await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
  const saved = page
    .getByRole('status')
    .filter({ hasText: 'Đang xem không có mạng: phần đã xem được lưu trên máy' });
  await saved.waitFor();
  await expectAccessible(page, 'offline-video-queued');
  const before = await db().query(
    `SELECT count(*)::int AS n FROM offline_events WHERE user_id = $1 AND kind = 'watch'`,
    [userId],
  );
  expect(before.rows[0]).toEqual({ n: 0 });

  return { userId, video };
}

/** Polls until the video's queued heartbeats are credited and cover what was played; returns the verdicts. */
async function creditArrives(
  userId: string,
  videoId: string,
): Promise<Array<{ status: string; reason: string | null }>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db().query<{ credited: number; watched: number }>(
      `SELECT (SELECT count(*)::int FROM offline_events WHERE user_id = $1 AND kind = 'watch' AND status = 'credited')
                AS credited,
              (SELECT coalesce(sum(upper(r) - lower(r)), 0)::float FROM video_progress v
                 JOIN lesson_revisions lr ON lr.id = v.lesson_revision_id, unnest(v.watched) AS r
                WHERE v.user_id = $1 AND lr.lesson_id = $2) AS watched`,
      [userId, videoId],
    );
    if (rows[0]!.credited > 0 && rows[0]!.watched >= PLAY_SECONDS - 4) {
      // never more than was played (plus the player's rounding), and nothing before the download
      expect(rows[0]!.watched).toBeLessThanOrEqual(PLAY_SECONDS + 6);
      break;
    }
    if (Date.now() > deadline)
      throw new Error(`offline watching not credited in 60 s: ${JSON.stringify(rows)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const verdicts = await db().query<{ status: string; reason: string | null }>(
    `SELECT status, reason FROM offline_events WHERE user_id = $1 AND kind = 'watch' ORDER BY status, reason`,
    [userId],
  );
  return verdicts.rows;
}

it('plays a downloaded video offline, queues its heartbeats, and the server credits them once back online', async () => {
  const { userId, video } = await watchOffline('Giàng A Páo');

  // Online again, still on the lesson: the queue syncs and the server credits what was played, by its rule.
  await context.setOffline(false);
  await creditArrives(userId, video.id);
  expect(pageErrors).toEqual([]);
});

it('opening the video again right after coming back online does not cost the credit of the queue', async () => {
  page = await newPhone();
  context = page.context();
  const { userId, video } = await watchOffline('Lò Thị Mai');
  // The learner leaves the app offline; back online, the first thing they do is open the video lesson again.
  // Opening it online settles its credit at the server's now, so the queue must reach the server first. The
  // page's calls are logged, and the sync is slowed down so that, without that ordering, the lesson would be
  // opened before the queue arrives (the service worker keeps Playwright's routing from seeing the calls).
  await page.close();
  await context.addInitScript(() => {
    const log: string[] = [];
    Object.assign(window, { __calls: log });
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const name = url.includes('/api/me/offline-sync')
        ? 'sync'
        : /\/api\/lessons\/[^/?]+(\?|$)/.test(url)
          ? 'lesson'
          : undefined;
      if (!name) return original(input, init);
      log.push(`${name}:start`);
      if (name === 'sync') await new Promise((r) => setTimeout(r, 2_000));
      try {
        return await original(input, init);
      } finally {
        log.push(`${name}:end`);
      }
    };
  });
  await context.setOffline(false);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/lessons/${video.id}`);
  await heading(page, video.title);
  await page.getByRole('region', { name: `Trình phát video: ${video.title}` }).waitFor();

  const verdicts = await creditArrives(userId, video.id);
  // Every queued heartbeat was judged by the rule (credited, or capped by it); none refused as already accounted for.
  expect(verdicts.length).toBeGreaterThan(0);
  expect(verdicts.filter((v) => v.status === 'refused')).toEqual([]);
  // The lesson was opened after the sync: the page already shows what was watched offline.
  await page.getByText(/^Bạn đã xem ([1-9]\d*)% video\.$/).waitFor();
  // The lesson was asked for only once the sync had its answer, and the runner and the lesson page shared one
  // sync: the queue was sent once.
  const calls = await page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
  expect(calls.slice(0, 3)).toEqual(['sync:start', 'sync:end', 'lesson:start']);
  expect(calls.filter((c) => c === 'sync:start')).toEqual(['sync:start']);
  expect(pageErrors).toEqual([]);
});

/** When the server last settled the learner's watch credit of the video (its bucket): an opening or a heartbeat. */
async function lastSettled(userId: string, videoId: string): Promise<string> {
  const { rows } = await db().query<{ at: string }>(
    `SELECT v.last_heartbeat_at::text AS at FROM video_progress v
       JOIN lesson_revisions lr ON lr.id = v.lesson_revision_id
      WHERE v.user_id = $1 AND lr.lesson_id = $2`,
    [userId, videoId],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!.at;
}

/** The watch events of the lesson in this device's queue (IndexedDB `hvs-offline`, store `queue`). */
function queuedWatches(p: Page, lessonId: string): Promise<number> {
  return p.evaluate(
    (id) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('hvs-offline');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('queue').objectStore('queue').getAll();
          all.onerror = () => reject(all.error);
          all.onsuccess = () => {
            const rows = all.result as Array<{ event: { kind: string; lessonId: string } }>;
            resolve(rows.filter((r) => r.event.kind === 'watch' && r.event.lessonId === id).length);
            open.result.close();
          };
        };
      }),
    lessonId,
  );
}

/** Polls `ok` every 250 ms until it holds; fails with `what` after `ms`. */
async function until(ok: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

it('the server refusing the sync (503) but answering the lesson: the lesson opens from the download, the queue keeps its credit', async () => {
  page = await newPhone();
  context = page.context();
  const { userId, video } = await watchOffline('Hoàng Thị Duyên');
  const settled = await lastSettled(userId, video.id);
  await page.close();

  // Back online during an outage: the server answers every sync with 503 (until `syncUp`), the rest as usual.
  let syncUp = false;
  let refusedSyncs = 0;
  await context.route('**/api/me/offline-sync**', async (route) => {
    if (syncUp) return route.continue();
    refusedSyncs++;
    return route.fulfill({
      status: 503,
      contentType: 'application/json',
      headers: { 'retry-after': '5' },
      body: JSON.stringify({
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        message: 'Service unavailable',
        requestId: 'browser-outage',
      }),
    });
  });
  // The page's calls, as the app makes them (before the service worker).
  await context.addInitScript(() => {
    const log: string[] = [];
    Object.assign(window, { __calls: log });
    const original = window.fetch.bind(window);
    window.fetch = async (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const name = url.includes('/api/me/offline-sync')
        ? 'sync'
        : /\/api\/lessons\/[^/?]+(\?|$)/.test(url)
          ? 'lesson'
          : /\/api\/lessons\/[^/?]+\/heartbeats/.test(url)
            ? 'heartbeat'
            : undefined;
      if (!name) return original(input, init);
      log.push(`${name}:start`);
      const response = await original(input, init);
      log.push(`${name}:${response.status}`);
      return response;
    };
  });
  const calls = () => page.evaluate(() => (window as unknown as { __calls: string[] }).__calls);
  await context.setOffline(false);
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/lessons/${video.id}`);
  await heading(page, video.title);
  const player = page.getByRole('region', { name: `Trình phát video: ${video.title}` });
  await player.waitFor();
  // The lesson opened without asking the server, so nothing settled the video's credit since the download.
  expect((await calls()).filter((c) => !c.startsWith('sync:'))).toEqual([]);
  expect(await lastSettled(userId, video.id)).toBe(settled);
  const notice = page.getByRole('status').filter({
    hasText:
      'Chưa gửi được phần đã học lưu trên máy lên máy chủ, nên bài học được mở từ bản đã tải về. Phần đã học sẽ được gửi khi kết nối được với máy chủ.',
  });
  await notice.waitFor();
  await expectAccessible(page, 'offline-video-sync-refused');
  const queued = await queuedWatches(page, video.id);
  expect(queued).toBeGreaterThan(0);

  // Watching on meanwhile: the heartbeats join the queue behind the waiting ones instead of reaching the server.
  await page.locator('video').evaluate(
    (v: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        if (v.readyState >= 1) resolve();
        else v.addEventListener('loadedmetadata', () => resolve(), { once: true });
      }),
  );
  await player.getByRole('button', { name: 'Phát video' }).click();
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) >= 3, undefined, {
    timeout: 30_000,
  });
  await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
  await until(
    async () => (await queuedWatches(page, video.id)) > queued,
    30_000,
    'the pause heartbeat queued',
  );
  // The runner retries (5 s later): still refused, and still nothing asked the server for the lesson.
  await until(async () => refusedSyncs >= 3, 30_000, 'three refused syncs');
  expect((await calls()).filter((c) => c.startsWith('lesson:') || c.startsWith('heartbeat:'))).toEqual([]);
  // Nothing settled the video's credit on the server since the download, and nothing of the queue arrived.
  expect(await lastSettled(userId, video.id)).toBe(settled);
  const arrived = await db().query(`SELECT count(*)::int AS n FROM offline_events WHERE user_id = $1`, [
    userId,
  ]);
  expect(arrived.rows[0]).toEqual({ n: 0 });
  await expect(queuedWatches(page, video.id)).resolves.toBeGreaterThan(queued);
  await notice.waitFor();

  // The outage ends: the runner's next retry sends the queue, and every heartbeat is judged by the rule.
  syncUp = true;
  const verdicts = await creditArrives(userId, video.id);
  expect(verdicts.length).toBeGreaterThan(queued);
  expect(verdicts.filter((v) => v.status === 'refused')).toEqual([]);
  await expect(queuedWatches(page, video.id)).resolves.toBe(0);
  // Then the page reads the lesson from the server (after the sync, so it costs nothing): what was watched
  // offline shows (more than the 3 s watched meanwhile), and the notice goes.
  const duration = await page.locator('video').evaluate((v: HTMLVideoElement) => v.duration);
  const offlinePercent = Math.floor(((PLAY_SECONDS - 4) / duration) * 100);
  await until(
    async () => {
      const text = (await page.getByText(/^Bạn đã xem \d+% video\.$/).textContent()) ?? '';
      return Number(/(\d+)%/.exec(text)?.[1]) >= offlinePercent;
    },
    30_000,
    `the page showing at least ${offlinePercent}% watched`,
  );
  await notice.waitFor({ state: 'detached' });
  const log = await calls();
  const synced = log.indexOf('sync:200');
  expect(synced).toBeGreaterThan(-1);
  expect(log.indexOf('lesson:start')).toBeGreaterThan(synced);
  expect(pageErrors).toEqual([]);
});

it('answers a pinned question offline: saved on the device, the video goes on, graded at sync and the lesson completes', async () => {
  page = await newPhone();
  context = page.context();
  const { userId, video } = await watchOffline('Vàng Thị Dua');
  // A shortcut, as for the other lessons: the rest of the video was watched and its two later questions answered
  // online earlier, so the offline part (the start and the question at 0:29) is what completes the lesson.
  await db().query(
    `UPDATE video_progress v SET watched = '{[30,84.2]}'::nummultirange
       FROM lesson_revisions lr WHERE lr.id = v.lesson_revision_id AND v.user_id = $1 AND lr.lesson_id = $2`,
    [userId, video.id],
  );
  await db().query(
    `INSERT INTO video_question_answers (user_id, lesson_revision_id, question_id, response, correct)
     SELECT $1, v.lesson_revision_id, q, ARRAY['x'], true
       FROM video_progress v JOIN lesson_revisions lr ON lr.id = v.lesson_revision_id,
            unnest(ARRAY['easy-to-guess', 'carrier-asks-code']) AS q
      WHERE v.user_id = $1 AND lr.lesson_id = $2`,
    [userId, video.id],
  );

  // Still offline: playing on, the video stops at the question and asks it as online.
  await page.locator('video').evaluate((v: HTMLVideoElement) => void v.play());
  const dialog = page.getByRole('dialog', { name: /^Câu hỏi lúc / });
  await dialog.waitFor({ timeout: 60_000 });
  expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
  await dialog.getByRole('radio', { name: 'Đúng' }).check();
  await dialog.getByRole('button', { name: 'Trả lời', exact: true }).click();
  await dialog
    .getByText('Câu trả lời đã được lưu trên máy và sẽ được chấm khi có mạng trở lại. Bạn có thể xem tiếp.')
    .waitFor();
  await expectAccessible(page, 'offline-video-answer-queued');
  await dialog.getByRole('button', { name: 'Tiếp tục xem' }).click();
  // the video plays on past the question, which is listed as waiting to be checked
  await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) >= 31, undefined, {
    timeout: 30_000,
  });
  await page.locator('video').evaluate((v: HTMLVideoElement) => v.pause());
  await page.getByText('Đã trả lời, sẽ được chấm khi có mạng').waitFor();
  const queued = await db().query(
    `SELECT count(*)::int AS n FROM video_question_answers WHERE user_id = $1`,
    [userId],
  );
  expect(queued.rows[0]).toEqual({ n: 2 }); // nothing reached the server offline

  // Online again: the heartbeats are credited first, then the answer is graded and completes the lesson.
  await context.setOffline(false);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db().query<{ status: string; passed: boolean | null }>(
      `SELECT status, passed FROM offline_events WHERE user_id = $1 AND kind = 'video-answer'`,
      [userId],
    );
    if (rows.length > 0) {
      expect(rows).toEqual([{ status: 'completed', passed: true }]);
      break;
    }
    if (Date.now() > deadline) throw new Error('the offline answer was not synced in 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  const answers = await db().query(
    `SELECT question_id, correct FROM video_question_answers WHERE user_id = $1 AND question_id = 'backup-pin'`,
    [userId],
  );
  expect(answers.rows).toEqual([{ question_id: 'backup-pin', correct: true }]);
  const lesson = await db().query(
    `SELECT p.status FROM lesson_progress p JOIN lesson_revisions lr ON lr.id = p.lesson_revision_id
      WHERE p.user_id = $1 AND lr.lesson_id = $2`,
    [userId, video.id],
  );
  expect(lesson.rows).toEqual([{ status: 'completed' }]);
  expect(pageErrors).toEqual([]);
});
