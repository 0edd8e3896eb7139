/**
 * The small things that stopped a first-time phone user (issue 16, item 9), each on a 360 px screen with axe:
 * a sign-up refused by the server says so where the person is looking; "Enrol" pressed before having an account
 * is carried out after signing up (by way of the header's sign-up tab), and "next" never leaves the site; a search
 * brings its results' heading, with the count, into view and focus; a lesson says "Bài 2/8" and lists the
 * course's lessons; captions take at most two lines at the size the learner picks; the video player speaks
 * Vietnamese to screen readers, its seek slider included.
 *
 * Needs E2E_BASE_URL (the api serving the built web app, content imported).
 */
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { heading, usePhoneHarness } from './support/phone-harness';

const COURSE_ID = 'online-scams';
const COURSE_PATH = `/courses/${COURSE_ID}`;
const VIDEO_TITLE = 'Nhận biết cuộc gọi lừa đảo trong 1 phút';
const PASSWORD = 'mat-khau-an-toan-2026';
const PHONE_HEIGHT = 740;

jest.setTimeout(180_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the first-use browser checks',
  screenshotPrefix: 'first-use',
  fitsPhoneWidth: true,
  lastScreenshot: 'first-use-last',
});

/** The focused element's position on the screen: its top edge is within the phone's screen. */
async function focusedInView(page: Page): Promise<{ top: number; bottom: number }> {
  return page.evaluate(() => {
    const rect = document.activeElement!.getBoundingClientRect();
    return { top: Math.round(rect.top), bottom: Math.round(rect.bottom) };
  });
}

/** Fills the sign-up form; the submit button is then pressed from the bottom of the screen, as on a phone. */
async function fillSignUp(page: Page, name: string, identifier: string): Promise<void> {
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Email hoặc số điện thoại').fill(identifier);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).scrollIntoViewIfNeeded();
}

let learner: Page;

it('shows a sign-up the server refuses where the person is looking, with the way on', async () => {
  const page = await newPhone();
  await page.goto(`/sign-up?next=${encodeURIComponent(COURSE_PATH)}`);
  await heading(page, 'Tạo tài khoản');
  await fillSignUp(page, 'Lò Thị Mai', 'learner@demo.hocvuso.example');
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'đã có tài khoản' });
  await summary.waitFor();
  // The focus is on the message (not left on the page body), and the message is on the screen.
  expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
  const { top, bottom } = await focusedInView(page);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(bottom).toBeLessThanOrEqual(PHONE_HEIGHT);
  // Signing in instead keeps where the person was going.
  expect(await summary.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe(
    `/sign-in?next=${encodeURIComponent(COURSE_PATH)}`,
  );
  await expectAccessible(page, 'sign-up-account-exists');

  // A second refused submit brings the focus back to the message.
  await page.getByRole('button', { name: 'Tạo tài khoản' }).focus();
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary') === true);
});

it('enrols the person who pressed "Enrol" before having an account, once signed up by the header tab', async () => {
  learner = await newPhone();
  const email = `first-${randomUUID().slice(0, 12)}@example.com`;
  await learner.goto(COURSE_PATH);
  await heading(learner, /lừa đảo/i);
  await learner.getByRole('button', { name: 'Đăng ký học' }).click();
  await learner.waitForURL(/\/sign-in\?next=/);
  await heading(learner, 'Đăng nhập');

  // The header's sign-up tab keeps where the person was going.
  const nav = learner.getByRole('navigation', { name: 'Điều hướng chính' });
  const signUpTab = nav.getByRole('link', { name: 'Tạo tài khoản' });
  expect(await signUpTab.getAttribute('href')).toBe(`/sign-up?next=${encodeURIComponent(COURSE_PATH)}`);
  await signUpTab.click();
  await learner.waitForURL(`**/sign-up?next=${encodeURIComponent(COURSE_PATH)}`);
  await heading(learner, 'Tạo tài khoản');
  // And back to the sign-in tab, the same.
  expect(await nav.getByRole('link', { name: 'Đăng nhập' }).getAttribute('href')).toBe(
    `/sign-in?next=${encodeURIComponent(COURSE_PATH)}`,
  );

  await fillSignUp(learner, 'Lò Văn Minh', email);
  await learner.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await heading(learner, 'Bạn thuộc nhóm nào, sống ở đâu?');
  await learner.getByRole('button', { name: 'Để sau' }).click();

  // Back at the course, enrolled: nothing asks for an account or to enrol again.
  await learner.waitForURL(`**${COURSE_PATH}`);
  await learner.getByRole('status').filter({ hasText: 'Đăng ký thành công' }).waitFor();
  const start = learner.getByRole('link', { name: 'Bắt đầu học' });
  await start.waitFor();
  expect(await start.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await learner.getByRole('button', { name: 'Đăng ký học' }).count()).toBe(0);
  expect(await learner.getByText('Bạn cần có tài khoản').count()).toBe(0);
  await expectAccessible(learner, 'course-enrolled-after-sign-up');

  // The wish was used up: the next visit enrols nobody again and shows the progress.
  await learner.reload();
  await start.waitFor();
  expect(await learner.getByRole('status').filter({ hasText: 'Đăng ký thành công' }).count()).toBe(0);
});

