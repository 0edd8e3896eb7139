/**
 * The official populations page in a real browser on a phone-sized screen (360 × 740), with axe on every state:
 *  - the demo statistician (statistician@demo.hocvuso.example, the demo province) checks a CSV sheet with bad
 *    rows (an unknown unit, a negative count, a duplicate row): the row report lists each in Vietnamese and
 *    nothing is imported; the fixed sheet (as an XLSX workbook) is checked, then imported; a corrected figure
 *    becomes revision 2 with revision 1 shown as superseded; the import history lists every attempt;
 *  - a Fatherland Front report viewer reads the same figures read-only from the coverage dashboard, without
 *    the upload form (and the import page refuses them).
 * Each run uses a source of its own and the quarter 2025-Q3 (the demo units begin on 2025-07-01), so the
 * dashboards' yearly figures stay the ones in force.
 * Needs E2E_BASE_URL and E2E_DATABASE_URL.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { heading, signIn, usePhoneHarness } from './support/phone-harness';

const DEMO_PASSWORD = 'hocvuso-demo';
const PROVINCE = 'Tỉnh Mẫu (dữ liệu minh hoạ)';
const COMMUNE = 'Xã Mẫu Một (minh hoạ)';
const TITLE = 'Số liệu dân số chính thức';

jest.setTimeout(180_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the populations page',
  database: true,
  screenshotPrefix: 'populations',
  fitsPhoneWidth: true,
});

const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
const SOURCE = `Chi cục Thống kê (thử ${tag})`;
const HEADER = 'unit_code,organisation_code,target_group,sub_group,period,source,count';

/** The figures this run wrote: [unit code, value, revision, current]. */
async function written(): Promise<Array<[string, number, number, boolean]>> {
  const r = await db().query<{ code: string; value: number; revision: number; current: boolean }>(
    `SELECT u.code, p.value, p.revision, p.superseded_by IS NULL AS current
       FROM populations p JOIN administrative_units u ON u.id = p.place_id
      WHERE p.source = $1 ORDER BY u.code, p.revision`,
    [SOURCE],
  );
  return r.rows.map((row) => [row.code, row.value, row.revision, row.current]);
}

