/**
 * Đại sứ số and Gia đình số in a real browser on a phone-sized screen (360 × 740), with axe on every state:
 *  - a learner of the demo commune completes the required course (through the api, clocks moved in the
 *    database), applies as a digital ambassador on "Đại sứ số", and the commune's administrator approves on
 *    "Duyệt đại sứ số";
 *  - the ambassador makes five invitation links (each shown with its QR code); five people open them on their
 *    own phones and accept; each completes a course; the built worker (started here) issues the badge, which
 *    the ambassador sees with the 5/5 progress and opens on the verification page;
 *  - the ambassador starts a household on "Gia đình số", invites one mentee with a link, who accepts on their
 *    phone; the household shows both members and what each has learned.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL. Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every state.
 */
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Page } from 'playwright-core';
import { completeCourse, startWorker, stopWorker } from './support/course-completion';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';
const REQUIRED = 'online-scams';
const MENTEE_COURSE = 'vneid-digital-identity';

jest.setTimeout(600_000);

const { newPhone, expectAccessible, pageErrors, db, baseUrl, databaseUrl } = usePhoneHarness({
  purpose: 'the ambassadors and families journeys',
  database: true,
  screenshotPrefix: 'amb',
  fitsPhoneWidth: true,
});

let worker: ChildProcess | undefined;
const workerOutput: string[] = [];
beforeAll(() => {
  worker = startWorker(baseUrl(), databaseUrl(), workerOutput);
});
afterAll(async () => {
  await stopWorker(worker);
});

/** A new account signed in on a fresh phone, living in the demo commune DEMO01; answers the phone and its id. */
async function person(name: string): Promise<{ page: Page; id: string }> {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: name,
    identifier: `amb-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  const unitId = (
    await db().query<{ id: string }>(
      `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    )
  ).rows[0]!.id;
  await apiFromPage(page, 'PUT', '/me/profile', {
    targetGroups: ['citizens'],
    subGroups: [],
    unitId,
    organisationId: null,
    language: 'vi',
    accessibility: {},
  });
  return { page, id };
}