it('never sends anyone off the site after signing in, whatever "next" says', async () => {
  let dialogs = 0;
  learner.on('dialog', (dialog) => {
    dialogs += 1;
    void dialog.dismiss();
  });
  const origin = new URL(learner.url()).origin;
  for (const next of [
    '//evil.com',
    'https://evil.com',
    '/\\evil.com',
    'javascript:alert(1)',
    '/..//evil.com',
    '/%2e%2e//evil.com',
  ]) {
    await learner.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await learner.waitForURL('**/me/learning');
    expect([next, new URL(learner.url()).origin]).toEqual([next, origin]);
  }
  expect(dialogs).toBe(0);

  // Signed out, the header's tabs do not pass such a "next" on either.
  const visitor = await newPhone();
  await visitor.goto(`/sign-in?next=${encodeURIComponent('//evil.com')}`);
  await heading(visitor, 'Đăng nhập');
  const nav = visitor.getByRole('navigation', { name: 'Điều hướng chính' });
  expect(await nav.getByRole('link', { name: 'Tạo tài khoản' }).getAttribute('href')).toBe('/sign-up');
});

it('brings the search results, with their count, into view and focus', async () => {
  const page = await newPhone();
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');
  const results = page.getByRole('heading', { level: 2, name: /^Kết quả/ });
  await results.filter({ hasText: /khóa học$/ }).waitFor();

  const search = page.getByLabel('Tìm khóa học');
  await search.fill('lua dao');
  await search.press('Enter');
  await page.getByRole('status').filter({ hasText: 'cho “lua dao”' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'catalogue-results');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Kết quả: \d+ khóa học$/);
  const { top } = await focusedInView(page);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(PHONE_HEIGHT / 2);
  await expectAccessible(page, 'search-results-focused');

  // The same search again (nothing new to load) goes to the results too.
  await page.evaluate(() => window.scrollTo(0, 0));
  await search.focus();
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'catalogue-results');
  expect((await focusedInView(page)).top).toBeGreaterThanOrEqual(0);
});

it('tells the learner which lesson of how many this is, and lists the lessons behind a disclosure', async () => {
  await learner.goto(COURSE_PATH);
  const outline = learner.getByRole('region', { name: 'Nội dung khóa học' });
  await outline.getByRole('link', { name: VIDEO_TITLE }).waitFor();
  const titles = await outline.getByRole('listitem').getByRole('link').allTextContents();
  expect(titles.length).toBe(8);
  await outline.getByRole('link', { name: VIDEO_TITLE }).click();
  await heading(learner, VIDEO_TITLE);

  const lessons = learner.getByRole('navigation', { name: 'Các bài của khóa học' });
  const summary = lessons.locator('summary');
  expect(await summary.textContent()).toContain('Bài 2/8');
  // Screen readers hear "Bài 2 trên 8", never a date.
  expect(await summary.locator('.visually-hidden').textContent()).toBe('Bài 2 trên 8');
  expect(await lessons.getByRole('link').first().isVisible()).toBe(false);

  // Opened from the keyboard; the open lesson is the current page, and each other one is a link.
  await summary.focus();
  await learner.keyboard.press('Enter');
  const links = lessons.getByRole('link');
  await links.first().waitFor({ state: 'visible' });
  expect(await links.allTextContents()).toEqual(titles);
  const current = lessons.locator('a[aria-current="page"]');
  expect(await current.textContent()).toBe(VIDEO_TITLE);
  await lessons.getByText('Bạn đang ở bài này').waitFor();
  expect(await lessons.getByText('Chưa học').count()).toBeGreaterThan(0);
  await expectAccessible(learner, 'lesson-outline-open');

  await links.nth(2).focus();
  await learner.keyboard.press('Enter');
  await heading(learner, titles[2]!);
  expect(
    await learner.getByRole('navigation', { name: 'Các bài của khóa học' }).locator('summary').textContent(),
  ).toContain('Bài 3/8');
});

