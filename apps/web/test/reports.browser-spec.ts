/**
 * The periodic reports page in a real browser on a phone-sized screen (360 × 740), with axe on every state:
 *  - the demo province's statistician (statistician@demo.hocvuso.example) is stopped by the form's own checks,
 *    asks for the last quarter's report of the province, follows the progress bar while the worker's own job
 *    function (generateCoverageReport of libs/issuance, as apps/worker runs it, through libs/testing) generates it, reads the frozen
 *    figures, downloads the XLSX and the PDF (checked byte by byte: a zip with the sheet, a PDF whose text names
 *    the province), submits it after a confirmation that says it cannot be undone, and corrects it with a reason;
 *  - the Fatherland Front report viewer (report-viewer@demo.hocvuso.example) sees the list, the figures and the
 *    downloads read-only: no request, submit or correct control, the api refuses them, and the admin menu shows
 *    only the coverage dashboard and the reports.
 * The harness runs the api only: this file runs the report's generation itself with the worker's job function on
 * the same database (a worker another browser spec starts may take the job first; then the report still becomes
 * ready and only the half-way look at the progress bar is left out).
 * Needs E2E_BASE_URL and E2E_DATABASE_URL.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { ReportDataDto } from '@hocvuso/contracts';
import { parsePeriod, type Period, periodCutOff, vietnamDate } from '@hocvuso/domain';
import { generateCoverageReportNow } from '@hocvuso/testing';
import type { Download, Page } from 'playwright-core';
import { callApi, heading, signIn, usePhoneHarness } from './support/phone-harness';

const DEMO_PASSWORD = 'hocvuso-demo';
const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const PROVINCE_POPULATION = 400;

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the periodic reports page',
  database: true,
  screenshotPrefix: 'reports',
  lastScreenshot: 'reports-where-it-stopped',
  fitsPhoneWidth: true,
});

/**
 * The latest quarter that ended more than a week ago: never one the worker's schedule queues by itself (it
 * catches up for 7 days only), so the request is this file's first report of it.
 */
function lastQuarter(now = new Date()): Period {
  const weekAgo = vietnamDate(new Date(now.getTime() - 8 * 24 * 3600_000));
  let year = Number(weekAgo.slice(0, 4));
  let quarter = Math.floor((Number(weekAgo.slice(5, 7)) - 1) / 3) + 1;
  for (;;) {
    const period = parsePeriod(`${year}-Q${quarter}`)!;
    if (period.end < weekAgo) return period;
    quarter -= 1;
    if (quarter === 0) {
      quarter = 4;
      year -= 1;
    }
  }
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const quarter = lastQuarter();
const QUARTER_WORDS = `Quý ${ROMAN[Number(quarter.code.slice(-1)) - 1]} năm ${quarter.code.slice(0, 4)}`;
const TITLE = `Báo cáo ${QUARTER_WORDS}: ${PROVINCE}`;

let province: { id: string; path: string };
let reportId: string;

const percent = (share: number) =>
  new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 }).format(share);

