/**
 * The coverage dashboard in a real browser on a phone-sized screen (360 × 740), with axe on every state:
 *  - the province administrator of the demo province (province-admin@demo.hocvuso.example) sees each indicator of
 *    the plan for the province with the official population loaded and the registered accounts beside it, drills
 *    down to a commune and then to a village, filters by target group, reads the trend and the ranking as tables;
 *  - a Fatherland Front report viewer of the province (report-viewer@demo.hocvuso.example) sees the same figures
 *    read-only, and nothing else of the admin area.
 * Learners, their coverage facts and the populations are written in the database (the rules that write facts and
 * import populations have their own e2e tests); the rollups are folded with the worker's own fold queries.
 * Needs E2E_BASE_URL and E2E_DATABASE_URL.
 */
import { foldCoverageNow } from '@hocvuso/testing';
import type { Page } from 'playwright-core';
import { heading, signIn, usePhoneHarness } from './support/phone-harness';

const DEMO_PASSWORD = 'hocvuso-demo';
const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';
const VILLAGE = 'Thôn Một (minh hoạ)';
const TITLE = 'Tiến độ phổ cập kỹ năng số';

jest.setTimeout(180_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the coverage dashboard',
  database: true,
  screenshotPrefix: 'coverage',
  fitsPhoneWidth: true,
});

interface Places {
  province: string;
  commune: string;
  otherCommune: string;
  village: string;
}

let places: Places;

const unitId = async (code: string) =>
  (
    await db().query<{ id: string }>(
      `SELECT id FROM administrative_units WHERE code = $1 AND valid_to IS NULL`,
      [code],
    )
  ).rows[0]!.id;

