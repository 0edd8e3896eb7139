/**
 * Languages as data (issue 16 item 4, docs/languages.md) in a real browser on a phone-sized screen (360 × 740),
 * with axe on every state: the header's switcher lists the interface languages of GET /api/languages; choosing
 * the Mông (Hmong) sample shows the notice that it needs a native speaker's review, the sample's strings where it
 * has them and Vietnamese everywhere else, the course and the lesson it translates; the choice survives a reload;
 * Vietnamese comes back whole.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the languages journey',
  screenshotPrefix: 'languages',
  fitsPhoneWidth: true,
});

const SAMPLE_NOTICE_VI = /bản dịch mẫu, cần người bản ngữ rà soát/;
const SAMPLE_NOTICE_EN = /sample translation that needs review by a native speaker/;
const COURSE_TITLE_HMN = 'Siv xov tooj ntse kom muaj kev nyab xeeb';
const LESSON_TITLE_HMN = 'Qhib xov tooj thiab xauv lub vijtsam';

const htmlLang = (page: Page) => page.evaluate(() => document.documentElement.lang);
const switcher = (page: Page) => page.getByRole('group', { name: 'Ngôn ngữ giao diện' });
const notice = (page: Page) => page.getByRole('note').filter({ hasText: SAMPLE_NOTICE_VI });

it('switches to the Hmong sample at 360 px: the notice, the sample strings, Vietnamese for the rest', async () => {
  const page = await newPhone();

  // 1. Vietnamese by default; the switcher offers the other interface languages, each in its own name.
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');
  const offered = switcher(page).getByRole('button');
  await offered.filter({ hasText: 'Lus Hmoob' }).waitFor();
  expect(await offered.allInnerTexts()).toEqual(['English', 'Lus Hmoob']);
  expect(await offered.filter({ hasText: 'Lus Hmoob' }).getAttribute('lang')).toBe('hmn');
  expect(await notice(page).count()).toBe(0);
  await expectAccessible(page, 'vi-catalogue');

  // 2. The sample: the notice in Vietnamese and English, the sample's own strings, Vietnamese where it has none.
  await switcher(page).getByRole('button', { name: 'Lus Hmoob', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'hmn');
  await notice(page).waitFor();
  expect(await notice(page).locator('[lang="en"]').innerText()).toMatch(SAMPLE_NOTICE_EN);
  await heading(page, 'Chav kawm');
  await page.getByRole('link', { name: 'Nkag mus', exact: true }).first().waitFor();
  // Not in the sample: the Vietnamese string, never a key or English.
  await page.getByText('Chọn một khóa học phù hợp với bạn.', { exact: false }).waitFor();
  expect(await offered.allInnerTexts()).toEqual(['Tiếng Việt', 'English']);
  // The course the sample translates shows its title; the others stay Vietnamese. Found by a search: browser
  // specs beside this one publish courses on the shared server, so which courses the first page of the whole
  // catalogue holds moves (sorted by title, the sample's title is twelfth of the shipped fourteen).
  const search = page.getByRole('searchbox');
  await search.fill('điện thoại');
  await search.press('Enter');
  await page.getByRole('link', { name: COURSE_TITLE_HMN }).first().waitFor();
  await page
    .getByRole('link', { name: 'Những bước đầu với điện thoại, bằng tiếng Việt dễ hiểu' })
    .first()
    .waitFor();
  await expectAccessible(page, 'hmn-catalogue');

  // 3. Remembered on this device.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'hmn');
  await notice(page).waitFor();

  // 4. The course page: the sample title and lesson title, the rest in Vietnamese.
  await page.goto('/courses/smartphone-basics');
  await heading(page, COURSE_TITLE_HMN);
  await page.getByText(LESSON_TITLE_HMN).first().waitFor();
  await page.getByText('Làm quen với điện thoại').first().waitFor();
  // Every lesson kind is in the sample (the checklist's too), inside the outline's Vietnamese "kind, duration".
  await page.getByText('Xyaum ua, 10 feeb', { exact: true }).first().waitFor();
  await page.getByText('Nyeem, 5 feeb', { exact: true }).first().waitFor();
  await notice(page).waitFor();
  await expectAccessible(page, 'hmn-course');

  // 5. A learner opens the translated lesson: its text in the sample, the player's own strings where it has them.
  await signUpThroughApi(page, {
    displayName: 'Giàng Thị Mỷ',
    identifier: `hmn-${randomUUID().slice(0, 8)}@example.com`,
    password: 'mat-khau-an-toan-2026',
    language: 'hmn',
  });
  await apiFromPage(page, 'POST', '/courses/smartphone-basics/enrol', {});
  const course = await apiFromPage<{ modules: Array<{ lessons: Array<{ id: string; key: string }> }> }>(
    page,
    'GET',
    '/courses/smartphone-basics?lang=hmn',
  );
  const lesson = course.modules.flatMap((m) => m.lessons).find((l) => l.key === 'turn-on-and-unlock')!;
  await page.goto(`/lessons/${lesson.id}`);
  await heading(page, LESSON_TITLE_HMN);
  await page.getByText('Nias tuav lub pob').first().waitFor();
  await page
    .getByRole('link', { name: /Tom ntej/ })
    .first()
    .waitFor();
  await notice(page).waitFor();
  await expectAccessible(page, 'hmn-lesson');

  // 6. Back to Vietnamese: whole again, no notice.
  await switcher(page).getByRole('button', { name: 'Tiếng Việt', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'vi');
  await heading(page, 'Bật máy, mở khóa và khóa màn hình');
  expect(await notice(page).count()).toBe(0);
  expect(await htmlLang(page)).toBe('vi');
  expect(pageErrors).toEqual([]);
});

it('a phone set to English counts one hour in Hmong too: "1 teev", never the Vietnamese "1 giờ"', async () => {
  // No browser has plural rules for `hmn`: Intl falls back to the phone's locale, which asks English phones for
  // the `_one` form (docs/languages.md, "Plural forms").
  const page = await newPhone({ locale: 'en-US' });
  expect(
    await page.evaluate(() => new Intl.PluralRules('hmn').resolvedOptions().pluralCategories.includes('one')),
  ).toBe(true);
  await page.goto('/');
  await heading(page, 'Khóa học kỹ năng số');
  await switcher(page).getByRole('button', { name: 'Lus Hmoob', exact: true }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'hmn');
  await heading(page, 'Chav kawm');
  const durations = page.locator('#catalogue-max-minutes option');
  await durations.first().waitFor({ state: 'attached' });
  const labels = await durations.allTextContents();
  expect(labels).toContain('Không quá 1 teev');
  expect(labels.filter((label) => /giờ|phút/.test(label))).toEqual([]);
  await expectAccessible(page, 'hmn-catalogue-english-phone');
  expect(pageErrors).toEqual([]);
});
