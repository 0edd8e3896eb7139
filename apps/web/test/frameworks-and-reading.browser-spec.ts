/**
 * Frameworks for everyone and easy reading signed out, in a real browser on a phone-sized screen (360 × 740), with
 * axe on every state (issue 16, item 5 and the header part of item 3):
 *  - /frameworks lists the frameworks; /frameworks/<id>#<code> (every certificate's alignment targetUrl) opens on
 *    the competency, scrolled into view and focused; an unknown id says "not found";
 *  - a competency leads to the catalogue filtered by it; the catalogue's filters (sub-group, competency, level)
 *    are in the address and usable with the keyboard;
 *  - the course page names the framework of each competency (4.2 of TT02 and 4.2 of DigComp are two);
 *  - large text and high contrast, set in the header signed out, survive a reload, and stay after signing up.
 *
 * A real certificate's competency link is followed in credentials-and-admin.browser-spec.ts (an issued
 * certificate, with the worker).
 */
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the frameworks pages and the reading settings',
  screenshotPrefix: 'frameworks',
  fitsPhoneWidth: true,
});

const TT02 = 'Khung năng lực số cho người học';
const DIGCOMP = 'Khung năng lực số cho công dân DigComp 2.2';

const htmlClasses = (page: Page) => page.evaluate(() => [...document.documentElement.classList].sort());

/** The focused element's id, and whether it is inside the phone's viewport. */
const focusedInView = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const box = el?.getBoundingClientRect();
    return {
      id: el?.id ?? null,
      inView: box !== undefined && box.top >= 0 && box.bottom <= window.innerHeight + box.height,
      top: box ? Math.round(box.top) : null,
    };
  });

interface CourseRow {
  id: string;
  competencies: Array<{ framework: string; code: string }>;
}

it('opens a framework on a competency, links its courses, and filters the catalogue by it', async () => {
  const page = await newPhone();

  // 1. The list of frameworks, signed out.
  await page.goto('/frameworks');
  await heading(page, 'Khung năng lực số');
  await page.getByRole('link', { name: TT02 }).waitFor();
  await page.getByRole('link', { name: DIGCOMP }).waitFor();
  await expectAccessible(page, 'list');

  // 2. A certificate's alignment targetUrl: the page opens scrolled to the competency, which has the focus.
  await page.goto('/frameworks/tt02-2025#4.2');
  await heading(page, TT02);
  await page.waitForFunction(() => document.activeElement?.id === '4.2');
  const focused = await focusedInView(page);
  expect(focused).toMatchObject({ id: '4.2', inView: true });
  expect(focused.top).toBeGreaterThan(0);
  await expectAccessible(page, 'framework-4.2');

  // 3. Its courses: the catalogue filtered by the competency, said in the address and in the open filters.
  const competency = page.locator('[id="4.2"]');
  await competency.getByRole('link', { name: /dạy năng lực 4\.2$/ }).click();
  await page.waitForURL(
    (url) => url.pathname === '/' && url.searchParams.get('competency') === 'tt02-2025:4.2',
  );
  await heading(page, 'Khóa học kỹ năng số');
  const select = page.getByRole('combobox', { name: 'Năng lực số' });
  await page.locator('a[href="/courses/online-scams"]').first().waitFor();
  expect(await select.inputValue()).toBe('tt02-2025:4.2');
  const filtered = await apiFromPage<{ items: CourseRow[] }>(
    page,
    'GET',
    '/courses?competency=tt02-2025:4.2&lang=vi',
  );
  expect(filtered.items.length).toBeGreaterThan(0);
  expect(await page.locator('.card-list > li').count()).toBe(filtered.items.length);
  await expectAccessible(page, 'catalogue-by-competency');

  // 4. An unknown framework: a proper "not found", no crash.
  await page.goto('/frameworks/khong-co-khung-nay#1.1');
  await heading(page, 'Không tìm thấy trang');
  await page.getByText('Đường dẫn này không trỏ tới khung năng lực nào trên nền tảng Học vụ số.').waitFor();
  await expectAccessible(page, 'framework-not-found');

  expect(pageErrors).toEqual([]);
});

