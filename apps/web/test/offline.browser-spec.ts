/**
 * Issue 16's offline journey in a real browser (docs/offline.md): the app is installable (a valid manifest, a
 * service worker that controls the page), a learner downloads a course, goes offline with Chromium's offline
 * emulation, reads a lesson and passes the quiz with the network off, comes back online and sees the progress
 * synced and a certificate issued by the worker. axe on every new state.
 *
 * Needs E2E_BASE_URL (the api serving the built web app) and E2E_DATABASE_URL (to finish the other lessons
 * through the api, read the quiz's answer key and watch the certificate), and a built dist/ (worker included).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { completeCourse, startWorker, stopWorker } from './support/course-completion';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const COURSE_ID = 'vneid-digital-identity';
const PASSWORD = 'mat-khau-an-toan-2026';

jest.setTimeout(300_000);

const { newPhone, expectAccessible, pageErrors, db, baseUrl, databaseUrl } = usePhoneHarness({
  purpose: 'the offline journey',
  database: true,
  screenshotPrefix: 'offline',
  lastScreenshot: 'offline-last',
});
let page: Page;
let context: BrowserContext;
let worker: ChildProcess | undefined;
const workerOutput: string[] = [];

beforeAll(async () => {
  page = await newPhone();
  context = page.context();
  worker = startWorker(baseUrl(), databaseUrl(), workerOutput);
});
afterAll(async () => {
  await stopWorker(worker);
});

interface OutlineLesson {
  id: string;
  kind: string;
  title: string;
}
interface BankQuestion {
  id: string;
  type: 'single' | 'multiple' | 'truefalse' | 'ordering';
  options?: Array<{ id: string; text: { vi: string }; correct?: boolean }>;
  items?: Array<{ id: string; text: { vi: string } }>;
  answer?: boolean;
}

/** The questions of the learner's open attempt at the quiz, in the attempt's order, with the bank's key. */
async function answerKey(userId: string, lessonId: string): Promise<BankQuestion[]> {
  const { rows } = await db().query<{ layout: Array<{ id: string }>; questions: BankQuestion[] }>(
    `SELECT a.layout, b.questions FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id
       JOIN lesson_revisions r ON r.id = a.lesson_revision_id
      WHERE a.user_id = $1 AND r.lesson_id = $2 AND a.submitted_at IS NULL`,
    [userId, lessonId],
  );
  expect(rows).toHaveLength(1);
  const byId = new Map(rows[0]!.questions.map((q) => [q.id, q]));
  return rows[0]!.layout.map((l) => byId.get(l.id)!);
}

async function answer(group: Locator, question: BankQuestion): Promise<void> {
  switch (question.type) {
    case 'single':
      await group
        .getByRole('radio', { name: question.options!.find((o) => o.correct)!.text.vi, exact: true })
        .check();
      return;
    case 'truefalse':
      await group.getByRole('radio', { name: question.answer ? 'Đúng' : 'Sai', exact: true }).check();
      return;
    case 'multiple':
      for (const option of question.options!.filter((o) => o.correct))
        await group.getByRole('checkbox', { name: option.text.vi, exact: true }).check();
      return;
    case 'ordering': {
      const right = question.items!.map((i) => i.text.vi);
      for (let target = 0; target < right.length; target++) {
        let index = (await group.locator('.ordering__text').allTextContents()).indexOf(right[target]!);
        while (index > target) {
          await group.getByRole('button', { name: `Lên: ${right[target]}` }).click();
          index -= 1;
        }
      }
    }
  }
}

