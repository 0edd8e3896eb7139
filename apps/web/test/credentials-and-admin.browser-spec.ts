/**
 * Certificates, the learner's account pages and the admin area, in a real browser on a phone-sized screen
 * (360 × 740), with axe on every state:
 *  - public verification: an unknown certificate id, pasted text that is not JSON, a hand-made credential
 *    uploaded as a file (read and shown, but not trusted);
 *  - a new learner: no certificates yet, a notification in the bell and the inbox, notification settings,
 *    the profile (home unit through the cascading selects, target group, large text) kept after a reload, a
 *    consent;
 *  - the commune administrator (unit-admin@demo.hocvuso.example, commune DEMO01): creates a mandate for
 *    online-scams due next month; the learner sees it under "Bắt buộc" and on the course; the administrator
 *    follows the compliance page, filters it and downloads the CSV; finds the learner; checks a CSV import;
 *  - the system administrator: the mail outbox.
 *
 *  - an issued certificate: the harness runs only the api, and certificates are signed by the worker, so this
 *    file starts the built worker (dist/apps/worker/main.cjs) on the same database, Redis, storage and issuer
 *    address as the api; a learner completes online-scams through the api (clocks moved in the database, as
 *    apps/api/test/support/learning-world.ts does) and then downloads, shares and verifies the certificate, and
 *    the province administrator suspends, reinstates and revokes it.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL (to give the learner a notification, as the reminder job would).
 * Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every checked state.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { completeCourse, startWorker, stopWorker } from './support/course-completion';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const COURSE_ID = 'online-scams';
const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';
const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';
const ORGANISATION = 'Hợp tác xã Nông nghiệp Mẫu (minh hoạ)';

jest.setTimeout(180_000);

const { newPhone, expectAccessible, pageErrors, db, baseUrl, databaseUrl } = usePhoneHarness({
  purpose: 'the certificates and admin journeys',
  database: true,
  screenshotPrefix: 'cred',
});

/** The page shows large text (the profile's choice, as a class on <html>). */
const largeText = (page: Page) =>
  page.evaluate(() => document.documentElement.classList.contains('large-text'));

/** The page shows high contrast (the profile's choice, as a class on <html>). */
const highContrast = (page: Page) =>
  page.evaluate(() => document.documentElement.classList.contains('high-contrast'));

const isFocused = (page: Page, name: string | RegExp, role: 'heading' | 'textbox' = 'heading') =>
  page.getByRole(role, { name }).evaluate((el) => el === document.activeElement);