/** Citizens placed in a village, `trained` counted for the first `trained` of them (as the completing rule writes). */
async function citizens(village: string, count: number, trained: number): Promise<void> {
  const tag = `cov-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const users = await db().query<{ id: string }>(
    `INSERT INTO users (display_name, email, language)
     SELECT 'Người dân ' || i, $1 || '-' || i || '@coverage.test', 'vi' FROM generate_series(1, $2::int) i RETURNING id`,
    [tag, count],
  );
  for (const [i, { id }] of users.rows.entries()) {
    const place = await db().query<{ path: string }>(`SELECT path FROM administrative_units WHERE id = $1`, [
      village,
    ]);
    await db().query(
      `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path, birth_year) VALUES ($1, '{citizens}', $2, $3, 1962)`,
      [id, village, place.rows[0]!.path],
    );
    if (i < trained)
      await db().query(
        `INSERT INTO coverage_facts (user_id, measure, target_group, sub_groups, unit_id, unit_path, source, evidence)
         SELECT $1, 'trained', g, '{age:16+}', $2, $3, 'system', '{"planId":"lai-chau-2025-2026"}'
           FROM unnest('{citizens,*}'::text[]) g`,
        [id, village, place.rows[0]!.path],
      );
  }
}

/** The official citizens population of a unit for 2026 (a statistics office's figure). */
async function population(unit: string, value: number): Promise<void> {
  await db().query(
    `INSERT INTO populations (place_kind, place_id, target_group, sub_group, period, period_start, period_end, source, value, revision)
     SELECT 'unit', $1, 'citizens', '', '2026', '2026-01-01', '2026-12-31', 'Chi cục Thống kê (thử)', $2,
            coalesce((SELECT max(revision) FROM populations WHERE place_id = $1 AND target_group = 'citizens' AND period = '2026'), 0) + 1
      WHERE NOT EXISTS (SELECT 1 FROM populations WHERE place_id = $1 AND target_group = 'citizens' AND period = '2026')`,
    [unit, value],
  );
}

/** What the rollups now say for `trained` citizens at a unit (other suites may add their own). */
async function trainedAt(unit: string): Promise<number> {
  const r = await db().query<{ n: string | null }>(
    `SELECT sum(count) AS n FROM coverage_rollups
      WHERE place_kind = 'unit' AND place_id = $1 AND measure = 'trained' AND target_group = 'citizens' AND sub_group = ''`,
    [unit],
  );
  return Number(r.rows[0]!.n ?? 0);
}

const percent = (share: number) =>
  new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** The card of one indicator (its heading names it). */
const card = (page: Page, title: RegExp) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) });

beforeAll(async () => {
  places = {
    province: await unitId('DEMO'),
    commune: await unitId('DEMO01'),
    otherCommune: await unitId('DEMO02'),
    village: await unitId('DEMO01T1'),
  };
  await citizens(places.village, 10, 6);
  await citizens(await unitId('DEMO02K1'), 4, 1);
  await population(places.province, 400);
  await population(places.commune, 250);
  await foldCoverageNow(db());
});

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

it('a province administrator follows the plan from the province down to a village', async () => {
  const page = await newPhone();
  await signIn(page, 'province-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Tiến độ phổ cập' }).first().click();
  await heading(page, `${TITLE}: ${PROVINCE}`);

  const provinceTrained = await trainedAt(places.province);
  expect(provinceTrained).toBeGreaterThanOrEqual(7);
  const citizensCard = card(page, /người dân/i).first();
  await citizensCard.waitFor();
  await expect(citizensCard.textContent()).resolves.toContain(percent(provinceTrained / 400));
  await expect(citizensCard.textContent()).resolves.toContain('400 (kỳ 2026');
  await expect(citizensCard.textContent()).resolves.toContain('Đã đăng ký tài khoản');
  await expectAccessible(page, 'province');

  // Drill down: the communes are rows of the table that follows the chart, each a link.
  await page.getByRole('link', { name: COMMUNE }).first().click();
  await heading(page, `${TITLE}: ${COMMUNE}`);
  const communeTrained = await trainedAt(places.commune);
  await expect(
    card(page, /người dân/i)
      .first()
      .textContent(),
  ).resolves.toContain(percent(communeTrained / 250));
  await expect(
    page.getByRole('navigation', { name: 'Vị trí trong địa bàn' }).textContent(),
  ).resolves.toContain(PROVINCE);
  // The digital-family figure of the commune, beside the plan's indicators (counts only).
  const families = page.getByRole('region', { name: 'Gia đình số' });
  await families.getByText(/hộ/).first().waitFor();
  await expect(families.textContent()).resolves.toContain(COMMUNE);
  await expectAccessible(page, 'commune');

  await page.getByRole('link', { name: VILLAGE }).first().click();
  await heading(page, `${TITLE}: ${VILLAGE}`);
  // A village has no population of its own: the dashboard says so instead of inventing a share.
  await expect(
    card(page, /người dân/i)
      .first()
      .textContent(),
  ).resolves.toContain('Chưa nhập số liệu dân số');
  await expectAccessible(page, 'village');

  // Back up by the breadcrumb, then filter to one target group: the address keeps it.
  await page
    .getByRole('navigation', { name: 'Vị trí trong địa bàn' })
    .getByRole('link', { name: PROVINCE })
    .click();
  await heading(page, `${TITLE}: ${PROVINCE}`);
  await page.getByLabel('Nhóm đối tượng', { exact: true }).selectOption('citizens');
  await page.waitForURL(/targetGroup=citizens/);
  await page.getByRole('heading', { level: 2, name: 'Bảng xếp hạng thi đua' }).waitFor();
  // The ranking is a table, keyboard reachable; the trend's table opens from its summary.
  const ranking = page.getByRole('table', { name: /Xếp hạng theo/ });
  await ranking.waitFor();
  await expect(ranking.getByRole('row').count()).resolves.toBeGreaterThanOrEqual(3);
  await page.getByText('Xem số liệu dạng bảng').first().click();
  await page.getByRole('table', { name: /theo tháng/ }).waitFor();
  await expectAccessible(page, 'filtered, with tables');
});

it('a Fatherland Front report viewer sees the same figures read-only, and nothing else', async () => {
  const page = await newPhone();
  await signIn(page, 'report-viewer@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin');
  const menu = page.getByRole('navigation', { name: 'Các trang quản trị' });
  await menu.first().waitFor();
  const links = await menu.first().getByRole('link').allTextContents();
  expect(links.map((l) => l.trim()).filter((l) => l !== 'Tổng quan')).toEqual([
    'Tiến độ phổ cập',
    'Báo cáo định kỳ',
    'Hỗ trợ dịch vụ công theo địa bàn',
    // The emulation campaigns of the area and their league tables, read-only (docs/campaigns.md).
    'Phong trào thi đua',
  ]);
  await page.goto(`/admin/coverage?unitId=${places.commune}`);
  await heading(page, `${TITLE}: ${COMMUNE}`);
  await expectAccessible(page, 'report viewer');
  // Learners' names are not theirs to read: the learners page refuses them.
  await page.goto('/admin/learners');
  await heading(page, 'Bạn không có quyền xem trang này');
});
