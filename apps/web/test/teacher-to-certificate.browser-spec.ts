/**
 * Issue #14's whole journey on phones (360 × 740), through the pages only, with axe (WCAG 2.2 A/AA) on every
 * studio page and every learner page and no horizontal scrolling:
 *  - a teacher creates a course from scratch in the studio: a text lesson; a video lesson whose clip (made here
 *    with the npm ffmpeg) goes up over tus and is transcoded by the real worker, then gets Vietnamese captions
 *    and a question pinned at 0:03; a document lesson with a real PDF uploaded on the page; a quiz of four
 *    questions drawing two. Readiness first refuses the video without captions (the reason links to the
 *    captions field), then finds nothing missing and the draft goes to review;
 *  - a reviewer (another account, holding the reviewer role) finds it in the queue and approves it on its
 *    review page; the teacher publishes it;
 *  - a learner enrols on the course page, reads the text lesson (ten minutes of reading on the server's clock,
 *    as the other journeys do), watches the video at its normal speed and answers its question with the
 *    keyboard alone, opens the document, passes the quiz, and the worker issues the certificate: it shows as
 *    valid on "Chứng chỉ của tôi" and on its public verification page, for anyone.
 *
 * Publishing puts a course in the catalogue, so this file runs its own api and web app (support/own-server.ts),
 * with a Redis database of its own that the worker started here shares (RedisSlot.teacherToCertificate).
 * Needs the browser project's global setup and a built dist/ (api, web app, worker and cli).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startWorker, stopWorker } from './support/course-completion';
import { webVtt, writeClip, writePdf } from './support/media-files';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';
import { grantReviewer } from './support/review';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';
/** The clip's length: the learner watches all of it in real time. */
const SECONDS = 6;

jest.setTimeout(900_000);

const { newPhone, expectAccessible, pageErrors, baseUrl, databaseUrl, redisUrl, db } = usePhoneHarness({
  purpose: 'the teacher-to-certificate journey',
  ownServer: { redisSlot: 'teacherToCertificate' },
  database: true,
  screenshotPrefix: 'teacher-to-certificate',
  fitsPhoneWidth: true,
  lastScreenshot: 'teacher-to-certificate-last',
});

