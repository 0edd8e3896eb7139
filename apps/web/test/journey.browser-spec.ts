/**
 * The learner journey in a real browser on a phone-sized screen, with axe on every page:
 * find a course without typing diacritics → enrol (signing up on the way, enrolled on coming back) → read
 * and complete the first lesson → see the progress in My learning → switch to English → sign out (account
 * menu) and in again.
 *
 * Needs E2E_BASE_URL (the api serving the built web app, content imported) and E2E_DATABASE_URL (its
 * Postgres, used only to backdate the reading start instead of waiting the real minimum reading time). The
 * reading countdown follows the server's clock, so moving the database clock is all it takes.
 * Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every checked page.
 */
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { heading, usePhoneHarness } from './support/phone-harness';

const COURSE_ID = 'smartphone-basics';
const PASSWORD = 'mat-khau-an-toan-2026';

jest.setTimeout(120_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the browser journey',
  database: true,
});
let page: Page;

beforeAll(async () => {
  // No service worker: step 5 replaces the lesson's api answer with page.route, which does not see the requests a
  // service worker makes (the installed app has its own journey: offline.browser-spec).
  page = await newPhone({ serviceWorkers: 'block' });
});

async function backdateReadingStart(lessonId: string, email: string): Promise<void> {
  const result = await db().query(
    `UPDATE enrolments SET current_lesson_since = now() - interval '10 minutes'
      WHERE current_lesson_id = $1 AND user_id = (SELECT id FROM users WHERE email = $2)`,
    [lessonId, email],
  );
  expect(result.rowCount).toBe(1);
}