/** Makes the signed-in learner live in the commune DEMO01 (through the api, as the profile page would). */
async function liveInDemoCommune(page: Page): Promise<void> {
  const communeId = (
    await db().query<{ id: string }>(
      `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    )
  ).rows[0]!.id;
  await apiFromPage(page, 'PUT', '/me/profile', {
    targetGroups: ['citizens'],
    subGroups: [],
    unitId: communeId,
    organisationId: null,
    language: 'vi',
    accessibility: {},
  });
}

/** A day next month as the date input wants it (YYYY-MM-DD) and as the Vietnamese pages show it (dd/mm/yyyy). */
function nextMonth(): { iso: string; vi: string } {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() + 1, 15);
  const dd = String(d.getDate()).padStart(2, '0');
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  return { iso: `${d.getFullYear()}-${mm}-${dd}`, vi: `${dd}/${mm}/${d.getFullYear()}` };
}

it('lets anyone check a certificate: unknown id, text that is not JSON, and a hand-made file', async () => {
  const page = await newPhone();

  // 1. A link to a certificate that does not exist.
  await page.goto(`/verify/${randomUUID()}`);
  await heading(page, 'Không tìm thấy chứng chỉ');
  await page.getByText('Không có chứng chỉ nào ứng với đường liên kết này.').waitFor();
  await expectAccessible(page, 'verify-not-found');

  // 2. The paste-or-upload page, reached from there.
  await page.getByRole('link', { name: 'Kiểm tra bằng tệp chứng chỉ' }).click();
  await heading(page, 'Kiểm tra tệp chứng chỉ');
  const textarea = page.getByRole('textbox', { name: 'Nội dung chứng chỉ có chữ ký số (tệp .json)' });
  const file = page.getByLabel('Hoặc chọn tệp chứng chỉ (.json)');
  expect(await file.getAttribute('type')).toBe('file');
  expect(await file.getAttribute('accept')).toContain('application/json');
  const check = page.getByRole('button', { name: 'Kiểm tra chứng chỉ' });
  await expectAccessible(page, 'verify-paste-empty');

  // Nothing pasted: said next to the box, and the box gets focus.
  await check.click();
  await page.getByText('Hãy dán nội dung tệp chứng chỉ hoặc chọn một tệp.').waitFor();
  expect(await textarea.getAttribute('aria-invalid')).toBe('true');
  expect(await isFocused(page, 'Nội dung chứng chỉ có chữ ký số (tệp .json)', 'textbox')).toBe(true);
  await expectAccessible(page, 'verify-paste-required');

  // 3. Text that is not JSON: the "malformed" verdict, in words, focused.
  await textarea.fill('{"id": "urn:uuid:1234", "type": ["VerifiableCredential"');
  await check.click();
  const malformed = 'Đây không phải tệp chứng chỉ hợp lệ';
  await page.getByRole('heading', { level: 2, name: malformed }).waitFor();
  expect(await isFocused(page, malformed)).toBe(true);
  expect(await page.getByRole('region', { name: malformed }).textContent()).toContain('Kết quả kiểm tra');
  await expectAccessible(page, 'verify-malformed');

  // 4. A hand-made credential, uploaded as a file: its claims are shown, but it is not valid.
  const id = randomUUID();
  const forged = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `urn:uuid:${id}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:web:gia-mao.example', type: ['Profile'], name: 'Trung tâm Giả Mạo' },
    validFrom: '2026-01-05T00:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Lê Văn Tự Chế' },
      ],
      achievement: {
        id: 'https://gia-mao.example/khoa-hoc',
        type: ['Achievement'],
        name: 'Khóa học không có thật',
        description: 'Tệp do người kiểm thử tự viết, không có chữ ký số.',
        criteria: { narrative: 'Không có.' },
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'Nhận biết lừa đảo trực tuyến',
            targetCode: '4.2',
            targetFramework: 'Khung năng lực số',
            targetDescription: 'Mức thành thạo 2',
            targetUrl: 'https://gia-mao.example/nang-luc/4.2',
          },
        ],
      },
    },
  };
  await file.setInputFiles({
    name: 'chung-chi-tu-che.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(forged, null, 2)),
  });
  await page.getByRole('status').filter({ hasText: 'Đã đọc tệp “chung-chi-tu-che.json”' }).waitFor();
  expect(await textarea.inputValue()).toContain('Khóa học không có thật');
  await check.click();
  const claims = page.getByRole('region', { name: 'Thông tin ghi trên chứng chỉ' });
  await claims.getByText('Lê Văn Tự Chế').waitFor();
  await claims.getByText('Khóa học không có thật').waitFor();
  await claims.getByText('Nhận biết lừa đảo trực tuyến').waitFor();
  await claims.getByText(/Mức thành thạo 2/).waitFor();
  await claims.getByText('Trung tâm Giả Mạo').waitFor();
  await claims.getByText('5 tháng 1, 2026').waitFor();
  await claims.getByText('Không thời hạn').waitFor();
  await claims.getByText(/chỉ để tham khảo/).waitFor();
  const verdict = page.locator('.verdict h2');
  expect(await verdict.textContent()).not.toBe('Chứng chỉ hợp lệ');
  expect(await verdict.evaluate((el) => el === document.activeElement)).toBe(true);
  const checks = page.getByRole('region', { name: 'Những gì đã được kiểm tra' });
  await checks.getByText('Chữ ký số không đúng hoặc không có.').waitFor();
  await expectAccessible(page, 'verify-forged');

  // 5. In English, the page and the result switch language in place (the section's strings load on demand).
  await page.getByRole('button', { name: 'English' }).click();
  await heading(page, 'Check a certificate file');
  await page.getByRole('region', { name: 'What the certificate says' }).getByText('Awarded to').waitFor();
  await page.getByText('The digital signature is wrong or missing.').waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await expectAccessible(page, 'verify-forged-en');

  expect(pageErrors).toEqual([]);
});

