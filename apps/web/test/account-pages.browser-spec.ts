/**
 * The account pages in a real browser on a phone-sized screen (360 × 740), with axe on every state:
 *  - a learner signed in on two more phones sees them listed in plain words ("Chrome trên Android"), signs
 *    one out (its next api call is refused), then all the others, then everywhere; downloads the data export
 *    (a real JSON file with the learner's name); deletes the account after a confirmation dialog that wants
 *    the password (signing in afterwards fails);
 *  - the community helper (community-helper@demo.hocvuso.example, commune DEMO01) sees only their part of the
 *    admin area, registers a person who has only a phone, and reads the one-time code off the page; the
 *    person signs in with it from a fresh browser through the api (the code sign-in page is built elsewhere)
 *    and their sessions page says how they signed in; their account, which has no password, is deleted
 *    without one (a recent sign-in is what the api asks instead);
 *  - a learner answers "Danh tính số" on the profile (VNeID level 2, a bank account on the phone): nothing
 *    answered is listed and focused, the answers are saved with the date and kept after a reload, a "yes" is
 *    withdrawn (the api keeps the history), and saving the same answers again writes nothing.
 *
 * Needs E2E_BASE_URL (the api serving the built web app, demo accounts seeded).
 * Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every checked state.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Page } from 'playwright-core';
import {
  apiFromPage,
  callApi,
  hasFocus as isFocused,
  heading,
  signIn,
  signUpThroughApi,
  usePhoneHarness,
} from './support/phone-harness';

const PASSWORD = 'mat-khau-an-toan-2026';
const HELPER = 'community-helper@demo.hocvuso.example';
const DEMO_PASSWORD = 'hocvuso-demo';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';

/** A cheap Android phone and an iPhone, as their browsers introduce themselves. */
const ANDROID_CHROME =
  'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

jest.setTimeout(180_000);

const harness = usePhoneHarness({ purpose: 'the account pages journeys', screenshotPrefix: 'account' });
const { pageErrors, expectAccessible } = harness;

/** A fresh phone: its own cookies (its own session), optionally another browser's user agent. */
const newPhone = (userAgent?: string) => harness.newPhone({ userAgent });

/** The header's navigation (its "Đăng nhập" link shows the learner is signed out). */
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Điều hướng chính' });

/** The cards of the sessions page, by their heading (the device in plain words). */
const sessionCard = (page: Page, device: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: device }) });