it('installs, downloads a course, learns offline and gets the certificate once back online', async () => {
  // 1. Installable: the manifest and the service worker, served as a browser needs them.
  const manifestResponse = await page.request.get('/manifest.webmanifest');
  expect(manifestResponse.status()).toBe(200);
  expect(manifestResponse.headers()['content-type']).toMatch(/^application\/manifest\+json/);
  const manifest = (await manifestResponse.json()) as {
    name: string;
    start_url: string;
    display: string;
    icons: Array<{ src: string; sizes: string; type: string; purpose: string }>;
  };
  expect(manifest).toMatchObject({ name: 'Học vụ số', display: 'standalone', start_url: '/?source=pwa' });
  expect(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true);
  for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
    const r = await page.request.get(icon.src);
    expect([icon.src, r.status(), r.headers()['content-type']]).toEqual([icon.src, 200, 'image/png']);
  }
  const sw = await page.request.get('/sw.js');
  expect(sw.status()).toBe(200);
  expect(sw.headers()['cache-control']).toBe('no-cache');
  expect(sw.headers()['content-type']).toMatch(/javascript/);

  // 2. A learner, with every lesson done but one text lesson and the quiz (through the api).
  const email = `offline-${randomUUID().slice(0, 12)}@example.com`;
  const { id: userId } = await signUpThroughApi(page, {
    displayName: 'Lò Thị Mai',
    identifier: email,
    password: PASSWORD,
  });
  const course = await apiFromPage<{ title: string; modules: Array<{ lessons: OutlineLesson[] }> }>(
    page,
    'GET',
    `/courses/${COURSE_ID}?lang=vi`,
  );
  const lessons = course.modules.flatMap((m) => m.lessons);
  const quiz = lessons.find((l) => l.kind === 'quiz')!;
  const texts = lessons.filter((l) => l.kind === 'text');
  const reading = texts[texts.length - 1]!;
  await completeCourse(db(), page, userId, COURSE_ID, {
    skip: (l) => l.id === quiz.id || l.id === reading.id,
  });

  // 3. The course page, controlled by the service worker; the download with its progress and storage.
  await page.goto(`/courses/${COURSE_ID}`);
  await heading(page, course.title);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const panel = page.getByRole('region', { name: 'Học không cần mạng' });
  await panel.getByText(/^Dung lượng đang dùng: /).waitFor();
  await expectAccessible(page, 'course-before-download');
  await panel.getByRole('button', { name: 'Tải khóa học về máy', exact: true }).click();
  await panel.getByText(/Đã tải về máy lúc /).waitFor({ timeout: 60_000 });
  await panel.getByText(/^Sau khi tải: đang dùng /).waitFor();
  await panel.getByRole('button', { name: 'Xóa bản tải về' }).waitFor();
  await expectAccessible(page, 'course-downloaded');
  const downloads = await db().query(
    'SELECT 1 FROM offline_downloads WHERE user_id = $1 AND course_id = $2',
    [userId, COURSE_ID],
  );
  expect(downloads.rowCount).toBe(1);

  // 4. Offline: the text lesson, read for its minimum time and marked read; queued on the device.
  await context.setOffline(true);
  await page.goto(`/lessons/${reading.id}`);
  await heading(page, reading.title);
  await page.getByText('Hết bài', { exact: true }).scrollIntoViewIfNeeded();
  await page.getByRole('status').filter({ hasText: 'Bạn đã đọc xong' }).waitFor({ timeout: 200_000 });
  // The device's countdown and its reading stint start a moment apart: a little more reading, as a learner would.
  await page.waitForTimeout(2_000);
  await page.getByRole('button', { name: 'Đánh dấu đã học xong' }).click();
  await page.getByText('Đã lưu trên máy. Bài học sẽ được tính khi có mạng trở lại.').waitFor();
  await expectAccessible(page, 'offline-read-queued');

  // 5. Offline: the quiz, on the attempt the server drew at download, answered right and queued.
  await page.goto(`/lessons/${quiz.id}`);
  await heading(page, quiz.title);
  const quizPanel = page.getByRole('region', { name: 'Làm bài kiểm tra' });
  await quizPanel.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  const attemptPanel = page.getByRole('region', { name: /^Lần làm bài thứ \d+$/ });
  await attemptPanel.waitFor();
  await attemptPanel
    .getByRole('timer')
    .filter({ hasText: /Thời gian còn lại: 1[45] phút/ })
    .waitFor();
  const questions = await answerKey(userId, quiz.id);
  for (const [index, question] of questions.entries())
    await answer(
      attemptPanel.getByRole('group', { name: new RegExp(`^Câu ${index + 1}/${questions.length}`) }),
      question,
    );
  await expectAccessible(page, 'offline-quiz-answered');
  await attemptPanel.getByRole('button', { name: 'Nộp bài' }).click();
  await page.getByText('Bài làm đã được lưu trên máy và sẽ được chấm khi có mạng trở lại.').waitFor();
  await expectAccessible(page, 'offline-quiz-queued');
  const before = await db().query(`SELECT status FROM enrolments WHERE user_id = $1 AND course_id = $2`, [
    userId,
    COURSE_ID,
  ]);
  expect(before.rows[0]).toEqual({ status: 'active' });

  // 6. Online again: the queue syncs, the server credits it, and the worker issues the certificate.
  await context.setOffline(false);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const { rows } = await db().query<{ status: string; issued: number }>(
      `SELECT e.status, (SELECT count(*)::int FROM certificates c WHERE c.enrolment_id = e.id) AS issued
         FROM enrolments e WHERE e.user_id = $1 AND e.course_id = $2`,
      [userId, COURSE_ID],
    );
    if (rows[0]?.status === 'completed' && rows[0].issued === 1) break;
    if (Date.now() > deadline)
      throw new Error(
        `not completed and certified in 120 s: ${JSON.stringify(rows)}; worker said:\n${workerOutput.join('')}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
  const events = await db().query<{ kind: string; status: string; passed: boolean | null }>(
    `SELECT kind, status, passed FROM offline_events WHERE user_id = $1 ORDER BY kind`,
    [userId],
  );
  expect(events.rows).toEqual([
    { kind: 'complete', status: 'completed', passed: null },
    { kind: 'quiz', status: 'graded', passed: true },
    { kind: 'read', status: 'credited', passed: null },
  ]);

  // The course page says so, and the certificate is in My certificates.
  await page.goto(`/courses/${COURSE_ID}`);
  await heading(page, course.title);
  await page.getByText(/^Đã hoàn thành ngày /).waitFor();
  await expectAccessible(page, 'course-completed-after-sync');
  await page.goto('/me/certificates');
  await page.getByText(course.title).first().waitFor();
  expect(pageErrors).toEqual([]);
});
