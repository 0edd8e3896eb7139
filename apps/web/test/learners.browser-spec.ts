/**
 * Sign-up asks for the place and target group, and asks again later; the administrators' learner list finds
 * people by name without diacritics and by phone, shows those who never filled in a profile to a system
 * administrator, filters and exports. In a real browser on a phone-sized screen (360 × 740), axe on every state:
 *  - a new learner signs up, chooses a target group and their commune in the optional step, lands where they
 *    were heading and is not asked again;
 *  - another skips the step: My learning asks (a dismissible prompt), "Later" hides it on the account (after a
 *    reload too), and 30 days later it is back and leads to the profile page;
 *  - the system administrator finds that person (no profile) typing the name without diacritics and filters
 *    "no profile"; the export link carries the filters;
 *  - the commune administrator (unit-admin@demo.hocvuso.example, commune DEMO01, capability identity.confirm)
 *    opens a learner of the commune from the list, confirms face to face VNeID level 2 and a bank account (a
 *    replay writes nothing), records in-person learning of a lesson (a future date is refused, a replay says it
 *    was already recorded); the learner's profile then says a helper confirmed it; a learner of another area is
 *    "not found" and changes nothing;
 *  - the same administrator edits a mandate with the create form in edit mode (a reason is required, an
 *    unchanged form is refused, only what changed is sent, audited); a change someone else made meanwhile
 *    reloads the form.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL. Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every state.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  apiFromPage,
  callApi,
  heading,
  signIn,
  signUpThroughApi,
  usePhoneHarness,
} from './support/phone-harness';

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

/** Today and a day on the Vietnam calendar, as a date input wants them (YYYY-MM-DD). */
const vietnamDay = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** A learner of the commune DEMO01 who agreed to be named to it; the phone stays signed in to them. */
async function communeLearner(name: string): Promise<{ page: Page; id: string }> {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: name,
    identifier: unique('confirm'),
    password: PASSWORD,
  });
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
  await apiFromPage(page, 'POST', '/me/consents', {
    purpose: 'data-sharing-unit',
    textVersion: '2026-11',
    granted: true,
  });
  return { page, id };
}