async function workbook(rows: Array<Array<string | number>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Dân số 2025-Q3');
  sheet.addRow(HEADER.split(','));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function check(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await page.getByLabel('Tệp bảng thống kê (CSV hoặc XLSX)').setInputFiles(file);
  await page.getByRole('button', { name: 'Kiểm tra tệp (chưa ghi)' }).click();
}

const count = (page: Page, key: string) =>
  page.locator(`section[aria-labelledby="population-report-heading"] .counts__item--${key} .counts__number`);

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

it('a statistician checks a sheet with bad rows, nothing is imported; fixes it, imports it and sees the figures', async () => {
  const page = await newPhone();
  await signIn(page, 'statistician@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Dân số chính thức' }).first().click();
  await heading(page, TITLE);
  // The template is made in the page: the contract's columns and an example row.
  const template = page.getByRole('link', { name: 'Tải tệp mẫu (CSV)' });
  expect(await template.getAttribute('download')).toBe('mau-dan-so.csv');
  const [download] = await Promise.all([page.waitForEvent('download'), template.click()]);
  expect(download.suggestedFilename()).toBe('mau-dan-so.csv');
  const templateText = readFileSync((await download.path())!, 'utf8');
  expect(templateText.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(HEADER);
  await expectAccessible(page, 'empty');

  // Checking without a file says so at the file input, which takes the focus.
  await page.getByRole('button', { name: 'Kiểm tra tệp (chưa ghi)' }).click();
  await page.getByText('Hãy chọn một tệp CSV hoặc XLSX.').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('population-file');

  // Another kind of file is refused in the page; bytes that only pretend to be a workbook, by the api (the
  // zero-width character in their name is cleaned for the import log, so the query passes).
  await page.getByLabel('Tệp bảng thống kê (CSV hoặc XLSX)').setInputFiles({
    name: 'bao-cao.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.7'),
  });
  await page.getByRole('button', { name: 'Kiểm tra tệp (chưa ghi)' }).click();
  await page.getByText('Chỉ nhận tệp .csv hoặc .xlsx.').waitFor();
  await check(page, {
    name: 'gia\u200B-mao.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from('%PDF-1.7 not a workbook'),
  });
  await page.getByRole('alert').filter({ hasText: 'Tệp không phải là bảng tính Excel XLSX.' }).waitFor();
  await expectAccessible(page, 'not a workbook');

  const bad = [
    HEADER,
    `DEMO01,,citizens,,2025-Q3,${SOURCE},"5.200"`,
    `NOPE${tag},,citizens,,2025-Q3,${SOURCE},100`,
    `DEMO02,,citizens,,2025-Q3,${SOURCE},-7`,
    `DEMO01,,citizens,,2025-Q3,${SOURCE},5200`,
  ].join('\n');
  await check(page, { name: 'dan-so-2025-q3.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  const refused = page.getByRole('region', { name: 'Tệp bị từ chối: không có số liệu nào được ghi' });
  await refused.waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('population-report-heading');
  await refused.getByText('Không có số liệu nào được nhập vì tệp có dòng sai.', { exact: false }).waitFor();
  expect(await count(page, 'good').textContent()).toBe('1');
  expect(await count(page, 'rejected').textContent()).toBe('3');
  const problems = refused.getByRole('table', { name: 'Các lỗi theo dòng của tệp dan-so-2025-q3.csv' });
  const row = (line: number) => problems.getByRole('row').filter({ hasText: `Dòng ${line}` });
  await expect(row(3).textContent()).resolves.toContain(
    'Không có đơn vị hoặc tổ chức này trong địa bàn của bạn.',
  );
  await expect(row(3).textContent()).resolves.toContain('Người dân');
  await expect(row(4).textContent()).resolves.toContain('Số lượng không được âm.');
  await expect(row(5).textContent()).resolves.toContain('Trùng với một dòng trước đó');
  expect(await row(2).count()).toBe(0);
  // No confirm button: a refused sheet cannot be imported.
  expect(await page.getByRole('button', { name: 'Nhập số liệu từ tệp này' }).count()).toBe(0);
  expect(await written()).toEqual([]);
  await expectAccessible(page, 'refused');

  // The fixed sheet, as an XLSX workbook: checked first (nothing written), then imported.
  const fixed = await workbook([
    ['DEMO01', '', 'citizens', '', '2025-Q3', SOURCE, 5200],
    ['DEMO02', '', 'citizens', '', '2025-Q3', SOURCE, '6.800'],
  ]);
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await check(page, { name: 'dan-so-2025-q3.xlsx', mimeType: xlsx, buffer: fixed });
  const checked = page.getByRole('region', { name: 'Kết quả kiểm tra (chưa ghi gì)' });
  await checked.waitFor();
  expect(await count(page, 'good').textContent()).toBe('2');
  expect(await count(page, 'rejected').textContent()).toBe('0');
  expect(await count(page, 'wouldCreate').textContent()).toBe('2');
  expect(await written()).toEqual([]);
  await expectAccessible(page, 'checked');
  await page.getByRole('button', { name: 'Nhập số liệu từ tệp này' }).click();
  await page.getByRole('region', { name: 'Đã nhập số liệu' }).waitFor();
  expect(await count(page, 'created').textContent()).toBe('2');
  expect(await written()).toEqual([
    ['DEMO01', 5200, 1, true],
    ['DEMO02', 6800, 1, true],
  ]);

  // A corrected figure for one commune: a new revision, the first kept and superseded.
  await check(page, {
    name: 'dan-so-2025-q3-sua.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${HEADER}\nDEMO01,,citizens,,2025-Q3,${SOURCE},5300\n`),
  });
  await page.getByRole('region', { name: 'Kết quả kiểm tra (chưa ghi gì)' }).waitFor();
  expect(await count(page, 'wouldRevise').textContent()).toBe('1');
  await page.getByRole('button', { name: 'Nhập số liệu từ tệp này' }).click();
  await page.getByRole('region', { name: 'Đã nhập số liệu' }).waitFor();
  expect(await written()).toEqual([
    ['DEMO01', 5200, 1, false],
    ['DEMO01', 5300, 2, true],
    ['DEMO02', 6800, 1, true],
  ]);

  // The history: every attempt, newest first, with what became of it.
  const history = page.getByRole('table', { name: 'Các lần nhập bảng thống kê của bạn, mới nhất trước' });
  await history.getByRole('row').filter({ hasText: 'dan-so-2025-q3-sua.csv' }).first().waitFor();
  await expect(history.textContent()).resolves.toContain('Bị từ chối (3 dòng sai)');
  await expect(history.textContent()).resolves.toContain('dan-so-2025-q3.xlsx');

  // The figures in force: choose the commune, filter to the quarter.
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: PROVINCE });
  await page.getByLabel('Xã, phường, đặc khu').selectOption({ label: COMMUNE });
  const figures = page.getByRole('table', { name: `Số liệu dân số của ${COMMUNE}` });
  await figures.waitFor();
  const period = page.getByLabel('Kỳ', { exact: true });
  if ((await period.count()) > 0) await period.selectOption('2025-Q3');
  const ours = figures.getByRole('row').filter({ hasText: SOURCE });
  await expect(ours.textContent()).resolves.toContain('5.300');
  await expect(ours.textContent()).resolves.toContain('Lần 2');
  await expect(ours.textContent()).resolves.toMatch(/Lần 1: 5\.200 \(.+\), đã được thay thế/);
  await expectAccessible(page, 'figures');
});

it('a report viewer reads the figures from the coverage dashboard, read-only, and cannot import', async () => {
  const page = await newPhone();
  await signIn(page, 'report-viewer@demo.hocvuso.example', DEMO_PASSWORD);
  await page.goto('/admin/coverage');
  await page.getByRole('link', { name: 'Xem số liệu dân số chính thức và các lần sửa' }).click();
  await heading(page, 'Số liệu dân số chính thức (chỉ xem)');
  expect(await page.getByLabel('Tệp bảng thống kê (CSV hoặc XLSX)').count()).toBe(0);
  await page.getByLabel('Tỉnh, thành phố').selectOption({ label: PROVINCE });
  await page
    .getByRole('table', { name: `Số liệu dân số của ${PROVINCE}` })
    .or(page.getByText('Chưa có số liệu dân số cho địa bàn này.'))
    .first()
    .waitFor();
  await expectAccessible(page, 'read-only');
  await page.goto('/admin/populations');
  await heading(page, 'Bạn không có quyền xem trang này');
});