it('lets a learner see and sign out devices, download their data and delete the account', async () => {
  const name = 'Phan Thị Phiên Đăng Nhập';
  const email = `sessions-${randomUUID().slice(0, 12)}@example.com`;
  const page = await newPhone();

  // 1. A new account: one device, this one.
  await page.goto('/sign-up?next=/me/sessions');
  await heading(page, 'Tạo tài khoản');
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  // The optional place-and-group step after sign-up: skipped here (docs/learners.md).
  await heading(page, 'Bạn thuộc nhóm nào, sống ở đâu?');
  await page.getByRole('button', { name: 'Để sau' }).click();
  await page.waitForURL('**/me/sessions');
  await heading(page, 'Thiết bị đang đăng nhập');
  await page.getByText('Có 1 thiết bị đang đăng nhập.').waitFor();
  const here = sessionCard(page, 'Chrome trên Linux');
  await here.getByText('Thiết bị bạn đang dùng').waitFor();
  await here.getByText('Bằng mật khẩu').waitFor();
  expect(await here.getByRole('button').count()).toBe(0);
  await page.getByText('Không có thiết bị nào khác đang đăng nhập.').waitFor();
  await expectAccessible(page, 'sessions-one');

  // 2. The same learner signs in on an Android phone: two devices, told apart in plain words.
  const android = await newPhone(ANDROID_CHROME);
  await signIn(android, email, PASSWORD);
  await page.reload();
  await page.getByText('Có 2 thiết bị đang đăng nhập.').waitFor();
  const phone = sessionCard(page, 'Chrome trên Android');
  await phone.getByText('Điện thoại').waitFor();
  await phone.getByText('Bằng mật khẩu').waitFor();
  expect(await phone.getByText('Thiết bị bạn đang dùng').count()).toBe(0);
  await expectAccessible(page, 'sessions-two');

  // 3. Sign the phone out: said on the page, focus kept at the list, and the phone's next call is refused.
  expect(await callApi(android, 'GET', '/auth/me')).toMatchObject({ status: 200 });
  await phone.getByRole('button', { name: /^Đăng xuất thiết bị\s?: Chrome trên Android$/ }).click();
  await page.getByRole('status').filter({ hasText: 'Đã đăng xuất thiết bị Chrome trên Android.' }).waitFor();
  await page.getByText('Có 1 thiết bị đang đăng nhập.').waitFor();
  expect(await isFocused(page, '#sessions-list-heading')).toBe(true);
  await expectAccessible(page, 'sessions-signed-out-one');
  const refused = await callApi(android, 'GET', '/auth/me');
  expect(refused.status).toBe(401);
  expect(refused.body).toMatchObject({ code: 'UNAUTHENTICATED' });

  // 4. Two more phones, then "sign out all other devices": this one stays signed in.
  const iphone = await newPhone(IPHONE_SAFARI);
  await signIn(iphone, email, PASSWORD);
  await signIn(android, email, PASSWORD);
  await page.reload();
  await page.getByText('Có 3 thiết bị đang đăng nhập.').waitFor();
  await sessionCard(page, 'Safari trên iOS').getByText('Điện thoại').waitFor();
  await page.getByRole('button', { name: 'Đăng xuất tất cả thiết bị khác' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã đăng xuất 2 thiết bị khác.' }).waitFor();
  await page.getByText('Có 1 thiết bị đang đăng nhập.').waitFor();
  expect(await isFocused(page, '#sessions-list-heading')).toBe(true);
  expect((await callApi(iphone, 'GET', '/auth/me')).status).toBe(401);
  expect((await callApi(android, 'GET', '/auth/me')).status).toBe(401);
  expect((await callApi(page, 'GET', '/auth/me')).status).toBe(200);
  await expectAccessible(page, 'sessions-signed-out-others');

  // 5. In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await heading(page, 'Signed-in devices');
  await page.getByText('1 device is signed in.').waitFor();
  await sessionCard(page, 'Chrome on Linux').getByText('This device').waitFor();
  await expectAccessible(page, 'sessions-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await heading(page, 'Thiết bị đang đăng nhập');

  // 6. Sign out everywhere, this phone included: back on the catalogue, signed out, told so.
  await signIn(android, email, PASSWORD);
  await page.getByRole('button', { name: 'Đăng xuất khỏi mọi thiết bị' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('status').filter({ hasText: 'Bạn đã đăng xuất khỏi tất cả các thiết bị.' }).waitFor();
  await mainNav(page).getByRole('link', { name: 'Đăng nhập' }).waitFor();
  expect((await callApi(android, 'GET', '/auth/me')).status).toBe(401);
  expect((await callApi(page, 'GET', '/auth/me')).status).toBe(401);
  await expectAccessible(page, 'signed-out-everywhere');

  // 7. The profile says whether the identity is verified, and leads to the devices and the data.
  await signIn(page, email, PASSWORD);
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('link', { name: 'Hồ sơ của tôi' }).click();
  await heading(page, 'Hồ sơ của tôi');
  const security = page.getByRole('region', { name: 'Tài khoản và bảo mật' });
  await security.getByText('Danh tính chưa được xác minh').waitFor();
  await security.getByRole('link', { name: 'Xem các thiết bị đang đăng nhập' }).waitFor();
  await expectAccessible(page, 'profile-account-security');
  await security.getByRole('link', { name: 'Tải về dữ liệu của tôi hoặc xóa tài khoản' }).click();
  await heading(page, 'Dữ liệu và tài khoản');
  await page.getByText('Chứng chỉ đã cấp vẫn kiểm tra được', { exact: false }).waitFor();
  await expectAccessible(page, 'privacy');

  // 8. The data export: a real download, named by the day, holding the learner's name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Tải về dữ liệu (JSON)' }).click(),
  ]);
  const file = download.suggestedFilename();
  expect(file).toMatch(/^hocvuso-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
    format: string;
    account: { displayName: string; email: string };
    sessions: unknown[];
  };
  expect(exported.format).toBe('hocvuso-personal-data/1');
  expect(exported.account).toMatchObject({ displayName: name, email });
  expect(exported.sessions.length).toBeGreaterThanOrEqual(4);
  await page
    .getByRole('status')
    .filter({ hasText: `Đã tải về tệp “${file}”` })
    .waitFor();
  await expectAccessible(page, 'privacy-exported');

  // 9. Deleting: a modal dialog, focus on the password; Escape cancels and gives the focus back.
  const deleteButton = page.getByRole('button', { name: 'Xóa tài khoản của tôi…' });
  await deleteButton.click();
  const dialog = page.getByRole('dialog', { name: 'Xóa vĩnh viễn tài khoản?' });
  await dialog.waitFor();
  expect(await dialog.getAttribute('aria-describedby')).toBeTruthy();
  await dialog.getByText(`Tài khoản “${name}” sẽ bị xóa`).waitFor();
  expect(await isFocused(page, '#privacy-delete-password')).toBe(true);
  await expectAccessible(page, 'privacy-delete-dialog');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  expect(await deleteButton.evaluate((el) => el === document.activeElement)).toBe(true);

  // No password, then a wrong one: said at the field, which gets the focus.
  await deleteButton.click();
  const password = dialog.getByLabel('Mật khẩu của bạn');
  await dialog.getByRole('button', { name: 'Xóa vĩnh viễn tài khoản' }).click();
  await dialog.getByText('Hãy nhập mật khẩu của bạn.').waitFor();
  expect(await password.getAttribute('aria-invalid')).toBe('true');
  expect(await password.getAttribute('aria-describedby')).toContain('privacy-delete-password-error');
  await expectAccessible(page, 'privacy-delete-password-required');
  await password.fill('khong-phai-mat-khau');
  await dialog.getByRole('button', { name: 'Xóa vĩnh viễn tài khoản' }).click();
  await dialog.getByText('Mật khẩu không đúng.').waitFor();
  expect(await isFocused(page, '#privacy-delete-password')).toBe(true);
  expect((await callApi(page, 'GET', '/auth/me')).status).toBe(200);

  // The right password: deleted, signed out, told so on the catalogue.
  await password.fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Xóa vĩnh viễn tài khoản' }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('status').filter({ hasText: 'Tài khoản của bạn đã được xóa.' }).waitFor();
  await mainNav(page).getByRole('link', { name: 'Đăng nhập' }).waitFor();
  await expectAccessible(page, 'account-deleted');

  // 10. Signing in with the old e-mail and password fails now.
  await page.goto('/sign-in');
  await heading(page, 'Đăng nhập');
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Email, số điện thoại hoặc mật khẩu chưa đúng.', { exact: false }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  expect(
    (await callApi(page, 'POST', '/auth/sign-in', { identifier: email, password: PASSWORD })).status,
  ).toBe(401);

  expect(pageErrors).toEqual([]);
});

it('lets a community helper register a person who has only a phone, who then signs in with the code', async () => {
  const page = await newPhone();
  const phoneNumber = `09${String(Math.floor(10_000_000 + Math.random() * 89_999_999))}`;
  const person = 'Lò Thị Mai';

  // 1. The helper's account menu leads to their part of the admin area, and only to it.
  await signIn(page, HELPER, DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('link', { name: 'Đăng ký hộ người dân' }).click();
  await heading(page, 'Hỗ trợ người dân');
  const subnav = page.getByRole('navigation', { name: 'Các trang quản trị' });
  expect(await subnav.getByRole('link').allTextContents()).toEqual(['Tổng quan', 'Đăng ký hộ']);
  await expectAccessible(page, 'helper-home');
  await page.goto('/admin/learners');
  await heading(page, 'Bạn không có quyền xem trang này');

  // 2. The registration form starts at the helper's own commune.
  await page.goto('/admin/registrations');
  await heading(page, 'Đăng ký hộ người dân');
  const commune = page.getByLabel('Xã, phường, đặc khu');
  await commune.locator('option:checked', { hasText: COMMUNE }).waitFor({ state: 'attached' });
  await page.getByText('Học vụ số lưu các bài bạn đã học', { exact: false }).waitFor();
  await expectAccessible(page, 'registration-empty');

  // Nothing filled in: a summary that takes the focus, each problem at its field.
  await page.getByRole('button', { name: 'Đăng ký và tạo mã đăng nhập' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Chưa đăng ký được.' });
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  await summary.getByRole('link', { name: 'Hãy nhập họ và tên của người được đăng ký.' }).waitFor();
  expect(await page.getByLabel('Họ và tên').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#registration-in-person').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(page, 'registration-problems');
  await summary.getByRole('link', { name: /Số điện thoại chưa đúng/ }).click();
  expect(await isFocused(page, '#registration-phone')).toBe(true);

  // 3. Filled in with the person, who agreed to the learning records only.
  await page.getByLabel('Họ và tên').fill(person);
  await page.getByLabel('Số điện thoại di động').fill(phoneNumber);
  await page.getByLabel('Người dân', { exact: true }).check();
  await page.getByLabel('Người cao tuổi').check();
  await page.getByLabel('Người này đồng ý: Lưu kết quả học tập').check();
  await page.getByLabel(/Tôi đã đọc các nội dung trên cho người này nghe/).check();
  await page.getByRole('button', { name: 'Đăng ký và tạo mã đăng nhập' }).click();

  // 4. The code, large, with the phone, the expiry and how to hand it over; the heading has the focus.
  await heading(page, `Đã đăng ký cho ${person}`);
  expect(await isFocused(page, 'h1')).toBe(true);
  const shown = (await page.locator('.sign-in-code span[aria-hidden="true"]').textContent()) ?? '';
  expect(shown).toMatch(/^\d{4} \d{4}$/);
  const code = shown.replace(/\s/g, '');
  const facts = page.getByRole('region', { name: 'Mã đăng nhập một lần' });
  await facts
    .getByText(`0${phoneNumber.slice(1, 4)} ${phoneNumber.slice(4, 7)} ${phoneNumber.slice(7)}`)
    .waitFor();
  expect(await facts.locator('dd').nth(1).textContent()).toMatch(/\d{2}:\d{2}/);
  await page.getByText(`Chép mã này ra giấy và đưa tận tay cho ${person}.`).waitFor();
  await page.getByText('Mã chỉ dùng được một lần, hạn dùng đến', { exact: false }).waitFor();
  await expectAccessible(page, 'registration-done');

  // 5. The same phone again: said at the phone field.
  await page.getByRole('button', { name: 'Đăng ký người khác' }).click();
  await heading(page, 'Đăng ký hộ người dân');
  expect(await isFocused(page, '#registration-name')).toBe(true);
  await commune.locator('option:checked', { hasText: COMMUNE }).waitFor({ state: 'attached' });
  await page.getByLabel('Họ và tên').fill('Người Trùng Số');
  await page.getByLabel('Số điện thoại di động').fill(phoneNumber);
  await page.getByLabel('Người dân', { exact: true }).check();
  await page.getByLabel(/Tôi đã đọc các nội dung trên cho người này nghe/).check();
  await page.getByRole('button', { name: 'Đăng ký và tạo mã đăng nhập' }).click();
  await page
    .locator('#registration-phone-error')
    .getByText('Đã có tài khoản dùng số điện thoại này.', { exact: false })
    .waitFor();
  expect(await page.getByLabel('Số điện thoại di động').getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(page, 'registration-phone-taken');

  // 6. The person, on a phone of their own, signs in with the code (through the api: the code sign-in page
  //    is another piece of work), once.
  const theirs = await newPhone(ANDROID_CHROME);
  await theirs.goto('/');
  const signedIn = await callApi(theirs, 'POST', '/auth/sign-in-code', { phone: phoneNumber, code });
  expect(signedIn.status).toBe(200);
  expect(signedIn.body).toMatchObject({ displayName: person, email: null, mustSetPassword: true });
  const again = await newPhone();
  await again.goto('/');
  expect((await callApi(again, 'POST', '/auth/sign-in-code', { phone: phoneNumber, code })).status).toBe(401);

  // Their sessions page says how they signed in.
  await theirs.goto('/me/sessions');
  await heading(theirs, 'Thiết bị đang đăng nhập');
  const card = sessionCard(theirs, 'Chrome trên Android');
  await card.getByText('Bằng mã đăng nhập một lần').waitFor();
  await card.getByText('Thiết bị bạn đang dùng').waitFor();
  await expectAccessible(theirs, 'sessions-sign-in-code');

  // 6b. The person lost the code's paper: the helper gives a new code, after checking who they are.
  await page.goto('/admin/registrations');
  await page.getByRole('link', { name: 'Cấp mã đăng nhập mới' }).click();
  await heading(page, 'Cấp mã đăng nhập mới');
  await page.getByRole('button', { name: 'Cấp mã mới' }).click();
  const newCodeSummary = page.getByRole('alert').filter({ hasText: 'Chưa cấp được mã.' });
  await newCodeSummary.getByRole('link', { name: /Hãy xác nhận bạn đã gặp trực tiếp/ }).waitFor();
  expect(await page.locator('#new-code-identity').getAttribute('aria-invalid')).toBe('true');
  const nobody = phoneNumber === '0909000001' ? '0909000002' : '0909000001';
  await page.getByLabel('Số điện thoại di động').fill(nobody);
  await page.getByLabel(/Tôi đã gặp trực tiếp người này/).check();
  await page.getByRole('button', { name: 'Cấp mã mới' }).click();
  await page
    .locator('#new-code-phone-error')
    .getByText('Không có ai dùng số điện thoại này trong địa bàn bạn phụ trách.')
    .waitFor();
  await expectAccessible(page, 'new-code-not-found');
  await page.getByLabel('Số điện thoại di động').fill(phoneNumber);
  await page.getByRole('button', { name: 'Cấp mã mới' }).click();
  await heading(page, `Mã đăng nhập mới cho ${person}`);
  expect(await isFocused(page, 'h1')).toBe(true);
  await page.getByText('Mã cũ, nếu có, không dùng được nữa.').waitFor();
  const newCode = (
    (await page.locator('.sign-in-code span[aria-hidden="true"]').textContent()) ?? ''
  ).replace(/\s/g, '');
  expect(newCode).toMatch(/^\d{8}$/);
  await expectAccessible(page, 'new-code-done');
  const withNewCode = await newPhone();
  await withNewCode.goto('/');
  expect(
    (await callApi(withNewCode, 'POST', '/auth/sign-in-code', { phone: phoneNumber, code: newCode })).status,
  ).toBe(200);
  await withNewCode.close();

  // 7. An account without a password, signed in minutes ago: deleting it asks for no password.
  await theirs.goto('/me/privacy');
  await heading(theirs, 'Dữ liệu và tài khoản');
  await theirs.getByRole('button', { name: 'Xóa tài khoản của tôi…' }).click();
  const dialog = theirs.getByRole('dialog', { name: 'Xóa vĩnh viễn tài khoản?' });
  await dialog.getByText(`Tài khoản “${person}” sẽ bị xóa`).waitFor();
  await dialog.getByRole('button', { name: 'Xóa vĩnh viễn tài khoản' }).click();
  await theirs.waitForURL((url) => url.pathname === '/');
  await theirs.getByRole('status').filter({ hasText: 'Tài khoản của bạn đã được xóa.' }).waitFor();
  expect((await callApi(theirs, 'GET', '/auth/me')).status).toBe(401);

  expect(pageErrors).toEqual([]);
});

it('lets a learner declare VNeID level 2 and a bank account in plain words, and withdraw a "yes"', async () => {
  const page = await newPhone();
  await signUpThroughApi(page, {
    displayName: 'Lường Thị Khai Báo',
    identifier: `declare-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  await page.goto('/me/profile');
  await heading(page, 'Hồ sơ của tôi');
  const section = page.getByRole('region', { name: 'Danh tính số' });
  const card = (title: string) =>
    section.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });
  const vneid = card('Tài khoản VNeID mức 2');
  const bank = card('Tài khoản ngân hàng số');
  await vneid.getByText('Bạn chưa trả lời.').waitFor();
  await bank.getByText('Bạn chưa trả lời.').waitFor();
  // Nothing to withdraw yet.
  expect(await section.getByRole('button', { name: /Rút lại/ }).count()).toBe(0);
  await expectAccessible(page, 'digital-identity-empty');

  // 1. Saving without answering: both questions listed at the top, which takes the focus; nothing is sent.
  let puts = 0;
  page.on('request', (r) => {
    if (r.method() === 'PUT' && r.url().endsWith('/api/me/digital-identity')) puts += 1;
  });
  const save = section.getByRole('button', { name: 'Lưu câu trả lời' });
  await save.click();
  const summary = page.getByRole('alert').filter({ hasText: 'Chưa lưu được' });
  await summary.waitFor();
  expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await summary.getByRole('link', { name: 'Hãy chọn “Có” hoặc “Chưa”.' }).count()).toBe(2);
  expect(puts).toBe(0);
  await expectAccessible(page, 'digital-identity-unanswered');
  // The summary's first link leads to the first question's "yes".
  await summary.getByRole('link').first().click();
  const vneidYes = section.getByRole('radio', { name: 'Có, tôi đã kích hoạt mức 2' });
  expect(await vneidYes.evaluate((el) => el === document.activeElement)).toBe(true);

  // 2. Answered with the keyboard: Space picks the focused radio.
  await page.keyboard.press('Space');
  expect(await vneidYes.isChecked()).toBe(true);
  await section
    .getByRole('group', { name: 'Bạn có tài khoản ngân hàng dùng được trên điện thoại không?' })
    .getByRole('radio', { name: 'Chưa có', exact: true })
    .check();
  const saved = page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().endsWith('/api/me/digital-identity'),
  );
  await save.click();
  expect((await saved).status()).toBe(200);
  await section.getByRole('status').filter({ hasText: 'Đã lưu câu trả lời của bạn.' }).waitFor();
  await vneid.getByText(/Có — bạn tự khai ngày .*\d{4}\.$/).waitFor();
  await bank.getByText(/Chưa — bạn tự khai ngày/).waitFor();
  await expectAccessible(page, 'digital-identity-declared');

  // 3. Kept after a reload; saving the same answers again sends nothing.
  await page.reload();
  await heading(page, 'Hồ sơ của tôi');
  await vneid.getByText(/Có — bạn tự khai ngày/).waitFor();
  expect(await vneidYes.isChecked()).toBe(true);
  await save.click();
  await section.getByRole('status').filter({ hasText: 'Câu trả lời không thay đổi' }).waitFor();
  expect(puts).toBe(1);

  // 4. The "yes" is withdrawn with one button; the bank answer stays as it was.
  await vneid.getByRole('button', { name: /^Rút lại câu trả lời “Có”\W+Tài khoản VNeID mức 2$/ }).click();
  await section
    .getByRole('status')
    .filter({ hasText: 'Đã rút lại câu trả lời “Có” về Tài khoản VNeID mức 2.' })
    .waitFor();
  await vneid.getByText(/Chưa — bạn tự khai ngày/).waitFor();
  expect(await section.getByRole('button', { name: /Rút lại/ }).count()).toBe(0);
  expect(
    await apiFromPage<{ vneidLevel2: { value: boolean }; bankAccount: { value: boolean } }>(
      page,
      'GET',
      '/me/digital-identity',
    ),
  ).toMatchObject({
    vneidLevel2: { value: false, source: 'self' },
    bankAccount: { value: false, source: 'self' },
  });
  await expectAccessible(page, 'digital-identity-withdrawn');
  expect(pageErrors).toEqual([]);
});