it('the commune administrator confirms face to face and records in-person learning; the learner sees who confirmed', async () => {
  const tag = randomUUID().slice(0, 6);
  const name = `Quàng Văn Xác Nhận ${tag}`;
  const learner = await communeLearner(name);
  // The learner said "yes" to VNeID level 2 themself, "not yet" to the bank account.
  await apiFromPage(learner.page, 'PUT', '/me/digital-identity', { vneidLevel2: true, bankAccount: false });
  const rows = async () =>
    (
      await db().query<{ kind: string; value: boolean; source: string }>(
        `SELECT kind::text AS kind, value, source::text AS source FROM declarations WHERE user_id = $1 ORDER BY at, kind::text`,
        [learner.id],
      )
    ).rows;
  expect(await rows()).toHaveLength(2);

  // 1. From the list to the learner's page (the name is a link).
  const admin = await newPhone();
  await signIn(admin, 'unit-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await admin.goto(`/admin/learners?q=${encodeURIComponent(name)}`);
  await heading(admin, 'Người học');
  await admin.getByRole('table', { name: 'Danh sách người học' }).getByRole('link', { name }).click();
  await heading(admin, name);
  await admin.getByText('Xã Mẫu Một (minh hoạ)').first().waitFor();
  await expectAccessible(admin, 'learner-page');

  // What the learner declared shows before anything is confirmed.
  const confirm = admin.getByRole('region', { name: 'Xác nhận trực tiếp' });
  await confirm.getByText(/VNeID mức 2: có \(người học tự khai ngày/).waitFor();
  await confirm.getByText(/Tài khoản ngân hàng số: chưa \(người học tự khai ngày/).waitFor();

  // 2. "Confirm" with nothing ticked: said next to the first box, which takes the focus; nothing is sent.
  await confirm.getByRole('button', { name: 'Xác nhận' }).click();
  await confirm.getByText('Hãy đánh dấu ít nhất một điều bạn đã thấy.').waitFor();
  const vneidBox = confirm.getByRole('checkbox', { name: 'Đã kích hoạt tài khoản VNeID mức 2' });
  expect(await vneidBox.evaluate((el) => el === document.activeElement)).toBe(true);
  await expectAccessible(admin, 'confirm-nothing-ticked');
  expect(await rows()).toHaveLength(2);

  // 3. Both seen, ticked with the keyboard and the mouse: two helper rows, audited once.
  await admin.keyboard.press('Space');
  await confirm.getByRole('checkbox', { name: /Có tài khoản ngân hàng/ }).check();
  await confirm.getByRole('button', { name: 'Xác nhận' }).click();
  const done = confirm.getByRole('status').filter({ hasText: 'Đã ghi nhận.' });
  await done.waitFor();
  await done.getByText(/VNeID mức 2: có \(xác nhận trực tiếp ngày .*, Hoàng Thị Quản Trị Xã\)/).waitFor();
  await confirm
    .getByRole('listitem')
    .filter({ hasText: /Tài khoản ngân hàng số: có \(xác nhận trực tiếp ngày/ })
    .waitFor();
  expect(await vneidBox.isChecked()).toBe(false);
  await expectAccessible(admin, 'confirmed');
  const byKind = (a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind);
  expect((await rows()).filter((r) => r.source === 'helper').sort(byKind)).toEqual([
    { kind: 'bank_account', value: true, source: 'helper' },
    { kind: 'vneid_level2', value: true, source: 'helper' },
  ]);

  // A replay (the helper presses again) writes nothing and audits nothing.
  await vneidBox.check();
  await confirm.getByRole('button', { name: 'Xác nhận' }).click();
  await done.waitFor();
  expect(await rows()).toHaveLength(4);
  const audits = await db().query(
    `SELECT 1 FROM audit_log WHERE action = 'identity.confirm' AND subject_id = $1`,
    [learner.id],
  );
  expect(audits.rowCount).toBe(1);

  // 4. In-person learning: nothing chosen, then a day after today, both refused before anything is sent.
  const inPerson = admin.getByRole('region', { name: 'Ghi nhận học trực tiếp' });
  await inPerson.getByRole('button', { name: 'Ghi nhận' }).click();
  const summary = admin.getByRole('alert').filter({ hasText: 'Chưa ghi được' });
  await summary.waitFor();
  await summary.getByRole('link', { name: 'Hãy chọn khóa học.' }).waitFor();
  await summary.getByRole('link', { name: 'Hãy chọn ngày học.' }).waitFor();
  await expectAccessible(admin, 'in-person-errors');
  const course = inPerson.getByRole('combobox', { name: 'Khóa học' });
  await course.locator('option', { hasText: 'lừa đảo' }).first().waitFor({ state: 'attached' });
  const courseTitle = (await course.locator('option', { hasText: 'lừa đảo' }).first().textContent())!;
  await course.selectOption({ label: courseTitle });
  const lesson = inPerson.getByRole('combobox', { name: 'Bài học (không bắt buộc)' });
  await lesson.locator('option').nth(1).waitFor({ state: 'attached' });
  const lessonTitle = (await lesson.locator('option').nth(1).textContent())!;
  await lesson.selectOption({ label: lessonTitle });
  await inPerson.getByLabel('Ngày học').fill(vietnamDay(1));
  await inPerson.getByRole('button', { name: 'Ghi nhận' }).click();
  await summary.getByRole('link', { name: 'Ngày học không được sau hôm nay.' }).waitFor();
  const recorded = () =>
    db().query(`SELECT course_id, note FROM in_person_learning WHERE user_id = $1`, [learner.id]);
  expect((await recorded()).rowCount).toBe(0);

  // Today, with a note: recorded once; pressing again says it was already recorded.
  await inPerson.getByLabel('Ngày học').fill(vietnamDay());
  await inPerson.getByLabel('Nơi học, ghi chú (không bắt buộc)').fill('Nhà văn hoá thôn Nà Khum');
  await inPerson.getByRole('button', { name: 'Ghi nhận' }).click();
  await inPerson
    .getByRole('status')
    .filter({ hasText: `Đã ghi nhận học trực tiếp: ${courseTitle}` })
    .waitFor();
  await expectAccessible(admin, 'in-person-recorded');
  await inPerson.getByRole('button', { name: 'Ghi nhận' }).click();
  await inPerson.getByRole('status').filter({ hasText: 'đã được ghi nhận trước đó' }).waitFor();
  expect((await recorded()).rows).toEqual([
    { course_id: expect.any(String), note: 'Nhà văn hoá thôn Nà Khum' },
  ]);

  // 5. The learner's profile says a helper saw it face to face.
  await learner.page.goto('/me/profile');
  await heading(learner.page, 'Hồ sơ của tôi');
  const section = learner.page.getByRole('region', { name: 'Danh tính số' });
  // By name: the commune administrator of the demo (apps/api/src/cli/seed-demo.command.ts).
  const helperSaw = /Có — cán bộ hỗ trợ Hoàng Thị Quản Trị Xã đã xem trực tiếp và xác nhận ngày/;
  await section.getByText(helperSaw).first().waitFor();
  expect(await section.getByText(helperSaw).count()).toBe(2);
  // A helper's confirmation is not "withdrawn" with the learner's button.
  expect(await section.getByRole('button', { name: /Rút lại/ }).count()).toBe(0);
  await expectAccessible(learner.page, 'profile-confirmed');

  // 6. A learner of no area of this administrator: the page is "not found", and a forged call changes nothing.
  const stranger = await newPhone();
  const strangerId = (
    await signUpThroughApi(stranger, {
      displayName: `Người Lạ ${tag}`,
      identifier: unique('stranger'),
      password: PASSWORD,
    })
  ).id;
  await admin.goto(`/admin/learners/${strangerId}`);
  await heading(admin, 'Không tìm thấy trang');
  await admin.getByText('Không tìm thấy người học này trong địa bàn bạn quản lý.').waitFor();
  await expectAccessible(admin, 'learner-out-of-area');
  const forged = await callApi(admin, 'POST', `/admin/learners/${strangerId}/digital-identity`, {
    vneidLevel2: true,
  });
  expect(forged.status).toBe(404);
  expect(forged.body).toMatchObject({ statusCode: 404, code: 'LEARNER_NOT_FOUND' });
  expect((await db().query(`SELECT 1 FROM declarations WHERE user_id = $1`, [strangerId])).rowCount).toBe(0);
});

it('the commune administrator edits a mandate with the create form in edit mode; a concurrent change reloads it', async () => {
  const tag = randomUUID().slice(0, 6);
  const admin = await newPhone();
  await signIn(admin, 'unit-admin@demo.hocvuso.example', DEMO_PASSWORD);
  const communeId = (
    await db().query<{ id: string }>(
      `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    )
  ).rows[0]!.id;
  const title = `Phòng chống lừa đảo ${tag}`;
  const mandate = await apiFromPage<{ id: string; dueOn: string; version: number }>(
    admin,
    'POST',
    '/admin/mandates',
    {
      title,
      courseIds: ['online-scams'],
      unitId: communeId,
      organisationId: null,
      targetGroup: 'citizens',
      dueOn: vietnamDay(30),
      graceDays: 0,
    },
  );

  // 1. From the mandate's page to its edit form, filled from the mandate; the audience is shown, not editable.
  await admin.goto(`/admin/mandates/${mandate.id}`);
  await heading(admin, title);
  await admin.getByRole('link', { name: 'Sửa yêu cầu' }).click();
  // The edit form (its heading is the mandate's title once loaded, under the eyebrow naming the page).
  await admin.getByRole('textbox', { name: 'Tên yêu cầu' }).waitFor();
  await heading(admin, title);
  await admin.locator('.eyebrow', { hasText: 'Sửa yêu cầu học bắt buộc' }).waitFor();
  expect(await admin.getByRole('textbox', { name: 'Tên yêu cầu' }).inputValue()).toBe(title);
  expect(await admin.getByLabel('Hạn hoàn thành').inputValue()).toBe(mandate.dueOn);
  await admin.getByText('Áp dụng cho: Người dân').waitFor();
  expect(await admin.getByRole('combobox', { name: 'Tỉnh, thành phố' }).count()).toBe(0);
  await expectAccessible(admin, 'mandate-edit');

  // 2. Unchanged and without a reason: both said, nothing sent.
  let patches = 0;
  admin.on('request', (r) => {
    if (r.method() === 'PATCH') patches += 1;
  });
  const save = admin.getByRole('button', { name: 'Lưu thay đổi' });
  await save.click();
  const summary = admin.getByRole('alert').filter({ hasText: 'Chưa lưu được' });
  await summary.getByRole('link', { name: 'Hãy ghi lý do, từ 3 đến 500 ký tự.' }).waitFor();
  await admin.getByRole('textbox', { name: 'Lý do (được ghi vào nhật ký)' }).fill('Đổi tên theo kế hoạch');
  await save.click();
  await summary.getByRole('link', { name: 'Bạn chưa thay đổi gì.' }).waitFor();
  await expectAccessible(admin, 'mandate-edit-errors');
  expect(patches).toBe(0);

  // 3. A new title, a description and a later due date: saved, audited with the reason, back on its page.
  const newTitle = `Phòng chống lừa đảo trực tuyến – quý IV ${tag}`;
  await admin.getByRole('textbox', { name: 'Tên yêu cầu' }).fill(newTitle);
  await admin.getByRole('textbox', { name: 'Mô tả (không bắt buộc)' }).fill('Học trước Tết.');
  await admin.getByLabel('Hạn hoàn thành').fill(vietnamDay(45));
  await save.click();
  await heading(admin, newTitle);
  await admin.getByRole('status').filter({ hasText: 'Đã lưu thay đổi.' }).waitFor();
  await admin.getByText('Học trước Tết.').waitFor();
  await expectAccessible(admin, 'mandate-edited');
  expect(patches).toBe(1);
  const audit = await db().query<{ reason: string | null; after: Record<string, unknown> }>(
    `SELECT reason, after FROM audit_log WHERE action = 'mandate.edit' AND subject_id = $1`,
    [mandate.id],
  );
  expect(audit.rowCount).toBe(1);
  expect(JSON.stringify(audit.rows[0])).toContain('Đổi tên theo kế hoạch');
  const stored = await db().query(
    `SELECT title, description, due_on::text AS due_on FROM mandates WHERE id = $1`,
    [mandate.id],
  );
  expect(stored.rows[0]).toEqual({ title: newTitle, description: 'Học trước Tết.', due_on: vietnamDay(45) });

  // 4. Someone else changes it while the form is open: the save is refused (409) and the form starts over
  //    from the mandate as it now is, nothing overwritten.
  await admin.getByRole('link', { name: 'Sửa yêu cầu' }).click();
  await heading(admin, newTitle);
  const current = await apiFromPage<{ version: number }>(admin, 'GET', `/admin/mandates/${mandate.id}`);
  await apiFromPage(admin, 'POST', `/admin/mandates/${mandate.id}/extend`, {
    version: current.version,
    reason: 'Gia hạn từ máy khác',
    dueOn: vietnamDay(60),
  });
  await admin.getByRole('spinbutton', { name: 'Số ngày gia hạn' }).fill('5');
  await admin.getByRole('textbox', { name: 'Lý do (được ghi vào nhật ký)' }).fill('Thêm ngày gia hạn');
  await save.click();
  await admin.getByRole('alert').filter({ hasText: 'Yêu cầu vừa được người khác thay đổi' }).waitFor();
  await admin
    .getByLabel('Hạn hoàn thành')
    .and(admin.locator(`[value="${vietnamDay(60)}"]`))
    .waitFor();
  expect(await admin.getByRole('spinbutton', { name: 'Số ngày gia hạn' }).inputValue()).toBe('0');
  await expectAccessible(admin, 'mandate-edit-stale');
  expect((await db().query(`SELECT grace_days FROM mandates WHERE id = $1`, [mandate.id])).rows[0]).toEqual({
    grace_days: 0,
  });
});
