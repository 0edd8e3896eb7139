/**
 * A video watched offline is credited once back online (docs/offline.md, issue 16 item 1): a learner downloads
 * a course, goes offline with Chromium's offline emulation, plays the video's low-data rendition from the
 * download, sees that what they watch is saved on the device, comes back online, and the server credits the
 * queued heartbeats by the online rule. axe on the new state.
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

it('plays a downloaded video offline, queues its heartbeats, and the server credits them once back online', async () => {
  const email = `offline-video-${randomUUID().slice(0, 12)}@example.com`;
  const { id: userId } = await signUpThroughApi(page, {
    displayName: 'Giàng A Páo',
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

  // Online again: the queue syncs and the server credits what was played, by its rule.
  await context.setOffline(false);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await db().query<{ credited: number; watched: number }>(
      `SELECT (SELECT count(*)::int FROM offline_events WHERE user_id = $1 AND kind = 'watch' AND status = 'credited')
                AS credited,
              (SELECT coalesce(sum(upper(r) - lower(r)), 0)::float FROM video_progress v
                 JOIN lesson_revisions lr ON lr.id = v.lesson_revision_id, unnest(v.watched) AS r
                WHERE v.user_id = $1 AND lr.lesson_id = $2) AS watched`,
      [userId, video.id],
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
  expect(pageErrors).toEqual([]);
});
