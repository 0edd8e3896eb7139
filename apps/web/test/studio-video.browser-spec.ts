/**
 * A video lesson in the teaching studio on a phone (360 × 740), with axe (WCAG 2.2 A/AA) on every state: a
 * teacher adds a video lesson, uploads a real short clip (made here with the npm ffmpeg: a test pattern and a
 * tone) over tus, through a connection that drops once in the middle (the upload goes on from the server's
 * offset), sees the progress bar, then the transcoding done by the real worker (started here on the browser
 * tier's database, Redis and storage) and the poster; a caption file with a cue past the end is refused line by
 * line, a good Vietnamese one is kept; a question is pinned at a time; and submitting for review finds nothing
 * missing (the lesson is ready).
 * Needs the browser project's global setup and a built dist/ (api, web app and worker).
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startWorker, stopWorker } from './support/course-completion';
import { webVtt as vtt, writeClip } from './support/media-files';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const PASSWORD = 'mat-khau-an-toan-2026';
const SECONDS = 4;

jest.setTimeout(300_000);

const { newPhone, expectAccessible, pageErrors, baseUrl, databaseUrl } = usePhoneHarness({
  purpose: 'the studio video lesson',
  database: true,
  screenshotPrefix: 'studio-video',
  fitsPhoneWidth: true,
});

let worker: ChildProcess | undefined;
const workerOutput: string[] = [];
let dir: string;
beforeAll(() => {
  worker = startWorker(baseUrl(), databaseUrl(), workerOutput);
  dir = mkdtempSync(join(tmpdir(), 'hvs-studio-video-browser-'));
});
afterAll(async () => {
  await stopWorker(worker);
  rmSync(dir, { recursive: true, force: true });
});

async function newTeacher(): Promise<Page> {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: 'Cô Hạnh dạy video',
    identifier: `video-teacher-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  const admin = await newPhone();
  await signIn(admin, 'system-admin@demo.hocvuso.example', 'hocvuso-demo');
  await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: id, role: 'teacher' });
  await admin.context().close();
  return page;
}

it('uploads a video through a dropped connection, waits for transcoding, adds vi captions and a question, and the lesson is ready', async () => {
  const tag = randomUUID().slice(0, 6);
  const courseId = `video-dien-thoai-${tag}`;
  const clip = join(dir, 'khoa-man-hinh.mp4');
  writeClip(clip, SECONDS);
  const badCaptions = join(dir, 'qua-gio.vi.vtt');
  writeFileSync(
    badCaptions,
    vtt([
      [0, 2, 'Xin chào.'],
      [2, SECONDS + 3, 'Câu này dài quá video.'],
    ]),
  );
  const goodCaptions = join(dir, 'phu-de.vi.vtt');
  writeFileSync(
    goodCaptions,
    vtt([
      [0, 2, 'Xin chào các bác.'],
      [2, 3.8, 'Mở Cài đặt, chọn Bảo mật.'],
    ]),
  );

  const page = await newTeacher();
  // The course and its description through the api; the video lesson through the page.
  await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title: `Khoá màn hình ${tag}` });
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: {
      defaultLanguage: 'vi',
      languages: ['vi'],
      title: { vi: `Khoá màn hình ${tag}` },
      summary: { vi: 'Giữ điện thoại an toàn khi để quên.' },
      description: { vi: 'Một bài video ngắn.' },
      targetGroups: ['citizens'],
      subGroups: [],
      competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
      certificate: false,
      lessons: [],
    },
  });
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, `Khoá màn hình ${tag}`);

  await page.getByRole('button', { name: 'Thêm bài video' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm bài video mới ở vị trí 1.' }).waitFor();
  await page.locator('#lesson-0-title-vi').fill('Xem cách khoá màn hình');
  await expectAccessible(page, 'video-lesson-new');

  // The first piece of the upload is cut off mid-way; tus-js-client asks the server where it stopped and goes on.
  let dropped = 0;
  await page.route('**/videos/uploads/*', async (route) => {
    if (route.request().method() === 'PATCH' && dropped === 0) {
      dropped += 1;
      await route.abort('connectionreset');
    } else await route.continue();
  });
  await page.locator('#lesson-0-video-upload').setInputFiles(clip);
  await page
    .getByRole('status')
    .filter({ hasText: 'Đã tải lên “khoa-man-hinh.mp4” và chọn cho bài này.' })
    .waitFor({ timeout: 60_000 });
  expect(dropped).toBe(1);
  await page.unroute('**/videos/uploads/*');
  const videoId = await page.locator('#lesson-0-video').inputValue();
  expect(videoId).toMatch(/^[0-9a-f-]{36}$/);

  // Transcoding by the running worker: the progress bar (labelled, with its percentage), then the poster.
  const ready = page.getByText('Video “khoa-man-hinh.mp4” đã sẵn sàng.');
  const transcoding = page.getByLabel(/Đang chuyển mã video: \d+ %/);
  await Promise.race([ready.waitFor({ timeout: 120_000 }), transcoding.waitFor({ timeout: 120_000 })]).catch(
    () => {
      throw new Error(`no transcoding in 120 s; worker said:\n${workerOutput.join('')}`);
    },
  );
  if (await transcoding.isVisible()) {
    expect(await transcoding.evaluate((el) => el.tagName)).toBe('PROGRESS');
    await expectAccessible(page, 'video-transcoding');
  }
  await ready.waitFor({ timeout: 120_000 }).catch(() => {
    throw new Error(`the video was not ready in 120 s; worker said:\n${workerOutput.join('')}`);
  });
  const poster = page.getByRole('img', { name: 'Ảnh bìa của video “khoa-man-hinh.mp4”' });
  await poster.waitFor();
  await page.waitForFunction(
    () => ((document.querySelector('img.video-poster') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0,
  );
  await expectAccessible(page, 'video-ready');

  // Captions: a cue past the end of the video is refused, naming its line; nothing is kept.
  await page.locator('#lesson-0-captions-vi').setInputFiles(badCaptions);
  await page.getByText('Chưa lưu: tệp có 1 lỗi, xem từng dòng bên dưới.').waitFor();
  await page.getByText('Dòng 6: câu này kết thúc sau khi video đã hết.').waitFor();
  await expectAccessible(page, 'captions-refused');
  await page.locator('#lesson-0-captions-vi').setInputFiles(goodCaptions);
  await page.getByRole('status').filter({ hasText: 'Đã lưu phụ đề tiếng Việt: 2 câu' }).waitFor();
  await page.getByText('Dòng 6: câu này kết thúc sau khi video đã hết.').waitFor({ state: 'detached' });

  // A question pinned at 0:02.
  await page.getByRole('button', { name: 'Thêm câu hỏi trong video' }).click();
  const time = page.locator('#lesson-0-q-0-at');
  await time.fill('0:02');
  await time.blur();
  await page.getByRole('heading', { name: 'Câu hỏi 1 (lúc 0:02)' }).waitFor();
  await page.locator('#lesson-0-q-0-prompt-vi').fill('Khoá màn hình nằm ở đâu?');
  await page.locator('#lesson-0-q-0-opt-0-vi').fill('Trong Cài đặt');
  await page.locator('#lesson-0-q-0-opt-1-vi').fill('Trong Tin nhắn');
  await page.locator('#lesson-0-q-0-explanation-vi').fill('Cài đặt, mục Bảo mật.');
  await expectAccessible(page, 'video-question');

  // Saved and sent to review: nothing is missing.
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp' }).waitFor();
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await page.getByText('Đã gửi duyệt. Người duyệt sẽ xem bản nháp này.').waitFor();
  await expectAccessible(page, 'video-lesson-submitted');
  const course = await apiFromPage<{
    draft: { problems: unknown[]; document: { lessons: Array<Record<string, unknown>> } };
  }>(page, 'GET', `/teaching/courses/${courseId}`);
  expect(course.draft.problems).toEqual([]);
  expect(course.draft.document.lessons[0]).toMatchObject({
    kind: 'video',
    videoId,
    questions: [{ at: 2, type: 'single', prompt: { vi: 'Khoá màn hình nằm ở đâu?' } }],
  });
  expect(pageErrors).toEqual([]);
});
