/**
 * Sign-up asks for the place and target group, and asks again later; the administrators' learner list finds
 * people by name without diacritics and by phone, shows those who never filled in a profile to a system
 * administrator, filters and exports. In a real browser on a phone-sized screen (360 × 740), axe on every state:
 *  - a new learner signs up, chooses a target group and their commune in the optional step, lands where they
 *    were heading and is not asked again;
 *  - another skips the step: My learning asks (a dismissible prompt), "Later" hides it on the account (after a
 *    reload too), and 30 days later it is back and leads to the profile page;
 *  - the system administrator finds that person (no profile) typing the name without diacritics and filters
 *    "no profile"; the export link carries the filters.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL. Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every state.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { heading, signIn, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';
const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';
const STEP = 'Bạn thuộc nhóm nào, sống ở đâu?';
const PROMPT = 'Cho biết nơi ở và nhóm đối tượng của bạn';

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the sign-up place step, the profile prompt and the learner search',
  database: true,
  screenshotPrefix: 'learners',
  fitsPhoneWidth: true,
});

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

async function signUp(page: Page, name: string, email: string, next = '/me/learning'): Promise<void> {
  await page.goto(`/sign-up?next=${encodeURIComponent(next)}`);
  await heading(page, 'Tạo tài khoản');
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await heading(page, STEP);
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}@example.com`;

it('sign-up asks for the target group and commune, saves them, and does not ask again', async () => {
  const page = await newPhone();
  const email = unique('place');
  await signUp(page, 'Lò Văn Chọn', email, '/me/certificates');
  // The step's heading holds the focus, so a screen reader starts there.
  expect(
    await page.getByRole('heading', { name: STEP }).evaluate((el) => el === document.activeElement),
  ).toBe(true);
  await expectAccessible(page, 'place-step');

  await page
    .getByRole('group', { name: /Nhóm đối tượng/ })
    .getByLabel('Người dân')
    .check();
  // A province alone is too broad: explained next to the picker, nothing saved.
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: PROVINCE });
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.getByText('Hãy chọn cả xã, phường hoặc đặc khu').waitFor();
  await expectAccessible(page, 'place-step-too-broad');
  await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: COMMUNE });
  await page.getByRole('button', { name: 'Lưu và tiếp tục' }).click();
  await page.waitForURL((url) => url.pathname === '/me/certificates');

  const { rows } = await db().query<{ target_groups: string[]; code: string }>(
    `SELECT lp.target_groups, au.code FROM learner_profiles lp JOIN users u ON u.id = lp.user_id
       JOIN administrative_units au ON au.id = lp.unit_id WHERE u.email = $1`,
    [email],
  );
  expect(rows).toEqual([{ target_groups: ['citizens'], code: 'DEMO01' }]);

  // My learning does not ask someone who answered.
  const asked = page.waitForResponse((r) => r.url().endsWith('/api/me/profile-prompt'));
  await page.goto('/me/learning');
  expect(await (await asked).json()).toEqual({ show: false });
  await heading(page, 'Việc học của tôi');
  expect(await page.getByRole('heading', { name: PROMPT }).count()).toBe(0);
});

it('skipping the step: My learning asks gently, "Later" hides it on the account, and it comes back after 30 days', async () => {
  const tag = randomUUID().slice(0, 6);
  const name = `Hoàng Thị Ẩn Danh ${tag}`;
  const email = unique('skip');
  const page = await newPhone();
  await signUp(page, name, email);
  await page.getByRole('button', { name: 'Để sau' }).click();
  await page.waitForURL('**/me/learning');
  await heading(page, 'Việc học của tôi');
  const prompt = page.getByRole('region', { name: PROMPT });
  await prompt.waitFor();
  await expectAccessible(page, 'prompt');
  expect(
    (
      await db().query(
        `SELECT 1 FROM learner_profiles lp JOIN users u ON u.id = lp.user_id WHERE u.email = $1`,
        [email],
      )
    ).rowCount,
  ).toBe(0);

  // "Later", with the keyboard.
  await prompt.getByRole('button', { name: 'Để sau' }).focus();
  await page.keyboard.press('Enter');
  await prompt.waitFor({ state: 'detached' });
  const askedAgain = page.waitForResponse((r) => r.url().endsWith('/api/me/profile-prompt'));
  await page.reload();
  expect(await (await askedAgain).json()).toEqual({ show: false });
  await heading(page, 'Việc học của tôi');
  expect(await page.getByRole('region', { name: PROMPT }).count()).toBe(0);

  // Remembered on the account; 30 days on, it asks again and leads to the profile page.
  await db().query(
    `UPDATE users SET profile_prompt_dismissed_at = profile_prompt_dismissed_at - interval '30 days' WHERE email = $1 AND profile_prompt_dismissed_at IS NOT NULL`,
    [email],
  );
  await page.reload();
  await page.getByRole('region', { name: PROMPT }).getByRole('link', { name: 'Cập nhật hồ sơ' }).click();
  await page.waitForURL('**/me/profile');
  await heading(page, 'Hồ sơ của tôi');

  // The system administrator finds them typing the name without diacritics, marked as without a place.
  const admin = await newPhone();
  await signIn(admin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await admin.goto('/admin/learners');
  await heading(admin, 'Người học');
  await admin.getByText('Người chưa khai báo nơi ở không thuộc địa bàn nào').waitFor();
  // Named only with consent (the rule applies to everyone): the person agrees first.
  await page.evaluate(async () => {
    const csrf = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
    await fetch('/api/me/consents', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf.token },
      body: JSON.stringify({ purpose: 'data-sharing-unit', textVersion: '2026-11', granted: true }),
    });
  });
  await admin.getByRole('searchbox', { name: 'Tìm người học' }).fill(`hoang thi an danh ${tag}`);
  await admin.getByLabel('Tình trạng').selectOption({ label: 'Chưa khai báo hồ sơ' });
  await admin.getByRole('button', { name: 'Tìm', exact: true }).click();
  await admin.getByRole('status').filter({ hasText: 'Có 1 người học khớp với' }).waitFor();
  const row = admin
    .getByRole('table', { name: 'Danh sách người học' })
    .getByRole('row')
    .filter({ hasText: name });
  await row.getByText('Chưa khai báo nơi ở').waitFor();
  const href = await admin.getByRole('link', { name: /Tải danh sách \(CSV\)/ }).getAttribute('href');
  expect(href).toContain('/api/admin/learners.csv?');
  expect(new URL(href!, 'http://x').searchParams.get('status')).toBe('no-profile');
  expect(new URL(href!, 'http://x').searchParams.get('q')).toBe(`hoang thi an danh ${tag}`);
  // The filters survive a reload (they are in the address).
  await admin.reload();
  await admin.getByRole('status').filter({ hasText: 'Có 1 người học khớp với' }).waitFor();
  expect(await admin.getByLabel('Tình trạng').inputValue()).toBe('no-profile');
  await expectAccessible(admin, 'learners-no-profile');
});