it('gives a learner certificates, notifications, settings and a profile that are kept', async () => {
  const page = await newPhone();
  const email = `account-${randomUUID().slice(0, 12)}@example.com`;

  await page.goto('/sign-up?next=/me/certificates');
  await heading(page, 'Tạo tài khoản');
  await page.getByLabel('Họ và tên').fill('Đinh Thị Hồ Sơ');
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  // The optional place-and-group step after sign-up: skipped here (docs/learners.md).
  await heading(page, 'Bạn thuộc nhóm nào, sống ở đâu?');
  await page.getByRole('button', { name: 'Để sau' }).click();
  await page.waitForURL((url) => url.pathname === '/me/certificates');
  const userId = (await db().query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email])).rows[0]!
    .id;

  // 1. No certificate yet.
  await heading(page, 'Chứng chỉ của tôi');
  await page.getByText('Bạn chưa có chứng chỉ nào.', { exact: false }).waitFor();
  await expectAccessible(page, 'certificates-empty');

  // 2. The account menu: opens with the keyboard, lists the account pages, closes with Escape.
  const account = page.getByRole('button', { name: 'Tài khoản' });
  expect(await account.getAttribute('aria-expanded')).toBe('false');
  await account.focus();
  await page.keyboard.press('Enter');
  expect(await account.getAttribute('aria-expanded')).toBe('true');
  const menu = page.locator('#account-menu');
  expect(await menu.getByRole('link', { name: 'Chứng chỉ của tôi' }).getAttribute('aria-current')).toBe(
    'page',
  );
  await menu.getByRole('link', { name: 'Hồ sơ của tôi' }).waitFor();
  expect(await menu.getByRole('link', { name: 'Quản trị' }).count()).toBe(0);
  await expectAccessible(page, 'account-menu-open');
  await menu.getByRole('link', { name: 'Cài đặt thông báo' }).focus();
  await page.keyboard.press('Escape');
  expect(await account.getAttribute('aria-expanded')).toBe('false');
  expect(await account.evaluate((el) => el === document.activeElement)).toBe(true);

  // 3. Notifications: none, then one (as the reminder job would leave it), then all read.
  await page.getByRole('link', { name: 'Thông báo', exact: true }).click();
  await heading(page, 'Thông báo');
  await page.getByText('Chưa có thông báo nào.', { exact: false }).waitFor();
  await expectAccessible(page, 'notifications-empty');

  await db().query(
    `INSERT INTO notifications (user_id, kind, title, body, link) VALUES ($1, 'inactive', $2, $3, $4)`,
    [
      userId,
      { vi: 'Lâu rồi bạn chưa học', en: 'You have not learned for a while' },
      { vi: 'Hãy học tiếp khóa “Nhận biết lừa đảo”.', en: 'Continue the course.' },
      `/courses/${COURSE_ID}`,
    ],
  );
  await page.reload();
  await heading(page, 'Thông báo');
  const bell = page.getByRole('link', { name: '1 thông báo chưa đọc' });
  await bell.waitFor();
  await page.getByText('Bạn có 1 thông báo chưa đọc.').waitFor();
  const item = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Lâu rồi bạn chưa học' }) });
  await item.getByText('Chưa đọc').waitFor();
  await item.getByRole('link', { name: /^Xem chi tiết/ }).waitFor();
  await expectAccessible(page, 'notifications-unread');

  await page.getByRole('button', { name: 'Đánh dấu tất cả là đã đọc' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã đánh dấu tất cả thông báo là đã đọc.' }).waitFor();
  await page.getByRole('link', { name: 'Thông báo', exact: true }).first().waitFor();
  expect(await page.getByRole('link', { name: /thông báo chưa đọc/ }).count()).toBe(0);
  expect(await item.getByText('Chưa đọc').count()).toBe(0);
  await expectAccessible(page, 'notifications-read');

  // 4. Notification settings: three labelled choices, saved.
  await page.getByRole('link', { name: 'Chọn cách nhận thông báo' }).click();
  await heading(page, 'Cài đặt thông báo');
  const emailSwitch = page.getByRole('checkbox', { name: 'Gửi thông báo qua email' });
  await emailSwitch.waitFor();
  expect(await page.getByRole('checkbox').count()).toBe(3);
  await expectAccessible(page, 'settings');
  const emailWas = await emailSwitch.isChecked();
  await emailSwitch.setChecked(!emailWas);
  await page.getByRole('checkbox', { name: 'Nhắc tôi khi lâu chưa vào học' }).setChecked(false);
  await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu cài đặt thông báo.' }).waitFor();
  await expectAccessible(page, 'settings-saved');
  await page.reload();
  await heading(page, 'Cài đặt thông báo');
  await emailSwitch.waitFor();
  expect(await emailSwitch.isChecked()).toBe(!emailWas);
  expect(await page.getByRole('checkbox', { name: 'Nhắc tôi khi lâu chưa vào học' }).isChecked()).toBe(false);

  // 5. The profile: home unit through the cascading selects, a target group, large text at once.
  await page.goto('/me/profile');
  await heading(page, 'Hồ sơ của tôi');
  await page.getByText('Nơi bạn đang ở: chưa chọn').waitFor();
  await expectAccessible(page, 'profile');
  const province = page.getByRole('combobox', { name: 'Tỉnh, thành phố' });
  await province.locator('option', { hasText: PROVINCE }).waitFor({ state: 'attached' });
  await province.selectOption({ label: PROVINCE });
  const commune = page.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
  await commune.locator('option', { hasText: COMMUNE }).waitFor({ state: 'attached' });

  // A province alone is not a home: the form says so next to the selects.
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await page.getByText('Hãy chọn cả xã, phường hoặc đặc khu, không chỉ tỉnh, thành phố.').waitFor();
  await expectAccessible(page, 'profile-unit-too-broad');

  await commune.selectOption({ label: COMMUNE });
  await page.getByRole('combobox', { name: 'Thôn, tổ dân phố (không bắt buộc)' }).waitFor();
  // The organisation picker lists the organisations of the chosen commune (and of its villages).
  const organisation = page.getByRole('combobox', { name: 'Cơ quan, tổ chức' });
  await organisation.locator('option', { hasText: ORGANISATION }).waitFor({ state: 'attached' });
  expect(await organisation.locator('option', { hasText: 'Trường THPT Phường Mẫu Hai' }).count()).toBe(0);
  await organisation.selectOption({ label: ORGANISATION });
  await page.getByRole('checkbox', { name: 'Người dân', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Người cao tuổi' }).check();
  expect(await largeText(page)).toBe(false);
  await page.getByRole('checkbox', { name: 'Chữ to hơn' }).check();
  expect(await largeText(page)).toBe(true);
  await expectAccessible(page, 'profile-large-text');
  // High contrast applies at once too, and keeps every contrast check passing.
  const contrast = page.getByRole('checkbox', { name: 'Tương phản cao' });
  await contrast.check();
  expect(await highContrast(page)).toBe(true);
  await expectAccessible(page, 'profile-high-contrast');
  await contrast.uncheck();
  expect(await highContrast(page)).toBe(false);
  await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu hồ sơ của bạn.' }).waitFor();
  await page.getByText(`Nơi bạn đang ở: ${COMMUNE}`).waitFor();

  await page.reload();
  await heading(page, 'Hồ sơ của tôi');
  await page.getByText(`Nơi bạn đang ở: ${COMMUNE}`).waitFor();
  expect(await page.getByRole('checkbox', { name: 'Người dân', exact: true }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Người cao tuổi' }).isChecked()).toBe(true);
  expect(await page.getByRole('checkbox', { name: 'Học sinh, sinh viên' }).isChecked()).toBe(false);
  expect(await page.getByRole('checkbox', { name: 'Chữ to hơn' }).isChecked()).toBe(true);
  expect(await largeText(page)).toBe(true);
  await page.getByText(`Cơ quan, tổ chức: ${ORGANISATION}`).waitFor();
  const saved = await apiFromPage<{
    unit: { name: string } | null;
    organisation: { name: string } | null;
    targetGroups: string[];
  }>(page, 'GET', '/me/profile');
  expect(saved.unit?.name).toBe(COMMUNE);
  expect(saved.organisation?.name).toBe(ORGANISATION);
  expect(saved.targetGroups).toEqual(['citizens']);

  // 6. A consent, in plain words, recorded with the text version.
  const consent = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Lưu kết quả học tập' }) });
  await consent.getByText('Bạn chưa trả lời.').waitFor();
  await consent.getByRole('button', { name: /^Đồng ý\s?: Lưu kết quả học tập$/ }).click();
  await page
    .getByRole('status')
    .filter({ hasText: 'Đã ghi nhận: bạn đồng ý “Lưu kết quả học tập”.' })
    .waitFor();
  await consent.getByText(/Bạn đã đồng ý ngày \d/).waitFor();
  await consent.getByRole('button', { name: /^Rút lại sự đồng ý\s?: Lưu kết quả học tập$/ }).waitFor();
  const { rows } = await db().query<{ purpose: string; text_version: string; granted: boolean }>(
    'SELECT purpose, text_version, granted FROM consents WHERE user_id = $1',
    [userId],
  );
  expect(rows).toEqual([{ purpose: 'learning-records', text_version: '2026-11', granted: true }]);
  await expectAccessible(page, 'profile-saved-consent');

  // A display choice that is not saved is only a preview: leaving the page puts the saved display back, and
  // this device does not keep it for the next visit.
  await page.getByRole('checkbox', { name: 'Tương phản cao' }).check();
  expect(await highContrast(page)).toBe(true);
  await page.getByRole('link', { name: 'Việc học của tôi' }).click();
  await heading(page, 'Việc học của tôi');
  expect(await highContrast(page)).toBe(false);
  expect(await largeText(page)).toBe(true);
  await page.reload();
  await heading(page, 'Việc học của tôi');
  expect(await highContrast(page)).toBe(false);
  expect(await largeText(page)).toBe(true);

  expect(pageErrors).toEqual([]);
});

it('lets a commune administrator require a course, and the learner and the administrator follow it', async () => {
  const due = nextMonth();
  const title = `An toàn trên mạng ${randomUUID().slice(0, 6)}`;

  // A learner living in the commune DEMO01 (set up through the api, as the profile page would).
  const learner = await newPhone();
  const learnerName = `Phan Thị Bắt Buộc ${randomUUID().slice(0, 4)}`;
  const learnerEmail = `mandate-${randomUUID().slice(0, 12)}@example.com`;
  await signUpThroughApi(learner, {
    displayName: learnerName,
    identifier: learnerEmail,
    password: PASSWORD,
  });
  await liveInDemoCommune(learner);
  // Named to the commune only with their consent (docs/consent-and-rosters.md).
  await apiFromPage(learner, 'POST', '/me/consents', {
    purpose: 'data-sharing-unit',
    textVersion: '2026-11',
    granted: true,
  });
  const courseTitle = (await apiFromPage<{ title: string }>(learner, 'GET', `/courses/${COURSE_ID}?lang=vi`))
    .title;

  // 1. The administrator finds the admin area in the account menu.
  const admin = await newPhone();
  await signIn(admin, 'unit-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await admin.getByRole('button', { name: 'Tài khoản' }).click();
  await admin.locator('#account-menu').getByRole('link', { name: 'Quản trị' }).click();
  await heading(admin, 'Quản trị');
  await admin.getByRole('navigation', { name: 'Các trang quản trị' }).waitFor();
  // Only system administrators read the mail outbox.
  expect(await admin.getByRole('link', { name: 'Hộp thư đi' }).count()).toBe(0);
  await expectAccessible(admin, 'admin-home');

  // 2. A new mandate: first with nothing filled in (every problem listed, with links to the fields).
  await admin.getByRole('link', { name: 'Khóa học bắt buộc' }).first().click();
  await heading(admin, 'Khóa học bắt buộc');
  await expectAccessible(admin, 'mandates-list');
  await admin.getByRole('link', { name: 'Tạo yêu cầu mới' }).click();
  await heading(admin, 'Tạo yêu cầu học bắt buộc');
  await admin.getByRole('checkbox', { name: courseTitle }).waitFor();
  await admin.getByRole('button', { name: 'Tạo yêu cầu' }).click();
  const summary = admin.getByRole('alert').filter({ hasText: 'Chưa tạo được' });
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  await summary.getByRole('link', { name: 'Hãy chọn ít nhất một khóa học.' }).waitFor();
  await summary.getByRole('link', { name: 'Hãy chọn địa bàn áp dụng.' }).waitFor();
  await expectAccessible(admin, 'mandate-form-errors');
  // Each link of the summary moves the focus to its field: the courses' to the first course's box.
  await summary.getByRole('link', { name: 'Hãy chọn ít nhất một khóa học.' }).click();
  const firstCourseBox = admin
    .getByRole('group', { name: 'Khóa học bắt buộc (chọn một hoặc nhiều)' })
    .getByRole('checkbox')
    .first();
  expect(await firstCourseBox.evaluate((el) => el === document.activeElement)).toBe(true);
  await summary.getByRole('link', { name: 'Hãy nhập tên yêu cầu, ít nhất 3 ký tự.' }).click();
  expect(await isFocused(admin, 'Tên yêu cầu', 'textbox')).toBe(true);

  await admin.getByRole('textbox', { name: 'Tên yêu cầu' }).fill(title);
  await admin.getByRole('checkbox', { name: courseTitle }).check();
  const province = admin.getByRole('combobox', { name: 'Tỉnh, thành phố' });
  await province.locator('option', { hasText: PROVINCE }).waitFor({ state: 'attached' });
  await province.selectOption({ label: PROVINCE });
  const commune = admin.getByRole('combobox', { name: 'Xã, phường, đặc khu' });
  await commune.locator('option', { hasText: COMMUNE }).waitFor({ state: 'attached' });
  await commune.selectOption({ label: COMMUNE });
  // Optional: one organisation of the commune; left at "the whole area" here.
  const organisation = admin.getByRole('combobox', { name: 'Cơ quan, tổ chức' });
  await organisation.locator('option', { hasText: ORGANISATION }).waitFor({ state: 'attached' });
  expect(await organisation.inputValue()).toBe('');
  await admin.getByLabel('Hạn hoàn thành').fill(due.iso);
  await admin.getByRole('spinbutton', { name: 'Số ngày gia hạn' }).fill('0');
  await expectAccessible(admin, 'mandate-form-filled');
  await admin.getByRole('button', { name: 'Tạo yêu cầu' }).click();

  // 3. The compliance page: counts, filters, the learner, the CSV.
  await heading(admin, title);
  const mandateId = new URL(admin.url()).pathname.split('/').pop()!;
  await admin.getByRole('status').filter({ hasText: 'Đã tạo yêu cầu học bắt buộc.' }).waitFor();
  await admin.getByText(`Hạn hoàn thành: ${due.vi}`).waitFor();
  const counts = admin.getByRole('region', { name: 'Số người theo trạng thái' });
  await counts.getByText('Được giao').waitFor();
  const learners = admin.getByRole('table', { name: `Người học của yêu cầu “${title}”` });
  const row = learners.getByRole('row').filter({ hasText: learnerName });
  await row.getByText('Chưa bắt đầu').waitFor();
  await row.getByText('0/1').waitFor();
  await expectAccessible(admin, 'compliance');

  const filters = admin.getByRole('navigation', { name: 'Lọc theo trạng thái' });
  await filters.getByRole('link', { name: /^Quá hạn \(0\)$/ }).click();
  await admin.getByText('Không có người học nào ở trạng thái này.').waitFor();
  expect(await filters.getByRole('link', { name: /^Quá hạn/ }).getAttribute('aria-current')).toBe('page');
  await expectAccessible(admin, 'compliance-filter-empty');
  await filters.getByRole('link', { name: /^Chưa bắt đầu/ }).click();
  await admin
    .getByRole('status')
    .filter({ hasText: /Đang hiện \d+ người: Chưa bắt đầu\./ })
    .waitFor();
  await learners.getByRole('row').filter({ hasText: learnerName }).waitFor();

  const csvLink = admin.getByRole('link', { name: /Tải CSV/ });
  expect(await csvLink.getAttribute('href')).toBe(`/api/admin/mandates/${mandateId}/compliance.csv`);
  const csv = await admin.evaluate(async (href) => {
    const response = await fetch(href);
    return {
      status: response.status,
      type: response.headers.get('content-type'),
      text: await response.text(),
    };
  }, `/api/admin/mandates/${mandateId}/compliance.csv`);
  expect(csv.status).toBe(200);
  expect(csv.type).toMatch(/^text\/csv/);
  expect(csv.text).toContain(learnerName);

  // 4. The learner sees it under "Bắt buộc" on My learning, on the course card and on the course page.
  await learner.goto('/me/learning');
  await heading(learner, 'Việc học của tôi');
  const required = learner.getByRole('region', { name: 'Bắt buộc' });
  const mandate = required
    .getByRole('listitem')
    .filter({ has: learner.getByRole('heading', { name: title }) });
  await mandate.getByText(`Hạn hoàn thành: ${due.vi}`).waitFor();
  await mandate.getByText('Chưa bắt đầu').waitFor();
  await mandate.getByRole('link', { name: courseTitle }).waitFor();
  await mandate.getByText('Chưa đăng ký').waitFor();
  await expectAccessible(learner, 'my-learning-required');

  await learner.goto('/');
  const card = learner
    .getByRole('listitem')
    .filter({ has: learner.getByRole('link', { name: courseTitle }) });
  await card.getByText(`Bắt buộc – hạn ${due.vi}`).waitFor();
  await expectAccessible(learner, 'catalogue-required-badge');
  await card.getByRole('link', { name: courseTitle }).click();
  await heading(learner, courseTitle);
  await learner.getByText(`Bắt buộc – hạn ${due.vi}`).waitFor();
  await learner.getByRole('button', { name: 'Đăng ký học' }).click();
  await learner.getByRole('status').filter({ hasText: 'Đăng ký thành công' }).waitFor();
  await expectAccessible(learner, 'course-required-enrolled');
  await learner.goto('/me/learning');
  await mandate.getByText('Đang thực hiện').waitFor();
  await mandate.getByText('Đang học').waitFor();

  // The administrator sees the learner move to "in progress".
  await admin.goto(`/admin/mandates/${mandateId}?status=in_progress`);
  await heading(admin, title);
  await learners.getByRole('row').filter({ hasText: learnerName }).getByText('Đang học').waitFor();
  await expectAccessible(admin, 'compliance-in-progress');

  // 5. The learners list: search, a table that reads as cards on the phone.
  await admin
    .getByRole('navigation', { name: 'Các trang quản trị' })
    .getByRole('link', { name: 'Người học' })
    .click();
  await heading(admin, 'Người học');
  await admin.getByRole('searchbox', { name: 'Tìm người học' }).fill(learnerName.toLowerCase());
  await admin.getByRole('button', { name: 'Tìm', exact: true }).click();
  await admin.getByRole('status').filter({ hasText: 'Có 1 người học khớp với' }).waitFor();
  const found = admin
    .getByRole('table', { name: 'Danh sách người học' })
    .getByRole('row')
    .filter({ hasText: learnerName });
  await found.getByText(COMMUNE).waitFor();
  await found.getByText('Hoàn thành 0/1 khóa đã đăng ký').waitFor();
  const rowBox = await found.boundingBox();
  expect(rowBox!.width).toBeLessThanOrEqual(360);
  await expectAccessible(admin, 'learners-search');

  // 6. A CSV import, checked first: the report lists what would be created and each rejected line.
  await admin
    .getByRole('navigation', { name: 'Các trang quản trị' })
    .getByRole('link', { name: 'Nhập dữ liệu' })
    .click();
  await heading(admin, 'Nhập dữ liệu từ tệp CSV');
  // A commune administrator imports organisations and rosters, not administrative units.
  expect(await admin.getByRole('radio', { name: /Đơn vị hành chính/ }).count()).toBe(0);
  expect(await admin.getByRole('checkbox', { name: /Kiểm tra trước \(không ghi\)/ }).isChecked()).toBe(true);
  await admin.getByRole('radio', { name: /Danh sách người học/ }).check();
  await admin.getByRole('group', { name: 'Ghi danh vào khóa học' }).getByRole('checkbox').first().waitFor();
  await expectAccessible(admin, 'imports-roster');
  await admin.getByRole('radio', { name: /Cơ quan, tổ chức/ }).check();
  const code = `E2E${randomUUID().slice(0, 6).toUpperCase()}`;
  await admin.getByLabel('Tệp CSV').setInputFiles({
    name: 'to-chuc.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `code,name,kind,unit_code\n${code},Tổ hợp tác Thử nghiệm,cooperative,DEMO01\nbad code!,,spaceship,DEMO01\n`,
    ),
  });
  await admin.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  const report = admin.getByRole('region', { name: 'Kết quả kiểm tra (chưa ghi)' });
  await report.waitFor();
  expect(await isFocused(admin, 'Kết quả kiểm tra (chưa ghi)')).toBe(true);
  await report.getByText('Đây mới là kiểm tra thử: chưa có gì được lưu.').waitFor();
  expect(await report.locator('.counts__item--created .counts__number').textContent()).toBe('1');
  expect(await report.locator('.counts__item--rejected .counts__number').textContent()).toBe('1');
  const rejected = report.getByRole('table', { name: 'Các dòng bị từ chối' });
  await rejected.getByRole('row').filter({ hasText: 'Dòng 3' }).first().waitFor();
  await rejected.getByText('kind', { exact: true }).waitFor();
  await expectAccessible(admin, 'imports-dry-run-report');
  const written = await db().query('SELECT 1 FROM organisations WHERE code = $1', [code]);
  expect(written.rowCount).toBe(0);

  // The frameworks, with the items whose official wording is not confirmed marked provisional.
  await admin
    .getByRole('navigation', { name: 'Các trang quản trị' })
    .getByRole('link', { name: 'Khung năng lực' })
    .click();
  await heading(admin, 'Khung năng lực số');
  const circular = admin.getByRole('region', { name: /Khung năng lực số cho người học/ });
  await circular.getByText(/^6\. /).click();
  await circular.getByText('6.1', { exact: true }).waitFor();
  expect(await admin.getByText('· tạm thời').count()).toBeGreaterThan(3);
  await expectAccessible(admin, 'frameworks');

  // The audit log of the commune: the mandate the administrator created is there, with its values.
  await admin
    .getByRole('navigation', { name: 'Các trang quản trị' })
    .getByRole('link', { name: 'Nhật ký thao tác' })
    .click();
  await heading(admin, 'Nhật ký thao tác');
  await admin.getByLabel('Loại thao tác').selectOption({ label: 'Khóa học bắt buộc' });
  const entry = admin
    .getByRole('list', { name: 'Các thao tác, mới nhất trước' })
    .getByRole('listitem')
    .first();
  await entry.getByRole('heading', { name: 'Giao khóa học bắt buộc' }).waitFor();
  await entry.getByText('Xem giá trị trước và sau').click();
  await entry.getByRole('heading', { name: 'Sau' }).waitFor();
  await expectAccessible(admin, 'audit-log');

  // 7. The system administrator reads the mail outbox.
  const system = await newPhone();
  await signIn(system, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await system.goto('/admin');
  await heading(system, 'Quản trị');
  await system
    .getByRole('navigation', { name: 'Các trang quản trị' })
    .getByRole('link', { name: 'Hộp thư đi' })
    .click();
  await heading(system, 'Hộp thư đi');
  await system.getByRole('button', { name: 'Tải lại' }).waitFor();
  await system.locator('.card-list, .panel').first().waitFor();
  await expectAccessible(system, 'mail-outbox');
  // The area's table of pages downloads with the area (features/admin/admin-routes.tsx): a page opened from
  // its address, and an address under /admin that names no page, which is the app's "not found" page.
  await system.goto('/admin/audit-log');
  await heading(system, 'Nhật ký thao tác');
  await system.goto('/admin/khong-co-trang-nay');
  await heading(system, 'Không tìm thấy trang');
  expect(await system.getByRole('navigation', { name: 'Các trang quản trị' }).count()).toBe(0);

  // The learner is no administrator.
  await learner.goto('/admin');
  await heading(learner, 'Bạn không có quyền xem trang này');
  await expectAccessible(learner, 'admin-no-access');

  expect(pageErrors).toEqual([]);
});

// ---------- An issued certificate (with the worker this file starts) ----------

interface CertificateRow {
  id: string;
  status: string;
  verifyUrl: string;
  courseTitle: string;
}

describe('an issued certificate', () => {
  let worker: ChildProcess | undefined;
  const workerOutput: string[] = [];

  beforeAll(() => {
    worker = startWorker(baseUrl(), databaseUrl(), workerOutput);
  });

  afterAll(async () => {
    await stopWorker(worker);
  });

  it('is downloaded, shared and verified by the learner, and suspended, reinstated and revoked by the province', async () => {
    const learner = await newPhone();
    await learner.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = `Vũ Thị Chứng Chỉ ${randomUUID().slice(0, 4)}`;
    const email = `certificate-${randomUUID().slice(0, 12)}@example.com`;
    await signUpThroughApi(learner, {
      displayName: name,
      identifier: email,
      password: PASSWORD,
    });
    const userId = (await db().query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]))
      .rows[0]!.id;
    // Living in the commune DEMO01 of the province DEMO, so the province administrator may act on it.
    await liveInDemoCommune(learner);
    await completeCourse(db(), learner, userId, COURSE_ID);

    // The worker signs it within a few seconds.
    let certificate: CertificateRow | undefined;
    const deadline = Date.now() + 90_000;
    while (certificate?.status !== 'valid') {
      if (Date.now() > deadline)
        throw new Error(`no certificate was issued in 90 s; worker said:\n${workerOutput.join('')}`);
      await learner.waitForTimeout(1000);
      const mine = await apiFromPage<{ items: CertificateRow[] }>(learner, 'GET', '/me/certificates?lang=vi');
      certificate = mine.items.find((c) => c.status !== undefined);
    }
    const certificateId = certificate.id;
    const courseTitle = certificate.courseTitle;

    // 1. My certificates: status, serial, date and the four actions.
    await learner.goto('/me/certificates');
    await heading(learner, 'Chứng chỉ của tôi');
    const card = learner
      .getByRole('listitem')
      .filter({ has: learner.getByRole('heading', { name: courseTitle }) });
    await card.getByText('Trạng thái: Hợp lệ').waitFor();
    await card.getByText(/^HVS-\d{4}-/).waitFor();
    const pdf = card.getByRole('link', { name: /^Tải PDF/ });
    const json = card.getByRole('link', { name: /^Tải chứng chỉ có chữ ký số/ });
    const pdfHref = (await pdf.getAttribute('href'))!;
    const jsonHref = (await json.getAttribute('href'))!;
    expect(jsonHref).toBe(`/api/credentials/${certificateId}?download=1`);
    const downloads = await learner.evaluate(
      async ([pdfUrl, jsonUrl]) => {
        const p = await fetch(pdfUrl!);
        const j = await fetch(jsonUrl!);
        return {
          pdf: [p.status, p.headers.get('content-type')],
          json: [j.status, j.headers.get('content-disposition')],
          credential: (await j.json()) as Record<string, unknown>,
        };
      },
      [pdfHref, jsonHref],
    );
    expect(downloads.pdf).toEqual([200, 'application/pdf']);
    expect(downloads.json[0]).toBe(200);
    expect(downloads.json[1]).toContain('attachment');
    expect(downloads.credential.id).toBe(`urn:uuid:${certificateId}`);
    // Plain words for the signed file, not "JSON" (issue 16, item 9).
    await learner.getByText(/^Chứng chỉ có chữ ký số là một tệp mà cơ quan/).waitFor();
    await expectAccessible(learner, 'certificates-issued');

    await card.getByRole('button', { name: /^Sao chép liên kết chia sẻ/ }).click();
    await learner
      .getByRole('status')
      .filter({ hasText: 'Đã sao chép liên kết chia sẻ của chứng chỉ' })
      .waitFor();
    expect(await learner.evaluate(() => navigator.clipboard.readText())).toBe(certificate.verifyUrl);
    expect(certificate.verifyUrl).toMatch(new RegExp(`/verify/${certificateId}$`));
    await expectAccessible(learner, 'certificates-link-copied');

    // 2. The verification page says valid and shows every claim in plain words.
    await card.getByRole('link', { name: /^Xem trang xác minh/ }).click();
    await heading(learner, 'Xác minh chứng chỉ');
    await learner.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();
    const claims = learner.getByRole('region', { name: 'Thông tin ghi trên chứng chỉ' });
    await claims.getByText(name).waitFor();
    await claims.getByText(courseTitle).waitFor();
    await claims.getByText('Học vụ số', { exact: true }).waitFor();
    expect(await claims.getByRole('link', { name: 'Tải chứng chỉ có chữ ký số' }).getAttribute('href')).toBe(
      jsonHref,
    );
    const checks = learner.getByRole('region', { name: 'Những gì đã được kiểm tra' });
    await checks.getByText('Chữ ký số đúng: nội dung chưa bị sửa đổi.').waitFor();
    // Not an administrator: no status form.
    expect(await learner.getByRole('heading', { name: 'Thay đổi trạng thái chứng chỉ' }).count()).toBe(0);
    await expectAccessible(learner, 'verify-valid');

    // Each competency links to its framework page (the alignment's targetUrl), which opens on it, focused.
    const competencyLinks = claims.locator('a[href^="/frameworks/"]');
    expect(await competencyLinks.count()).toBeGreaterThan(0);
    const href = (await competencyLinks.first().getAttribute('href'))!;
    const code = decodeURIComponent(href.split('#')[1]!);
    await competencyLinks.first().click();
    await learner.waitForURL((url) => `${url.pathname}${url.hash}` === href);
    await learner.waitForFunction((id) => document.activeElement?.id === id, code);
    const box = await learner.evaluate(() => document.activeElement!.getBoundingClientRect().top);
    expect(box).toBeGreaterThan(0);
    expect(box).toBeLessThan(740);
    await expectAccessible(learner, 'framework-from-certificate');

    // 3. The downloaded file, pasted: valid; the same file with another name: changed.
    await learner.goto('/verify');
    const textarea = learner.getByRole('textbox', { name: 'Nội dung chứng chỉ có chữ ký số (tệp .json)' });
    await textarea.fill(JSON.stringify(downloads.credential));
    await learner.getByRole('button', { name: 'Kiểm tra chứng chỉ' }).click();
    await learner.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();
    const forged = JSON.parse(JSON.stringify(downloads.credential)) as {
      credentialSubject: { identifier: Array<{ identityHash: string }> };
    };
    forged.credentialSubject.identifier[0]!.identityHash = 'Người Khác Mạo Danh';
    await textarea.fill(JSON.stringify(forged));
    await learner.getByRole('button', { name: 'Kiểm tra chứng chỉ' }).click();
    await learner.getByRole('heading', { level: 2, name: 'Chứng chỉ đã bị sửa đổi' }).waitFor();
    await learner.getByText('Người Khác Mạo Danh', { exact: true }).waitFor();
    await expectAccessible(learner, 'verify-tampered');

    // 4. The province administrator: suspend (a reason is required), reinstate, revoke.
    const province = await newPhone();
    await signIn(province, 'province-admin@demo.hocvuso.example', DEMO_PASSWORD);
    await province.goto(`/verify/${certificateId}`);
    await province.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();
    const form = province.getByRole('region', { name: 'Thay đổi trạng thái chứng chỉ' });
    expect(await form.getByRole('radio', { name: /^Khôi phục/ }).count()).toBe(0);
    await form.getByRole('button', { name: 'Xác nhận' }).click();
    await form.getByText('Hãy chọn một việc cần làm.').waitFor();
    await form.getByRole('radio', { name: /^Tạm đình chỉ/ }).check();
    await form.getByRole('button', { name: 'Tạm đình chỉ chứng chỉ' }).click();
    await form.getByText('Hãy ghi lý do, ít nhất 3 ký tự.').waitFor();
    expect(await isFocused(province, 'Lý do (bắt buộc)', 'textbox')).toBe(true);
    await expectAccessible(province, 'status-form-errors');
    await form
      .getByRole('textbox', { name: 'Lý do (bắt buộc)' })
      .fill('Đang xác minh lại danh tính người học.');
    await form.getByRole('button', { name: 'Tạm đình chỉ chứng chỉ' }).click();
    await form.getByRole('status').filter({ hasText: 'Đã tạm đình chỉ chứng chỉ.' }).waitFor();
    await province.getByRole('heading', { level: 2, name: 'Chứng chỉ đang bị tạm đình chỉ' }).waitFor();
    await expectAccessible(province, 'verify-suspended');

    await form.getByRole('radio', { name: /^Khôi phục/ }).check();
    await form.getByRole('textbox', { name: 'Lý do (bắt buộc)' }).fill('Đã xác minh xong, thông tin đúng.');
    await form.getByRole('button', { name: 'Khôi phục chứng chỉ' }).click();
    await province.getByRole('heading', { level: 2, name: 'Chứng chỉ hợp lệ' }).waitFor();

    await form.getByRole('radio', { name: /^Thu hồi/ }).check();
    await form.getByRole('textbox', { name: 'Lý do (bắt buộc)' }).fill('Cấp nhầm người.');
    await form.getByRole('button', { name: 'Thu hồi chứng chỉ' }).click();
    await province.getByRole('heading', { level: 2, name: 'Chứng chỉ đã bị thu hồi' }).waitFor();
    await form.getByText('Việc thu hồi là vĩnh viễn', { exact: false }).waitFor();
    await expectAccessible(province, 'verify-revoked');

    // 5. The learner sees it revoked too.
    await learner.goto('/me/certificates');
    await card.getByText('Trạng thái: Đã bị thu hồi').waitFor();
    await expectAccessible(learner, 'certificates-revoked');

    expect(pageErrors).toEqual([]);
  });
});