/** Citizens of a village trained during the quarter (facts dated in it, as the completing rule writes them). */
async function trainedCitizens(villageCode: string, count: number): Promise<void> {
  const village = (
    await db().query<{ id: string; path: string }>(
      `SELECT id, path FROM administrative_units WHERE code = $1 AND valid_to IS NULL`,
      [villageCode],
    )
  ).rows[0]!;
  const tag = `rep-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const users = await db().query<{ id: string }>(
    `INSERT INTO users (display_name, email, language)
     SELECT 'Người dân ' || i, $1 || '-' || i || '@reports.test', 'vi' FROM generate_series(1, $2::int) i RETURNING id`,
    [tag, count],
  );
  const during = new Date(`${quarter.start}T03:00:00Z`);
  during.setUTCDate(during.getUTCDate() + 20);
  for (const { id } of users.rows) {
    await db().query(
      `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path, birth_year) VALUES ($1, '{citizens}', $2, $3, 1970)`,
      [id, village.id, village.path],
    );
    await db().query(
      `INSERT INTO coverage_facts (user_id, measure, target_group, sub_groups, unit_id, unit_path, source, evidence, achieved_at)
       SELECT $1, 'trained', g, '{age:16+}', $2, $3, 'system', '{"planId":"lai-chau-2025-2026"}', $4
         FROM unnest('{citizens,*}'::text[]) g`,
      [id, village.id, village.path, during],
    );
  }
}

/** The official citizens population of the province for the quarter's year (the figure the dashboard spec uses). */
async function provincePopulation(): Promise<void> {
  const year = quarter.code.slice(0, 4);
  await db().query(
    `INSERT INTO populations (place_kind, place_id, target_group, sub_group, period, period_start, period_end, source, value, revision)
     SELECT 'unit', $1, 'citizens', '', $2, ($2 || '-01-01')::date, ($2 || '-12-31')::date, 'Chi cục Thống kê (thử)', $3, 1
      WHERE NOT EXISTS (SELECT 1 FROM populations WHERE place_id = $1 AND target_group = 'citizens' AND period = $2)
     ON CONFLICT DO NOTHING`,
    [province.id, year, PROVINCE_POPULATION],
  );
}

/** Citizens of the province trained before the quarter's cut-off: what the frozen report must say. */
async function trainedBeforeCutOff(): Promise<number> {
  const r = await db().query<{ n: string }>(
    `SELECT count(DISTINCT user_id) AS n FROM coverage_facts
      WHERE measure = 'trained' AND target_group = 'citizens' AND unit_path LIKE $1 || '%' AND achieved_at < $2`,
    [province.path, periodCutOff(quarter)],
  );
  return Number(r.rows[0]!.n);
}

/**
 * The official population the frozen report holds for the province's trained citizens: populations spec may load
 * other sources for the province meanwhile, so the figure is read from the report, and must be one.
 */
async function frozenPopulation(id: string): Promise<number> {
  const r = await db().query<{ data: ReportDataDto }>(`SELECT data FROM coverage_reports WHERE id = $1`, [
    id,
  ]);
  const total = r.rows[0]!.data.rows.find((row) => row.total)!;
  return total.cells.find((c) => c.code === 'trained-citizens')!.population!.value;
}

const statusOf = async (id: string) =>
  (await db().query<{ status: string }>(`SELECT status FROM coverage_reports WHERE id = $1`, [id])).rows[0]!
    .status;

/** Generates a queued report with the worker's own job function; at `stage`, runs `atStage` (generation waits). */
function generate(id: string, atStage?: { stage: string; run: () => Promise<void> }) {
  return generateCoverageReportNow(db(), id, async (stage) => {
    if (atStage && stage === atStage.stage) await atStage.run();
  });
}

/** Clicks a download link and answers the file the browser saved. */
async function download(page: Page, name: string): Promise<{ file: Download; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  const path = await file.path();
  return { file, bytes: readFileSync(path) };
}

/** The cells of the figures table's row that names an indicator. */
async function figuresRow(page: Page, indicator: RegExp): Promise<string> {
  const table = page.getByRole('table', { name: new RegExp(`Số liệu đã chốt của ${escape(PROVINCE)}`) });
  await table.waitFor();
  return (await table.getByRole('row').filter({ hasText: indicator }).first().textContent()) ?? '';
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

beforeAll(async () => {
  province = (
    await db().query<{ id: string; path: string }>(
      `SELECT id, path FROM administrative_units WHERE code = 'DEMO' AND valid_to IS NULL`,
    )
  ).rows[0]!;
  await trainedCitizens('DEMO01T1', 5);
  await trainedCitizens('DEMO02K1', 2);
  await provincePopulation();
});

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

it("a statistician asks for the quarter's report, follows it, downloads, submits and corrects it", async () => {
  const page = await newPhone();
  await signIn(page, 'statistician@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Báo cáo định kỳ' }).first().click();
  await heading(page, 'Báo cáo định kỳ');
  await page.getByRole('heading', { level: 2, name: 'Yêu cầu lập báo cáo' }).waitFor();
  const scope = page.getByLabel('Địa bàn hoặc cơ quan');
  await expect(scope.locator('option:checked').textContent()).resolves.toBe(PROVINCE);
  await expectAccessible(page, 'list and form');

  // The form's own checks, as the api's: a custom range ends today at the latest.
  await page.getByLabel('Loại kỳ báo cáo').selectOption('adhoc');
  await page.getByLabel('Từ ngày').fill(quarter.start);
  const tomorrow = new Date(Date.now() + 24 * 3600_000 + 7 * 3600_000).toISOString().slice(0, 10);
  await page.getByLabel('Đến ngày').fill(tomorrow);
  await page.getByRole('button', { name: 'Yêu cầu lập báo cáo' }).click();
  const summary = page.getByRole('alert').filter({ hasText: 'Chưa gửi được yêu cầu' });
  await summary.waitFor();
  await expect(summary.textContent()).resolves.toContain('Ngày kết thúc chậm nhất là hôm nay.');
  await expect(page.getByLabel('Đến ngày').getAttribute('aria-invalid')).resolves.toBe('true');
  await expectAccessible(page, 'form refused');

  // The quarter: the list offers only ended ones.
  await page.getByLabel('Loại kỳ báo cáo').selectOption('quarter');
  await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption(quarter.code);
  await page.getByRole('button', { name: 'Yêu cầu lập báo cáo' }).click();
  await page.waitForURL(/\/admin\/reports\/[0-9a-f-]{36}$/);
  reportId = page.url().split('/').pop()!;
  await heading(page, TITLE);
  const bar = page.getByRole('progressbar', { name: 'Tiến độ lập báo cáo' });

  // The worker's job: half-way (after counting the facts, 55 %), the page has followed it on its own.
  let sawHalfWay = false;
  const outcome = await generate(reportId, {
    stage: 'registered',
    run: async () => {
      await page.locator('[role="progressbar"][aria-valuenow="55"]').waitFor({ timeout: 60_000 });
      await expect(bar.getAttribute('aria-valuemin')).resolves.toBe('0');
      await expect(bar.getAttribute('aria-valuemax')).resolves.toBe('100');
      await expect(bar.getAttribute('aria-valuetext')).resolves.toBe('Đã xong 55%');
      await page.getByText('Đã xong 55%').waitFor();
      await expectAccessible(page, 'generating');
      sawHalfWay = true;
    },
  });
  // 'skipped' only when a worker of another spec took the report first (it still becomes ready).
  expect(['done', 'skipped']).toContain(outcome);
  if (outcome === 'done') expect(sawHalfWay).toBe(true);

  // Ready: the bar goes, the downloads and the frozen figures come.
  await page.getByRole('heading', { level: 2, name: 'Tải báo cáo' }).waitFor({ timeout: 60_000 });
  await expect(bar.count()).resolves.toBe(0);
  await expect(statusOf(reportId)).resolves.toBe('ready');
  const trained = await trainedBeforeCutOff();
  expect(trained).toBeGreaterThanOrEqual(7);
  const population = await frozenPopulation(reportId);
  expect(population).toBeGreaterThan(0);
  const row = await figuresRow(page, /Người dân trưởng thành/);
  expect(row).toContain(new Intl.NumberFormat('vi-VN').format(trained));
  expect(row).toContain(new Intl.NumberFormat('vi-VN').format(population));
  expect(row).toContain(percent(trained / population));
  const [y, m, d] = quarter.end.split('-');
  await page.getByText(`Số liệu chốt đến hết ngày ${d}/${m}/${y}`).waitFor();
  // The figures of a commune, one level down, are a choice away.
  await page.getByLabel('Số liệu của').selectOption({ label: 'Xã Mẫu Một (minh hoạ)' });
  await page.getByRole('table', { name: /Số liệu đã chốt của Xã Mẫu Một/ }).waitFor();
  await page.getByLabel('Số liệu của').selectOption({ label: PROVINCE });
  await expectAccessible(page, 'ready');

  // XLSX: a zip (PK…) with the report's sheet naming the province and the quarter.
  const xlsx = await download(page, 'Tải tệp Excel (XLSX)');
  expect(xlsx.file.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Báo cáo')!;
  expect(sheet).toBeDefined();
  const cells: string[] = [];
  sheet.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
  expect(cells).toContain(PROVINCE);
  expect(cells.some((c) => c.includes(quarter.code))).toBe(true);

  // PDF: %PDF…, and its text (poppler's pdftotext) names the province in Vietnamese.
  const pdf = await download(page, 'Tải tệp PDF');
  expect(pdf.file.suggestedFilename()).toMatch(/\.pdf$/);
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', (await pdf.file.path())!, '-'], {
    encoding: 'utf8',
  }).normalize('NFC');
  expect(text.replace(/\s+/g, ' ')).toContain(PROVINCE);

  // Submit: the dialog says it cannot be undone; then the report is submitted and says so. By keyboard first:
  // Enter opens it with the focus on "Hủy" (the safe choice), Escape closes it and gives the focus back.
  const submit = page.getByRole('button', { name: 'Nộp báo cáo' });
  await submit.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Nộp báo cáo này?' });
  await dialog.waitFor();
  await expect(
    dialog.getByRole('button', { name: 'Hủy' }).evaluate((el) => el === document.activeElement),
  ).resolves.toBe(true);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expect(submit.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  await expect(statusOf(reportId)).resolves.toBe('ready');
  await submit.click();
  await dialog.waitFor();
  await expect(dialog.textContent()).resolves.toContain('không thể sửa hay rút lại');
  await expectAccessible(page, 'submit dialog');
  await dialog.getByRole('button', { name: 'Nộp báo cáo' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã nộp báo cáo.' }).waitFor();
  await expect(statusOf(reportId)).resolves.toBe('submitted');
  await expect(page.getByRole('button', { name: 'Nộp báo cáo' }).count()).resolves.toBe(0);
  await expectAccessible(page, 'submitted');

  // Correct: a reason is required; the correction is revision 2, generated the same way.
  await page.getByRole('button', { name: 'Lập bản điều chỉnh' }).click();
  await page.getByRole('button', { name: 'Gửi yêu cầu điều chỉnh' }).click();
  await page.getByRole('alert').filter({ hasText: 'Hãy nêu lý do điều chỉnh.' }).waitFor();
  await expectAccessible(page, 'correction refused');
  await page.getByLabel('Lý do điều chỉnh').fill('Cập nhật số liệu dân số của Chi cục Thống kê');
  await page.getByRole('button', { name: 'Gửi yêu cầu điều chỉnh' }).click();
  await page.waitForURL(
    (url) => /\/admin\/reports\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(reportId),
  );
  const correctionId = page.url().split('/').pop()!;
  await heading(page, TITLE);
  await page.getByText('Điều chỉnh lần 1').first().waitFor();
  expect(['done', 'skipped']).toContain(await generate(correctionId));
  await page.getByRole('heading', { level: 2, name: 'Tải báo cáo' }).waitFor({ timeout: 60_000 });
  await page.getByText('Lý do điều chỉnh: Cập nhật số liệu dân số của Chi cục Thống kê').waitFor();

  // The list shows both revisions and how they relate.
  await page.getByRole('link', { name: 'Về danh sách báo cáo' }).click();
  await heading(page, 'Báo cáo định kỳ');
  const list = page.getByRole('table', { name: 'Các báo cáo trong phạm vi của bạn' });
  await list.waitFor();
  const listText = (await list.textContent()) ?? '';
  expect(listText).toContain('Đã được điều chỉnh bởi lần 2');
  expect(listText).toContain('Điều chỉnh lần 1');
  expect(listText).toContain('Đã nộp');
  // A second request of the same quarter is refused next to the period, with what to do instead.
  await page.getByLabel('Kỳ báo cáo', { exact: true }).selectOption(quarter.code);
  await page.getByRole('button', { name: 'Yêu cầu lập báo cáo' }).click();
  await page.getByRole('alert').filter({ hasText: 'Đã có báo cáo của địa bàn này cho kỳ này' }).waitFor();
  await expect(page.getByLabel('Kỳ báo cáo', { exact: true }).getAttribute('aria-invalid')).resolves.toBe(
    'true',
  );
  await expectAccessible(page, 'list with revisions');
});

it('a Fatherland Front report viewer reads the report and downloads it, and changes nothing', async () => {
  expect(reportId).toBeDefined();
  const page = await newPhone();
  await signIn(page, 'report-viewer@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin');
  const menu = page.getByRole('navigation', { name: 'Các trang quản trị' });
  await menu.first().waitFor();
  const links = await menu.first().getByRole('link').allTextContents();
  expect(links.map((l) => l.trim()).filter((l) => l !== 'Tổng quan')).toEqual([
    'Tiến độ phổ cập',
    'Báo cáo định kỳ',
    // Read-only counts of help given by the communes' public-service help officers (docs/help-officers.md).
    'Hỗ trợ dịch vụ công theo địa bàn',
    // The emulation campaigns of the area and their league tables, read-only (docs/campaigns.md).
    'Phong trào thi đua',
  ]);
  await menu.first().getByRole('link', { name: 'Báo cáo định kỳ' }).click();
  await heading(page, 'Báo cáo định kỳ');
  await page.getByRole('table', { name: 'Các báo cáo trong phạm vi của bạn' }).waitFor();
  await page.getByText('Bạn được xem và tải các báo cáo').first().waitFor();
  await expect(page.getByRole('heading', { name: 'Yêu cầu lập báo cáo' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Yêu cầu lập báo cáo' }).count()).resolves.toBe(0);
  await expectAccessible(page, 'viewer list');

  await page.goto(`/admin/reports/${reportId}`);
  await heading(page, TITLE);
  await page.getByRole('heading', { level: 2, name: 'Tải báo cáo' }).waitFor();
  await figuresRow(page, /Người dân trưởng thành/);
  await expect(page.getByRole('button', { name: 'Nộp báo cáo' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Lập bản điều chỉnh' }).count()).resolves.toBe(0);
  const pdf = await download(page, 'Tải tệp PDF');
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expectAccessible(page, 'viewer report');

  // A forged address (an id of nothing, or not an id at all) is the same "not found or not yours" page.
  for (const forged of ['00000000-0000-4000-8000-000000000000', '%27%3Bdrop%20table', 'x'.repeat(300)]) {
    await page.goto(`/admin/reports/${forged}`);
    await heading(page, 'Không tìm thấy');
    await page.getByText('Không tìm thấy báo cáo này, hoặc báo cáo nằm ngoài phạm vi của bạn.').waitFor();
  }
  await expectAccessible(page, 'viewer forged address');

  // The api agrees: a viewer may not request, submit or correct.
  const asked = await callApi(page, 'POST', '/admin/reports', { unitId: province.id, period: quarter.code });
  expect([asked.status, asked.body?.code]).toEqual([403, 'FORBIDDEN']);
  const submitted = await callApi(page, 'POST', `/admin/reports/${reportId}/submit`);
  expect(submitted.status).toBe(403);
});
