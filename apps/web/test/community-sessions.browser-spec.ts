/**
 * A weekly community session in a real browser on a phone-sized screen (360 × 740), with axe on every page: a
 * session host of the demo commune schedules a session, shows its rotating QR code; one learner opens the address
 * the QR encodes (as a phone camera would) and checks in; the host checks in a second learner without a phone
 * ("Điểm danh hộ"); both attendances count in the commune's coverage as in-person learning.
 * Needs E2E_BASE_URL and E2E_DATABASE_URL.
 */
import { foldCoverageNow } from '@hocvuso/testing';
import type { Page } from 'playwright-core';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';
const PASSWORD = 'mat-khau-an-toan-2026';

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the community sessions',
  database: true,
  screenshotPrefix: 'community',
  fitsPhoneWidth: true,
});

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

const tag = () => Math.random().toString(36).slice(2, 8);
let commune: string;

/** A person signed up on their own phone and placed in the demo commune (answers the phone and the id). */
async function learnerPhone(
  name: string,
  shareWithUnit: boolean,
): Promise<{ page: Page; id: string; email: string }> {
  const page = await newPhone();
  const email = `community-${tag()}@example.com`;
  const { id } = await signUpThroughApi(page, { displayName: name, identifier: email, password: PASSWORD });
  await apiFromPage(page, 'PUT', '/me/profile', {
    targetGroups: ['citizens'],
    subGroups: [],
    unitId: commune,
    organisationId: null,
    language: 'vi',
    accessibility: {},
  });
  if (shareWithUnit)
    await apiFromPage(page, 'POST', '/me/consents', {
      purpose: 'data-sharing-unit',
      textVersion: '2026-11',
      granted: true,
    });
  return { page, id, email };
}

/** A time `minutes` from now on the Vietnam clock, as a time input wants it (HH:MM). */
const vietnamTime = (minutes: number) =>
  new Date(Date.now() + 7 * 3_600_000 + minutes * 60_000).toISOString().slice(11, 16);
const vietnamToday = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);