it('filters the catalogue by competency and level with the keyboard, kept in the address', async () => {
  const page = await newPhone();
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');

  // The filters open from the keyboard.
  const summary = page.locator('details.filters > summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const select = page.getByRole('combobox', { name: 'Năng lực số' });
  // The competencies arrive once the filters are open, grouped by framework.
  await page
    .locator('#catalogue-competency optgroup[label="Khung năng lực số cho công dân DigComp 2.2"]')
    .waitFor({
      state: 'attached',
    });
  await select.focus();
  await select.selectOption('digcomp-2.2:4.2');
  await page.getByRole('combobox', { name: 'Mức thành thạo' }).selectOption('2');
  await page.getByRole('combobox', { name: 'Hỗ trợ thêm cho' }).focus();
  await page.getByLabel('Tìm khóa học').focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(
    (url) =>
      url.searchParams.get('competency') === 'digcomp-2.2:4.2' && url.searchParams.get('level') === '2',
  );
  const expected = await apiFromPage<{ items: CourseRow[] }>(
    page,
    'GET',
    '/courses?competency=digcomp-2.2:4.2&level=2&lang=vi',
  );
  await page
    .getByRole('status')
    .filter({ hasText: `Tìm thấy ${expected.items.length} khóa học` })
    .waitFor();
  for (const course of expected.items)
    expect(course.competencies.some((c) => c.framework === 'digcomp-2.2' && c.code === '4.2')).toBe(true);
  await expectAccessible(page, 'catalogue-filters-open');

  // A reload keeps the search (it lives in the address).
  await page.reload();
  await heading(page, 'Khóa học kỹ năng số');
  expect(await page.getByRole('combobox', { name: 'Mức thành thạo' }).inputValue()).toBe('2');
  await page
    .getByRole('status')
    .filter({ hasText: `Tìm thấy ${expected.items.length} khóa học` })
    .waitFor();

  // A forged competency in a hand-edited link is dropped: courses, no error.
  await page.goto("/?competency=x:1'%20or%201=1&level=99");
  await heading(page, 'Khóa học kỹ năng số');
  await page
    .getByRole('status')
    .filter({ hasText: /Tìm thấy \d+ khóa học/ })
    .waitFor();
  expect(await page.locator('.notice--error, [role="alert"]').count()).toBe(0);

  expect(pageErrors).toEqual([]);
});

it('names the framework of each competency on the course page', async () => {
  const page = await newPhone();
  await page.goto('/courses/online-scams');
  const facts = page.getByRole('region', { name: 'Thông tin khóa học' });
  await facts.getByText(`Khung: ${TT02}`).first().waitFor();
  await facts.getByText(`Khung: ${DIGCOMP}`).first().waitFor();
  const links = facts.getByRole('link', { name: 'Xem năng lực 4.2 trong khung năng lực' });
  expect(await links.count()).toBe(2);
  expect(await links.evaluateAll((els) => els.map((a) => a.getAttribute('href')).sort())).toEqual([
    '/frameworks/digcomp-2.2#4.2',
    '/frameworks/tt02-2025#4.2',
  ]);
  await expectAccessible(page, 'course-frameworks');

  await links.last().click();
  await heading(page, TT02);
  await page.waitForFunction(() => document.activeElement?.id === '4.2');
  expect(pageErrors).toEqual([]);
});

it('offers large text and high contrast signed out, kept after a reload and after signing up', async () => {
  const page = await newPhone();
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');
  expect(await htmlClasses(page)).toEqual([]);

  const toggle = page.getByRole('button', { name: 'Cỡ chữ, độ tương phản' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  const panel = page.getByRole('group', { name: 'Dễ đọc hơn' });
  await panel.getByRole('checkbox', { name: 'Chữ lớn' }).focus();
  await page.keyboard.press('Space');
  await panel.getByRole('checkbox', { name: 'Tương phản cao' }).check();
  expect(await htmlClasses(page)).toEqual(['high-contrast', 'large-text']);
  await expectAccessible(page, 'reading-open');

  // Escape closes the panel and gives the focus back to its button.
  await page.keyboard.press('Escape');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

  // A reload: the device remembers them, before the page asks anything.
  await page.reload();
  await heading(page, 'Khóa học kỹ năng số');
  expect(await htmlClasses(page)).toEqual(['high-contrast', 'large-text']);
  await expectAccessible(page, 'reading-after-reload');
  await page.goto('/frameworks/tt02-2025#4.2');
  await heading(page, TT02);
  await expectAccessible(page, 'framework-large-high-contrast');

  // Signing up: the account has none saved; what the visitor turned on stays on.
  await signUpThroughApi(page, {
    displayName: 'Lò Thị Đọc',
    identifier: `doc-${randomUUID().slice(0, 12)}@example.com`,
    password: 'mat-khau-an-toan-2026',
  });
  await page.reload();
  await page.getByRole('link', { name: 'Việc học của tôi' }).waitFor();
  await page.waitForFunction(() => localStorage.getItem('hvs.display')?.includes('"userId":"') === true);
  expect(await htmlClasses(page)).toEqual(['high-contrast', 'large-text']);

  // Turned off in the header: off at once and after a reload.
  await page.getByRole('button', { name: 'Cỡ chữ, độ tương phản' }).click();
  await page.getByRole('checkbox', { name: 'Chữ lớn' }).uncheck();
  expect(await htmlClasses(page)).toEqual(['high-contrast']);
  await page.reload();
  await page.getByRole('link', { name: 'Việc học của tôi' }).waitFor();
  expect(await htmlClasses(page)).toEqual(['high-contrast']);

  expect(pageErrors).toEqual([]);
});