let worker: ChildProcess | undefined;
const workerOutput: string[] = [];
let dir = '';
beforeAll(() => {
  worker = startWorker(baseUrl(), databaseUrl(), workerOutput, redisUrl());
  dir = mkdtempSync(join(tmpdir(), 'hvs-teacher-to-certificate-'));
});
afterAll(async () => {
  await stopWorker(worker);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const workerSaid = () => `worker said:\n${workerOutput.join('') || '(nothing)'}`;

/** A fresh account on its own phone, given this role by the demo system administrator (seeding, api). */
async function account(
  name: string,
  role: 'teacher' | 'reviewer' | null,
): Promise<{ page: Page; id: string }> {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: name,
    identifier: `journey-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  if (role) {
    const admin = await newPhone();
    await signIn(admin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
    if (role === 'reviewer') await grantReviewer(admin, id);
    else await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: id, role });
    await admin.context().close();
  }
  return { page, id };
}

/** Waits until this element has the focus (the app moves it after React has drawn the change). */
async function focusOn(locator: Locator): Promise<void> {
  await locator.evaluate(
    (el) =>
      new Promise<void>((resolve, reject) => {
        const start = performance.now();
        const check = () => {
          if (el === document.activeElement) resolve();
          else if (performance.now() - start > 5000)
            reject(new Error(`not focused; focus is on ${document.activeElement?.outerHTML.slice(0, 120)}`));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/** The lessons' titles, in order: reading, video, document, quiz. */
const LESSONS = [
  'Vì sao cần khoá màn hình',
  'Xem cách đặt khoá màn hình',
  'Tờ hướng dẫn để in',
  'Bài kiểm tra cuối khóa',
] as const;

/** The quiz the teacher writes: two one-answer questions and two true/false ones, each with its right answer. */
const QUIZ = [
  {
    kind: 'single' as const,
    prompt: 'Khoá màn hình giúp gì khi bác để quên điện thoại?',
    options: [
      'Pin dùng được lâu hơn',
      'Người lạ không mở được máy',
      'Máy chạy nhanh hơn',
      'Sóng mạng mạnh hơn',
    ],
    right: 1,
    explanation: 'Chỉ người biết mã mới mở được máy.',
  },
  {
    kind: 'single' as const,
    prompt: 'Mã khoá nào an toàn nhất?',
    options: ['Ngày sinh của bác', 'Dãy số 123456', 'Sáu số khó đoán', 'Số điện thoại nhà'],
    right: 2,
    explanation: 'Ngày sinh, số điện thoại và dãy số liền nhau đều dễ đoán.',
  },
  {
    kind: 'truefalse' as const,
    prompt: 'Nên đặt khoá màn hình cho cả điện thoại của người cao tuổi.',
    answer: true,
    explanation: 'Ai cũng có thể để quên điện thoại.',
  },
  {
    kind: 'truefalse' as const,
    prompt: 'Nên dán mã khoá lên mặt sau điện thoại cho khỏi quên.',
    answer: false,
    explanation: 'Ai nhặt được máy cũng đọc được mã.',
  },
];

it('takes a course from an empty studio through review to a learner’s verified certificate', async () => {
  const started = Date.now();
  const tag = randomUUID().slice(0, 6);
  const title = `Khoá màn hình điện thoại ${tag}`;
  const clipName = 'khoa-man-hinh.mp4';
  const clip = join(dir, clipName);
  writeClip(clip, SECONDS);
  const captions = join(dir, 'phu-de.vi.vtt');
  writeFileSync(
    captions,
    webVtt([
      [0, 3, 'Xin chào các bác.'],
      [3, SECONDS - 0.2, 'Mở Cài đặt, chọn Bảo mật rồi chọn Khoá màn hình.'],
    ]),
  );
  const pdfName = 'huong-dan-khoa-man-hinh.pdf';
  const pdf = join(dir, pdfName);
  await writePdf(pdf, ['Huong dan dat khoa man hinh', 'Buoc 1: mo Cai dat. Buoc 2: chon Bao mat.']);

  const teacher = await account(`Cô Lan Dạy Số ${tag}`, 'teacher');
  const reviewer = await account(`Thầy Minh Duyệt Bài ${tag}`, 'reviewer');
  const learnerName = `Bà Tư Học Số ${tag}`;
  const learner = await account(learnerName, null);

  // ---------- 1. The teacher creates the course from the empty studio. ----------
  const page = teacher.page;
  await page.goto('/me/learning');
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.locator('#account-menu').getByRole('link', { name: 'Dạy học' }).click();
  await heading(page, 'Khóa học tôi dạy');
  await page.getByText('Bạn chưa dạy khóa học nào.', { exact: false }).waitFor();
  await expectAccessible(page, 'studio-empty');
  await page.getByRole('textbox', { name: 'Tên khóa học' }).fill(title);
  const courseId = await page.getByRole('textbox', { name: 'Mã khóa học', exact: true }).inputValue();
  expect(courseId).toMatch(new RegExp(`^khoa-man-hinh-dien-thoai-${tag}$`));
  await page.getByRole('button', { name: 'Tạo khóa học' }).click();
  await page.waitForURL(`**/teaching/courses/${courseId}`);
  await heading(page, title);
  await page.getByRole('status').filter({ hasText: 'Đã tạo khóa học.' }).waitFor();
  await expectAccessible(page, 'editor-new');

  await page
    .getByRole('textbox', { name: 'Tóm tắt (tiếng Việt)' })
    .fill('Đặt khoá màn hình để điện thoại an toàn khi để quên.');
  await page.getByRole('checkbox', { name: 'Người dân', exact: true }).check();
  const competency = page.getByRole('combobox', { name: 'Năng lực', exact: true });
  await competency.locator('option[value="1.1"]').waitFor({ state: 'attached' });
  await competency.selectOption('1.1');
  await page.getByRole('button', { name: 'Thêm năng lực' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm năng lực 1.1' }).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Cấp chứng chỉ khi hoàn thành' }).isChecked()).toBe(true);

  // Lesson 1: reading.
  await page.getByRole('button', { name: 'Thêm bài đọc' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm bài đọc mới ở vị trí 1.' }).waitFor();
  await page.locator('#lesson-0-title-vi').fill(LESSONS[0]);
  await page
    .locator('#lesson-0-body-vi')
    .fill(
      'Điện thoại giữ **tin nhắn, ảnh và tài khoản ngân hàng** của bác.\n\nKhoá màn hình giữ chúng an toàn.',
    );
  await expectAccessible(page, 'text-lesson');

  // Lesson 2: the video, uploaded over tus and transcoded by the worker.
  await page.getByRole('button', { name: 'Thêm bài video' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm bài video mới ở vị trí 2.' }).waitFor();
  await page.locator('#lesson-1-title-vi').fill(LESSONS[1]);
  await expectAccessible(page, 'video-lesson-new');
  await page.locator('#lesson-1-video-upload').setInputFiles(clip);
  await page
    .getByRole('status')
    .filter({ hasText: `Đã tải lên “${clipName}” và chọn cho bài này.` })
    .waitFor({ timeout: 60_000 });
  // The course's list of videos is fetched again; then the uploaded clip is the chosen one.
  await page.waitForFunction(() =>
    /^[0-9a-f-]{36}$/.test(document.querySelector<HTMLSelectElement>('#lesson-1-video')?.value ?? ''),
  );
  const ready = page.getByText(`Video “${clipName}” đã sẵn sàng.`);
  const transcoding = page.getByLabel(/Đang chuyển mã video: \d+ %/);
  await ready
    .or(transcoding)
    .first()
    .waitFor({ timeout: 120_000 })
    .catch(() => {
      throw new Error(`no transcoding in 120 s; ${workerSaid()}`);
    });
  if (await transcoding.isVisible()) await expectAccessible(page, 'video-transcoding');
  await ready.waitFor({ timeout: 180_000 }).catch(() => {
    throw new Error(`the video was not ready in 180 s; ${workerSaid()}`);
  });
  await page.getByRole('img', { name: `Ảnh bìa của video “${clipName}”` }).waitFor();
  await expectAccessible(page, 'video-ready');

  // Readiness before the captions: submitting names the missing Vietnamese captions, with a link to the field.
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Chưa gửi duyệt được' });
  await refused.waitFor();
  const missing = refused.getByRole('link', {
    name: `Bài 2: video “${clipName}” chưa có phụ đề tiếng Việt.`,
  });
  await missing.waitFor();
  expect(await refused.getByRole('listitem').count()).toBe(1);
  await expectAccessible(page, 'readiness-captions-missing');
  await missing.click();
  await focusOn(page.locator('#lesson-1-captions-vi'));

  // Vietnamese captions, then a question pinned at 0:03 (its first option the right one).
  await page.locator('#lesson-1-captions-vi').setInputFiles(captions);
  await page.getByRole('status').filter({ hasText: 'Đã lưu phụ đề tiếng Việt: 2 câu' }).waitFor();
  await page.getByRole('button', { name: 'Thêm câu hỏi trong video' }).click();
  const at = page.locator('#lesson-1-q-0-at');
  await at.fill('0:03');
  await at.blur();
  await page.getByRole('heading', { name: 'Câu hỏi 1 (lúc 0:03)' }).waitFor();
  await page.locator('#lesson-1-q-0-prompt-vi').fill('Khoá màn hình nằm ở mục nào?');
  await page.locator('#lesson-1-q-0-opt-0-vi').fill('Bảo mật');
  await page.locator('#lesson-1-q-0-opt-1-vi').fill('Tin nhắn');
  await page.locator('#lesson-1-q-0-opt-0-correct').check();
  await page.locator('#lesson-1-q-0-explanation-vi').fill('Cài đặt, mục Bảo mật.');
  await expectAccessible(page, 'video-question');

  // Lesson 3: a document, a real PDF uploaded on the page.
  await page.getByRole('button', { name: 'Thêm bài tài liệu' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm bài tài liệu mới ở vị trí 3.' }).waitFor();
  await page.locator('#lesson-2-title-vi').fill(LESSONS[2]);
  await page.locator('#lesson-2-upload').setInputFiles(pdf);
  await page
    .getByRole('status')
    .filter({ hasText: `Đã tải lên “${pdfName}” và chọn cho bài này.` })
    .waitFor({ timeout: 60_000 });
  // The course's list of materials is fetched again; then the uploaded file is the chosen one.
  await page.waitForFunction(
    (name) =>
      document.querySelector<HTMLSelectElement>('#lesson-2-material')?.selectedOptions[0]?.text === name,
    pdfName,
  );
  await page.locator('#lesson-2-body-vi').fill('In tờ này ra và dán cạnh bàn để nhớ các bước.');
  await expectAccessible(page, 'document-lesson');

  // Lesson 4: the quiz, four questions for a draw of two (twice the draw: no warning left).
  await page.getByRole('button', { name: 'Thêm bài kiểm tra' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm bài kiểm tra mới ở vị trí 4.' }).waitFor();
  await page.locator('#lesson-3-title-vi').fill(LESSONS[3]);
  await page.getByRole('spinbutton', { name: 'Số câu hỏi mỗi lần làm bài' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Điểm đạt (%)' }).fill('80');
  const quizReview = page.getByRole('region', { name: 'Bài kiểm tra cần xem lại' });
  await quizReview.getByText('Bài 4: bài kiểm tra chưa có câu hỏi nào.').waitFor();
  for (const [j, q] of QUIZ.entries()) {
    await page
      .getByRole('button', { name: q.kind === 'single' ? 'Thêm câu một đáp án' : 'Thêm câu đúng/sai' })
      .click();
    await page.locator(`#lesson-3-q-${j}-prompt-vi`).fill(q.prompt);
    if (q.kind === 'single') {
      for (const [k, text] of q.options.entries())
        await page.locator(`#lesson-3-q-${j}-opt-${k}-vi`).fill(text);
      await page.locator(`#lesson-3-q-${j}-opt-${q.right}-correct`).check();
    } else await page.locator(`#lesson-3-q-${j}-answer-${q.answer}`).check();
    await page.locator(`#lesson-3-q-${j}-explanation-vi`).fill(q.explanation);
    if (j === 0) await expectAccessible(page, 'quiz-first-question');
  }
  await quizReview.waitFor({ state: 'detached' });
  await expectAccessible(page, 'quiz-editor');

  // Saved, then submitted: readiness finds nothing missing.
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp lúc' }).waitFor();
  await page.getByText('Mọi thay đổi đã được lưu.').waitFor();
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  const reviewPanel = page.getByRole('region', { name: 'Duyệt trước khi xuất bản' });
  await reviewPanel.getByText('Đang chờ duyệt', { exact: true }).waitFor();
  expect(await refused.count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Xuất bản khóa học' }).count()).toBe(0);
  await expectAccessible(page, 'editor-submitted');
  const saved = await apiFromPage<{
    draft: { problems: unknown[]; document: { lessons: Array<{ kind: string }> } };
  }>(page, 'GET', `/teaching/courses/${courseId}`);
  expect(saved.draft.problems).toEqual([]);
  expect(saved.draft.document.lessons.map((l) => l.kind)).toEqual(['text', 'video', 'document', 'quiz']);

  // ---------- 2. The reviewer approves it from the queue. ----------
  const r = reviewer.page;
  await r.goto('/me/learning');
  await r.getByRole('button', { name: 'Tài khoản' }).click();
  await r.locator('#account-menu').getByRole('link', { name: 'Duyệt khóa học' }).click();
  await heading(r, 'Khóa học chờ duyệt');
  const card = r.getByRole('listitem').filter({ has: r.getByRole('link', { name: title, exact: true }) });
  await card.getByText(`Người gửi: Cô Lan Dạy Số ${tag}`).waitFor();
  await expectAccessible(r, 'review-queue');
  await card.getByRole('link', { name: title, exact: true }).click();
  await r.waitForURL(`**/teaching/reviews/${courseId}`);
  await heading(r, title);
  for (const lesson of LESSONS)
    await r
      .getByRole('region', { name: new RegExp(`^${lesson}`) })
      .getByText('Bài mới', { exact: true })
      .waitFor();
  await expectAccessible(r, 'review-page');
  await r.getByRole('button', { name: 'Duyệt bản nháp này' }).click();
  await r.getByRole('status').filter({ hasText: 'Đã duyệt. Giáo viên có thể xuất bản khóa học.' }).waitFor();
  await r.getByText('Đã được duyệt', { exact: true }).waitFor();
  await expectAccessible(r, 'review-approved');

  // ---------- 3. The teacher publishes. ----------
  await page.reload();
  await heading(page, title);
  await reviewPanel.getByText('Đã được duyệt', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Xuất bản khóa học' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 1.' }).waitFor();
  await expectAccessible(page, 'editor-published');

  // ---------- 4. The learner enrols and reads the text lesson. ----------
  const l = learner.page;
  await l.goto(`/courses/${courseId}`);
  await heading(l, title);
  const outline = l.getByRole('region', { name: 'Nội dung khóa học' });
  for (const lesson of LESSONS) await outline.getByText(lesson, { exact: true }).first().waitFor();
  await expectAccessible(l, 'course-page');
  await l.getByRole('button', { name: 'Đăng ký học' }).click();
  await l.getByRole('status').filter({ hasText: 'Đăng ký thành công' }).waitFor();
  await expectAccessible(l, 'course-enrolled');
  await l.getByRole('link', { name: 'Bắt đầu học' }).click();
  await heading(l, LESSONS[0]);
  const textLessonId = new URL(l.url()).pathname.split('/').pop()!;
  // Too soon to complete: the reading clock has only just started.
  const complete = l.getByRole('button', { name: 'Đánh dấu đã học xong' });
  expect(await complete.isDisabled()).toBe(true);
  await expectAccessible(l, 'text-lesson-start');
  // Ten minutes of reading on the server's clock (the reading clock follows the database's now()).
  const backdated = await db().query(
    `UPDATE enrolments SET current_lesson_since = now() - interval '10 minutes'
      WHERE user_id = $1 AND current_lesson_id = $2`,
    [learner.id, textLessonId],
  );
  expect(backdated.rowCount).toBe(1);
  await l.reload();
  await heading(l, LESSONS[0]);
  await l.getByText('Hết bài', { exact: true }).scrollIntoViewIfNeeded();
  await l.getByRole('status').filter({ hasText: 'Bạn đã đọc xong' }).waitFor();
  await complete.click();
  await l.getByRole('status').filter({ hasText: 'Tuyệt vời! Bạn đã học xong bài này.' }).waitFor();
  await expectAccessible(l, 'text-lesson-done');

  // ---------- 5. The video, at its normal speed; the pinned question answered with the keyboard. ----------
  await l.getByRole('link', { name: /^Học bài tiếp theo/ }).click();
  const videoTitle = LESSONS[1];
  await heading(l, videoTitle);
  const player = l.getByRole('region', { name: `Trình phát video: ${videoTitle}` });
  await player.waitFor();
  await l.locator('video').evaluate(
    (video: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        if (video.readyState >= 1) resolve();
        else video.addEventListener('loadedmetadata', () => resolve(), { once: true });
      }),
  );
  await expectAccessible(l, 'video-lesson');
  await player.getByRole('button', { name: 'Phát video' }).click();
  // The Vietnamese captions show while it plays.
  await player.locator('.vjs-text-track-cue').first().waitFor();
  expect(await l.locator('video').evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1);

  const watchedAll = l.getByRole('status').filter({ hasText: 'Bạn đã xem xong video' });
  const dialog = l.getByRole('dialog', { name: 'Câu hỏi lúc 0:03' });
  let answered = false;
  const until = Date.now() + 120_000;
  while (!answered) {
    if (Date.now() > until) throw new Error('the video never stopped at its question');
    await dialog.or(watchedAll).first().waitFor({ timeout: 60_000 });
    expect(await watchedAll.isVisible()).toBe(false); // the video cannot be done before the question
    expect(await l.locator('video').evaluate((v: HTMLVideoElement) => v.paused)).toBe(true);
    await focusOn(dialog.getByRole('heading', { name: 'Câu hỏi lúc 0:03' }));
    await expectAccessible(l, 'video-question-asked');
    // Keyboard only: Tab to the choices (in the learner's own order), arrows to "Bảo mật", Space picks it, Tab
    // to "Trả lời", Enter.
    await l.keyboard.press('Tab');
    const choice = dialog.getByRole('radio', { name: 'Bảo mật' });
    for (let i = 0; i < 2 && !(await choice.evaluate((el) => el === document.activeElement)); i++)
      await l.keyboard.press('ArrowDown');
    await focusOn(choice);
    await l.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    await l.keyboard.press('Tab');
    await focusOn(dialog.getByRole('button', { name: 'Trả lời' }));
    await l.keyboard.press('Enter');
    const right = dialog.getByText('Đúng rồi!');
    const notReached = dialog.getByRole('alert').filter({ hasText: 'Bạn chưa xem đến đoạn này' });
    await right.or(notReached).first().waitFor();
    if (await notReached.isVisible()) {
      // The pause's heartbeat had not reached the server yet: Esc rewinds a little and the video plays on.
      await l.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      continue;
    }
    await expectAccessible(l, 'video-question-answered');
    await l.keyboard.press('Tab');
    await focusOn(dialog.getByRole('button', { name: 'Tiếp tục xem' }));
    await l.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    answered = true;
  }
  await watchedAll.waitFor({ timeout: 60_000 });
  const watched = l.getByRole('progressbar', { name: /^Bạn đã xem \d+% video\.$/ });
  expect(await watched.evaluate((el) => (el as HTMLProgressElement).value)).toBeGreaterThanOrEqual(90);
  await l.getByRole('region', { name: 'Câu hỏi trong video' }).getByText('Đã trả lời: đúng').waitFor();
  await expectAccessible(l, 'video-watched');

  // ---------- 6. The document, opened. ----------
  await l.getByRole('link', { name: /^Học bài tiếp theo/ }).click();
  await heading(l, LESSONS[2]);
  const open = l.getByRole('link', { name: /^Mở tài liệu/ });
  await expectAccessible(l, 'document-lesson');
  const href = (await open.getAttribute('href'))!;
  const tab = l.context().waitForEvent('page');
  await open.click();
  await (await tab).close();
  await l.getByRole('status').filter({ hasText: 'Bạn đã mở tài liệu. Bài học đã hoàn thành.' }).waitFor();
  const served = await l.evaluate(async (url) => {
    const response = await fetch(url);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      start: String.fromCharCode(...bytes.slice(0, 5)),
    };
  }, href);
  expect(served).toEqual({ status: 200, type: 'application/pdf', start: '%PDF-' });
  await expectAccessible(l, 'document-opened');

  // ---------- 7. The quiz, passed. ----------
  await l.getByRole('link', { name: /^Học bài tiếp theo/ }).click();
  await heading(l, LESSONS[3]);
  const quizPanel = l.getByRole('region', { name: 'Làm bài kiểm tra' });
  await quizPanel.getByRole('button', { name: 'Bắt đầu làm bài' }).waitFor();
  await expectAccessible(l, 'quiz-intro');
  await quizPanel.getByRole('button', { name: 'Bắt đầu làm bài' }).click();
  const attempt = l.getByRole('region', { name: 'Lần làm bài thứ 1' });
  await attempt.waitFor();
  const groups = attempt.getByRole('group', { name: /^Câu \d\/2/ });
  await groups.first().waitFor();
  expect(await groups.count()).toBe(2);
  let drawn = 0;
  for (const q of QUIZ) {
    const group = attempt.getByRole('group').filter({ hasText: q.prompt });
    if ((await group.count()) === 0) continue;
    drawn += 1;
    const answer = q.kind === 'single' ? q.options[q.right]! : q.answer ? 'Đúng' : 'Sai';
    await group.getByRole('radio', { name: answer, exact: true }).check();
  }
  expect(drawn).toBe(2);
  await expectAccessible(l, 'quiz-answered');
  await attempt.getByRole('button', { name: 'Nộp bài' }).click();
  const result = l.getByRole('region', { name: 'Kết quả lần làm bài thứ 1' });
  await result.getByText(/Đạt! Bạn trả lời đúng 100%/).waitFor();
  await result.getByRole('heading', { name: 'Chúc mừng! Bạn đã hoàn thành khóa học' }).waitFor();
  await expectAccessible(l, 'quiz-passed');

  // ---------- 8. The certificate, issued by the worker, and its public verification page. ----------
  await result.getByRole('link', { name: 'Xem chứng chỉ của tôi' }).click();
  await heading(l, 'Chứng chỉ của tôi');
  const certificate = l.getByRole('listitem').filter({ has: l.getByRole('heading', { name: title }) });
  const valid = certificate.getByText('Trạng thái: Hợp lệ');
  const issuedBy = Date.now() + 120_000;
  while (!(await valid.isVisible())) {
    if (Date.now() > issuedBy) throw new Error(`no certificate was issued in 120 s; ${workerSaid()}`);
    // Still being issued: the page's own refresh button, as a learner would press it.
    const refresh = l.getByRole('button', { name: 'Tải lại danh sách' });
    if (await refresh.isVisible()) await refresh.click();
    await valid.waitFor({ timeout: 3000 }).catch(() => undefined);
  }
  await certificate.getByText(/^HVS-\d{4}-/).waitFor();
  await expectAccessible(l, 'certificates');
  const verify = certificate.getByRole('link', { name: /^Xem trang xác minh/ });
  const verifyPath = (await verify.getAttribute('href'))!;
  expect(verifyPath).toMatch(/\/verify\/[0-9a-f-]{36}$/);
  await verify.click();
  await heading(l, 'Xác minh chứng chỉ');
  await l.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();
  const claims = l.getByRole('region', { name: 'Thông tin ghi trên chứng chỉ' });
  await claims.getByText(learnerName).waitFor();
  await claims.getByText(title).waitFor();
  await expectAccessible(l, 'verify');

  // Anyone with the link sees the same, without signing in.
  const visitor = await newPhone();
  await visitor.goto(verifyPath);
  await heading(visitor, 'Xác minh chứng chỉ');
  await visitor.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();
  await visitor.getByRole('region', { name: 'Thông tin ghi trên chứng chỉ' }).getByText(title).waitFor();
  await expectAccessible(visitor, 'verify-public');

  // Exactly one certificate for the enrolment.
  const { rows } = await db().query<{ count: string }>(
    `SELECT count(*) FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
      WHERE e.user_id = $1 AND e.course_id = $2`,
    [learner.id, courseId],
  );
  expect(Number(rows[0]!.count)).toBe(1);
  expect(pageErrors).toEqual([]);
  process.stdout.write(`teacher-to-certificate journey: ${Math.round((Date.now() - started) / 1000)} s\n`);
});