it('lets a new learner find a course, enrol, complete a lesson and keep the progress', async () => {
  const email = `learner-${randomUUID().slice(0, 12)}@example.com`;

  // 1. The catalogue, searched without diacritics.
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');
  expect(await page.locator('html').getAttribute('lang')).toBe('vi');
  const results = page.getByRole('region', { name: 'Kết quả' });
  await results.getByRole('listitem').first().waitFor();
  await expectAccessible(page, 'catalogue');

  await page.getByLabel('Tìm khóa học').fill('dien thoai');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.getByRole('status').filter({ hasText: 'cho “dien thoai”' }).waitFor();
  // Several courses speak of phones (easy-vietnamese-first-steps too): the smartphone course is among them.
  const courseLink = results.getByRole('link', { name: /^Dùng điện thoại thông minh/ });
  expect(await courseLink.getAttribute('href')).toBe(`/courses/${COURSE_ID}`);
  await expectAccessible(page, 'search-results');

  // 2. The course page: facts and outline, readable before signing in.
  await courseLink.click();
  await page.waitForURL(`**/courses/${COURSE_ID}`);
  await heading(page, /điện thoại/i);
  const outline = page.getByRole('region', { name: 'Nội dung khóa học' });
  await outline.getByRole('heading', { level: 3 }).first().waitFor();
  const lessonItems = outline.getByRole('listitem');
  expect(await lessonItems.count()).toBeGreaterThanOrEqual(2);
  expect(await lessonItems.first().textContent()).toMatch(/Bài đọc/);
  expect(await page.getByText('Có, khi bạn hoàn thành khóa học').count()).toBe(1);
  await expectAccessible(page, 'course-anonymous');

  // 3. Enrolling needs an account: sign-in page first, then sign up.
  await page.getByRole('button', { name: 'Đăng ký học' }).click();
  await page.waitForURL(/\/sign-in\?next=/);
  await heading(page, 'Đăng nhập');
  await expectAccessible(page, 'sign-in');
  await page.getByRole('link', { name: 'Tạo tài khoản miễn phí' }).click();
  await page.waitForURL(/\/sign-up\?next=/);
  await heading(page, 'Tạo tài khoản');

  // Submitting an empty form explains each problem next to its field.
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.getByRole('alert').filter({ hasText: 'Thông tin chưa đúng' }).waitFor();
  const nameInput = page.getByLabel('Họ và tên');
  expect(await nameInput.getAttribute('aria-invalid')).toBe('true');
  expect(await nameInput.evaluate((el) => el === document.activeElement)).toBe(true);
  await expectAccessible(page, 'sign-up-errors');

  await nameInput.fill('Nguyễn Thị Lan');
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  // The optional place-and-group step after sign-up: skipped here (docs/learners.md).
  await heading(page, 'Bạn thuộc nhóm nào, sống ở đâu?');
  await page.getByRole('button', { name: 'Để sau' }).click();

  // 4. Back at the course, signed in, and enrolled: "Enrol" was pressed before signing up, once is enough.
  await page.waitForURL(`**/courses/${COURSE_ID}`);
  await heading(page, /điện thoại/i);
  await page.getByRole('link', { name: 'Việc học của tôi' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Đăng ký thành công' }).waitFor();
  expect(await page.getByRole('button', { name: 'Đăng ký học' }).count()).toBe(0);
  await outline.getByText('Chưa học').first().waitFor();
  await expectAccessible(page, 'course-enrolled');

  // 5. The first lesson (a text lesson): read to the end, wait, complete.
  const firstLessonTitle =
    (await outline.getByRole('listitem').first().getByRole('link').textContent()) ?? '';
  await page.getByRole('link', { name: 'Bắt đầu học' }).click();
  await page.waitForURL(/\/lessons\/[0-9a-f-]{36}$/);
  await heading(page, firstLessonTitle);
  const lessonId = new URL(page.url()).pathname.split('/').pop()!;
  const complete = page.getByRole('button', { name: 'Đánh dấu đã học xong' });
  expect(await complete.isDisabled()).toBe(true);
  await page.getByText('Hãy đọc đến cuối bài').waitFor();
  await expectAccessible(page, 'lesson-start');

  await page.getByText('Hết bài', { exact: true }).scrollIntoViewIfNeeded();
  await page.getByText(/Bạn có thể đánh dấu đã học xong sau/).waitFor();
  expect(await complete.isDisabled()).toBe(true);

  // Should the page ever believe the time is up before the server does (an old copy of the lesson, say),
  // the server's answer wins and says how long is left. Simulated by a lesson that claims no time is left.
  const lessonUrl = `**/api/lessons/${lessonId}?*`;
  await page.route(lessonUrl, async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, readSecondsRemaining: 0 } });
  });
  await page.reload();
  await heading(page, firstLessonTitle);
  await page.getByText('Hết bài', { exact: true }).scrollIntoViewIfNeeded();
  await complete.click();
  await page.getByRole('status').filter({ hasText: 'Bạn đọc hơi nhanh' }).waitFor();
  expect(await complete.isDisabled()).toBe(true);
  await expectAccessible(page, 'lesson-too-soon');
  await page.unroute(lessonUrl);

  // Ten minutes of reading, on the server's clock: the reloaded lesson says no time is left.
  await backdateReadingStart(lessonId, email);
  await page.reload();
  await heading(page, firstLessonTitle);
  await page.getByText('Hết bài', { exact: true }).scrollIntoViewIfNeeded();
  await complete.click();
  await page.getByRole('status').filter({ hasText: 'Tuyệt vời! Bạn đã học xong bài này.' }).waitFor();
  const nextLesson = page.getByRole('link', { name: /^Học bài tiếp theo/ });
  await nextLesson.waitFor();
  expect(await nextLesson.evaluate((el) => el === document.activeElement)).toBe(true);
  await expectAccessible(page, 'lesson-completed');

  // 6. My learning shows the progress.
  await page.getByRole('link', { name: 'Việc học của tôi' }).click();
  await page.waitForURL('**/me/learning');
  await heading(page, 'Việc học của tôi');
  const progress = page.getByRole('progressbar', { name: /^Đã học 1\/\d+ bài \(\d+%\)$/ });
  await progress.waitFor();
  expect(await progress.evaluate((el) => (el as HTMLProgressElement).value)).toBe(1);
  await page.getByRole('heading', { level: 2, name: /điện thoại/i }).waitFor();
  await expectAccessible(page, 'my-learning');

  // 7. English, remembered on this device.
  await page.getByRole('button', { name: 'English' }).click();
  await heading(page, 'My learning');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  expect(await page.getByRole('button', { name: 'Tiếng Việt' }).getAttribute('lang')).toBe('vi');
  await page.getByRole('progressbar', { name: /^1\/\d+ lessons done/ }).waitFor();
  await expectAccessible(page, 'my-learning-en');

  // 8. Sign out, then sign in again (a wrong password first).
  // Signing out lives in the account menu.
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('status').filter({ hasText: 'You have signed out' }).waitFor();
  await heading(page, 'Digital-skills courses');
  await expectAccessible(page, 'signed-out-en');

  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await heading(page, 'Sign in');
  await page.getByLabel('Email or phone number').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'password is not right' }).waitFor();
  await expectAccessible(page, 'sign-in-wrong-password-en');

  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/me/learning');
  await heading(page, 'My learning');
  await page.getByRole('progressbar', { name: /^1\/\d+ lessons done/ }).waitFor();

  // A full reload keeps the language and the session.
  await page.reload();
  await heading(page, 'My learning');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.getByRole('progressbar', { name: /^1\/\d+ lessons done/ }).waitFor();
  await expectAccessible(page, 'my-learning-after-sign-in-en');

  expect(pageErrors).toEqual([]);
});