/** The lines the caption on screen takes, and its text (empty when none shows). */
function captionLines(page: Page) {
  return page.evaluate(() => {
    const cue = document.querySelector('.vjs-text-track-display .vjs-text-track-cue');
    if (!cue) return { lines: 0, text: '', fontSize: 0 };
    const range = document.createRange();
    range.selectNodeContents(cue);
    const inner = (cue.firstElementChild ?? cue) as HTMLElement;
    const fontSize = parseFloat(getComputedStyle(inner).fontSize);
    // One line per distinct top among the text's boxes (boxes of one line start within half a letter).
    const tops = [...range.getClientRects()]
      .filter((r) => r.width > 0)
      .map((r) => r.top)
      .sort((a, b) => a - b);
    const lines = tops.filter((top, i) => i === 0 || top - tops[i - 1]! > fontSize / 2).length;
    return {
      lines,
      text: cue.textContent ?? '',
      fontSize,
    };
  });
}

it('speaks Vietnamese in the video player and keeps captions to two lines at the chosen size', async () => {
  await learner.goto(COURSE_PATH);
  await learner
    .getByRole('region', { name: 'Nội dung khóa học' })
    .getByRole('link', { name: VIDEO_TITLE })
    .click();
  await heading(learner, VIDEO_TITLE);
  const player = learner.getByRole('region', { name: `Trình phát video: ${VIDEO_TITLE}` });
  await player.waitFor();
  await learner.locator('video').evaluate(
    (video: HTMLVideoElement) =>
      new Promise<void>((resolve) => {
        if (video.readyState >= 1) resolve();
        else video.addEventListener('loadedmetadata', () => resolve(), { once: true });
      }),
  );

  // Controls and the texts only screen readers get, all in Vietnamese (the control bar shows once started).
  await player.getByRole('button', { name: 'Phát video' }).click();
  await learner.waitForFunction(() => document.querySelector('video')?.paused === false);
  await learner.locator('video').evaluate((video: HTMLVideoElement) => video.pause());
  for (const name of ['Phát', 'Tắt tiếng', 'Toàn màn hình'])
    await player.getByRole('button', { name, exact: true }).waitFor();
  await player.getByRole('button', { name: /^Phụ đề/ }).waitFor();
  expect(await player.locator('.vjs-loading-spinner .vjs-control-text').textContent()).toBe(
    'Trình phát video đang tải.',
  );
  expect(await player.locator('.vjs-modal-dialog-description').first().textContent()).toContain(
    'Đây là một hộp thoại.',
  );
  const slider = player.getByRole('slider', { name: 'Thanh tiến trình' });
  await learner.waitForFunction(
    () => document.querySelector('.vjs-progress-holder')?.getAttribute('aria-valuetext') !== null,
  );
  expect(await slider.getAttribute('aria-valuetext')).toMatch(/^\d+:\d\d trên \d+:\d\d$/);
  const spoken = await player.evaluate((el) =>
    [
      el.textContent ?? '',
      ...[...el.querySelectorAll('[title],[aria-label],[aria-valuetext]')].flatMap((e) =>
        ['title', 'aria-label', 'aria-valuetext'].map((a) => e.getAttribute(a) ?? ''),
      ),
    ].join(' | '),
  );
  for (const english of [
    'is loading',
    'This is a modal window',
    'Skip Backward',
    'currentTime=',
    'Captions',
    'Play',
    'Mute',
  ])
    expect([english, spoken.includes(english)]).toEqual([english, false]);

  // A long cue of this video (167 characters) shows as shorter ones: two lines at most, at every size.
  const sizes = learner.getByRole('group', { name: 'Cỡ chữ phụ đề' });
  expect(await sizes.getByRole('radio', { name: 'Vừa' }).isChecked()).toBe(true);
  await learner.locator('video').evaluate((video: HTMLVideoElement) => {
    video.currentTime = 1;
  });
  await learner.locator('.vjs-text-track-display .vjs-text-track-cue').first().waitFor();
  const medium = await captionLines(learner);
  expect(medium.lines).toBeGreaterThan(0);
  expect(medium.lines).toBeLessThanOrEqual(2);
  expect([...medium.text].length).toBeLessThanOrEqual(64);
  await expectAccessible(learner, 'video-captions-medium');

  await sizes.getByRole('radio', { name: 'Lớn' }).check();
  const large = await captionLines(learner);
  expect(large.fontSize).toBeGreaterThan(medium.fontSize);
  expect(large.lines).toBeLessThanOrEqual(2);
  await sizes.getByRole('radio', { name: 'Nhỏ' }).check();
  const small = await captionLines(learner);
  expect(small.fontSize).toBeLessThan(medium.fontSize);
  expect(small.lines).toBeLessThanOrEqual(2);

  // Remembered on this phone: the next video page opens with it.
  await sizes.getByRole('radio', { name: 'Lớn' }).check();
  await learner.reload();
  await heading(learner, VIDEO_TITLE);
  expect(
    await learner
      .getByRole('group', { name: 'Cỡ chữ phụ đề' })
      .getByRole('radio', { name: 'Lớn' })
      .isChecked(),
  ).toBe(true);
  expect(pageErrors).toEqual([]);
});