it('an ambassador applies, is approved, invites five mentees who complete a course and gets the badge; a household shows its members', async () => {
  const suffix = randomUUID().slice(0, 4);
  const amb = await person(`Trần Thị Đại Sứ ${suffix}`);
  await completeCourse(db(), amb.page, amb.id, REQUIRED);

  // 1. The ambassador page: requirements done, apply.
  await amb.page.goto('/dai-su-so');
  await heading(amb.page, 'Đại sứ số');
  await amb.page.getByText('Bạn đã đủ điều kiện làm đại sứ số.').waitFor();
  await expectAccessible(amb.page, 'eligible');
  await amb.page.getByRole('button', { name: 'Đăng ký làm đại sứ số' }).click();
  await amb.page.getByRole('status').filter({ hasText: 'Đã gửi đăng ký' }).waitFor();
  await amb.page.getByText('Đăng ký của bạn đang chờ quản trị viên địa phương duyệt.').waitFor();
  await expectAccessible(amb.page, 'nominated');

  // 2. The commune's administrator approves.
  const admin = await newPhone();
  await signIn(admin, 'unit-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await admin.goto('/admin/ambassadors');
  await heading(admin, 'Duyệt đại sứ số');
  const card = admin
    .getByRole('listitem')
    .filter({ has: admin.getByRole('heading', { name: `Trần Thị Đại Sứ ${suffix}` }) });
  await expectAccessible(admin, 'approvals');
  await card.getByRole('button', { name: /^Duyệt/ }).click();
  await admin.getByRole('status').filter({ hasText: 'làm đại sứ số' }).waitFor();

  // 3. Five invitation links, each accepted by one person on their own phone.
  await amb.page.reload();
  await amb.page.getByText('Bạn là đại sứ số.').waitFor();
  await amb.page.getByText('0/5 người').waitFor();
  const mentees: Array<{ page: Page; id: string }> = [];
  for (let i = 1; i <= 5; i++) {
    await amb.page.getByRole('button', { name: 'Tạo liên kết mời' }).click();
    const field = amb.page.getByLabel('Liên kết mời (chỉ dùng cho một người)');
    await amb.page.getByRole('img', { name: 'Mã QR của liên kết mời' }).waitFor();
    const url = await field.inputValue();
    expect(url).toContain('/dai-su-so/loi-moi#');
    if (i === 1) await expectAccessible(amb.page, 'invitation-link');
    const m = await person(`Người Được Dẫn ${i} ${suffix}`);
    await m.page.goto(url.replace(/^https?:\/\/[^/]+/, ''));
    await heading(m.page, 'Lời mời từ đại sứ số');
    await m.page.getByText(`Trần Thị Đại Sứ ${suffix} mời bạn nhận dẫn dắt học kỹ năng số.`).waitFor();
    if (i === 1) await expectAccessible(m.page, 'mentee-invitation');
    await m.page.getByRole('button', { name: 'Đồng ý nhận dẫn dắt' }).click();
    await m.page.getByRole('status').filter({ hasText: 'Bạn đã nhận lời.' }).waitFor();
    mentees.push(m);
  }
  for (const m of mentees) await completeCourse(db(), m.page, m.id, MENTEE_COURSE);

  // 4. The goal reached: the worker issues the badge.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const page = await apiFromPage<{ guided: number; badge: { status: string } | null }>(
      amb.page,
      'GET',
      '/me/ambassador?lang=vi',
    );
    if (page.badge?.status === 'valid') break;
    if (Date.now() > deadline)
      throw new Error(`no badge in 120 s (${JSON.stringify(page)}); worker said:\n${workerOutput.join('')}`);
    await amb.page.waitForTimeout(1000);
  }
  await amb.page.reload();
  await amb.page.getByText('5/5 người').waitFor();
  const menteeCards = amb.page.getByRole('heading', { level: 2, name: 'Người bạn đang dẫn dắt' });
  await menteeCards.waitFor();
  expect(await amb.page.getByText('Đã hoàn thành khóa học khi được dẫn dắt').count()).toBe(5);
  await expectAccessible(amb.page, 'badge');
  await amb.page.getByRole('link', { name: 'Xem và xác minh huy hiệu' }).click();
  await amb.page.waitForURL('**/verify/**');
  await amb.page.getByText('Đại sứ số: dẫn dắt 5 người hoàn thành khóa học').first().waitFor();
  await expectAccessible(amb.page, 'badge-verified');

  // 5. A household: the ambassador starts it and invites the first mentee, who accepts.
  await amb.page.goto('/gia-dinh-so');
  await heading(amb.page, 'Gia đình số');
  await amb.page.getByLabel('Mã hộ (số nhà hoặc số sổ hộ khẩu, không bắt buộc)').fill(`Số ${suffix}`);
  await amb.page.getByRole('button', { name: 'Tạo hộ gia đình' }).click();
  await amb.page.getByRole('heading', { name: `Mã hộ: Số ${suffix}` }).waitFor();
  await amb.page.getByRole('button', { name: 'Tạo liên kết mời' }).click();
  const link = await amb.page.getByLabel('Liên kết mời (chỉ dùng cho một người)').inputValue();
  const relative = mentees[0]!;
  await relative.page.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await heading(relative.page, 'Lời mời vào hộ gia đình');
  await relative.page.getByRole('button', { name: 'Đồng ý vào hộ' }).click();
  await relative.page.getByRole('link', { name: 'Xem hộ gia đình' }).click();
  await heading(relative.page, 'Gia đình số');
  await relative.page.getByRole('heading', { level: 3, name: `Trần Thị Đại Sứ ${suffix}` }).waitFor();
  await relative.page
    .getByRole('heading', { level: 3, name: new RegExp(`Người Được Dẫn 1 ${suffix}`) })
    .waitFor();
  await relative.page.getByText('Hộ đã có người học và hướng dẫn người khác.').waitFor();
  await expectAccessible(relative.page, 'household');

  expect(pageErrors).toEqual([]);
});