beforeAll(async () => {
  commune = (
    await db().query<{ id: string }>(
      `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
    )
  ).rows[0]!.id;
});

it('a host schedules a session; one learner checks in by the QR, one through the host; both count in coverage', async () => {
  // Near midnight the session would cross into the next day: the test starts it earlier instead.
  // A session of today (Vietnam time) that is on now, whatever the hour: it started up to 5 minutes ago (not
  // before midnight) and ends up to 70 minutes from now (not after 23:59). Near midnight the old rule moved it to
  // an hour that had already ended, so the test failed between 23:05 and midnight.
  const sinceMidnight = Math.floor(((Date.now() + 7 * 3_600_000) % 86_400_000) / 60_000);
  const startIn = -Math.min(5, sinceMidnight);
  const endIn = Math.min(70, 23 * 60 + 59 - sinceMidnight);
  const host = await learnerPhone(`Người Chủ Trì ${tag()}`, false);
  await db().query(`INSERT INTO role_grants (user_id, role, unit_id) VALUES ($1, 'session_host', $2)`, [
    host.id,
    commune,
  ]);
  const scannerName = `Lò Văn Quét ${tag()}`;
  const scanner = await learnerPhone(scannerName, false);
  const helpedName = `Vàng Thị Nhờ ${tag()}`;
  const helped = await learnerPhone(helpedName, true);

  // The host schedules the session.
  const page = host.page;
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Sinh hoạt cộng đồng' }).first().click();
  await heading(page, 'Sinh hoạt cộng đồng');
  await expectAccessible(page, 'sessions list');
  await page.getByRole('link', { name: 'Lên lịch buổi mới' }).click();
  await heading(page, 'Lên lịch buổi sinh hoạt');
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: PROVINCE });
  await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: COMMUNE });
  await page.getByLabel('Chủ đề').fill('Cài đặt và dùng VNeID');
  await page.getByLabel('Địa điểm').fill('Nhà văn hoá thôn Một');
  await page.getByLabel('Ngày').fill(vietnamToday());
  await page.getByLabel('Giờ bắt đầu').fill(vietnamTime(startIn));
  await page.getByLabel('Giờ kết thúc').fill(vietnamTime(endIn));
  await page.getByLabel('Khóa học được học').selectOption('smartphone-basics');
  // The lesson learned (optional) comes from the chosen course.
  const lesson = page.getByLabel('Bài học (không bắt buộc)');
  await lesson.locator('option').nth(1).waitFor({ state: 'attached' });
  const lessonTitle = (await lesson.locator('option').nth(1).textContent())!;
  await lesson.selectOption({ label: lessonTitle });
  // Coordinates are optional, but half of them (or a number out of range) is refused before sending.
  await page.getByLabel('Vĩ độ (ví dụ 22,39642)').fill('22,39642');
  await page.getByRole('button', { name: 'Lên lịch' }).click();
  await page.getByText('Hãy nhập cả vĩ độ (−90 đến 90) và kinh độ').first().waitFor();
  await expectAccessible(page, 'schedule form with a problem');
  await page.getByLabel('Vĩ độ (ví dụ 22,39642)').fill('');
  await expectAccessible(page, 'schedule form');
  await page.getByRole('button', { name: 'Lên lịch' }).click();
  await heading(page, 'Cài đặt và dùng VNeID');
  const stored = await db().query<{ lesson_id: string | null; latitude: number | null }>(
    `SELECT lesson_id, latitude FROM community_sessions WHERE topic = 'Cài đặt và dùng VNeID' ORDER BY created_at DESC LIMIT 1`,
  );
  expect(stored.rows[0]!.lesson_id).not.toBeNull();
  expect(stored.rows[0]!.latitude).toBeNull();

  // The session page shows the QR (an image with a text alternative) and the code as text.
  const qr = page.getByRole('img', { name: /Mã QR để điểm danh/ });
  await qr.waitFor();
  const code = (await page.getByTestId('check-in-code').textContent())!.replace(/\s/g, '');
  expect(code).toMatch(/^[0-9A-Z]{8}$/);
  const path = (await qr.getAttribute('data-check-in-path'))!;
  expect(path).toContain(`ma=${code}`);
  await expectAccessible(page, 'session page with the QR');

  // Learner one "scans": opens the address the QR encodes, signed in on their own phone.
  await scanner.page.goto(path);
  await heading(scanner.page, 'Điểm danh buổi sinh hoạt');
  await scanner.page.getByText('Cài đặt và dùng VNeID').first().waitFor();
  await expectAccessible(scanner.page, 'check-in page');
  await scanner.page.getByRole('button', { name: 'Điểm danh' }).click();
  await scanner.page.getByText('Đã điểm danh: Cài đặt và dùng VNeID').waitFor();
  await expectAccessible(scanner.page, 'checked in');

  // Learner two has no phone at hand: the host finds them in the commune and checks them in.
  await page.getByLabel('Tìm người').fill(helpedName);
  await page.getByRole('button', { name: 'Tìm', exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`Điểm danh ${helpedName}`) }).click();
  await page.getByText(`Đã điểm danh ${helpedName}.`).waitFor();
  const attendees = page.getByTestId('attendees');
  await attendees.getByText(scannerName).waitFor();
  await attendees.getByText(helpedName).waitFor();
  await expect(attendees.getByRole('listitem').count()).resolves.toBe(2);
  await expect(attendees.textContent()).resolves.toContain('Điểm danh hộ');
  await expectAccessible(page, 'two attendees');

  // Both count in the commune's coverage as in-person learning confirmed by the host.
  const facts = await db().query<{ user_id: string; recorded_by: string }>(
    `SELECT DISTINCT user_id, recorded_by FROM coverage_facts WHERE measure = 'in_person' AND unit_id = $1 AND user_id = ANY ($2::uuid[])`,
    [commune, [scanner.id, helped.id]],
  );
  expect(facts.rows.map((r) => r.user_id).sort()).toEqual([scanner.id, helped.id].sort());
  expect(facts.rows.every((r) => r.recorded_by === host.id)).toBe(true);
  await foldCoverageNow(db());
  const rolled = await db().query<{ n: string | null }>(
    `SELECT sum(count) AS n FROM coverage_rollups
      WHERE place_kind = 'unit' AND place_id = $1 AND measure = 'in_person' AND target_group = 'citizens' AND sub_group = ''`,
    [commune],
  );
  expect(Number(rolled.rows[0]!.n ?? 0)).toBeGreaterThanOrEqual(2);
});
