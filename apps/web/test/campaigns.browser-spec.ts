/**
 * An emulation campaign in a real browser on a phone-sized screen (360 × 740), with axe on every page: a campaign
 * manager of a province opens the 10/10 festival template, then starts a blank campaign for two communes scored by
 * the share of citizens trained; the league table ranks the commune with the higher share first. An ended campaign
 * of the same communes is closed from its page and shows its awards.
 * Needs E2E_BASE_URL and E2E_DATABASE_URL.
 */
import { randomBytes } from 'node:crypto';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const PASSWORD = 'mat-khau-an-toan-2026';

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the emulation campaigns',
  database: true,
  screenshotPrefix: 'campaigns',
  fitsPhoneWidth: true,
});

afterAll(() => {
  expect(pageErrors).toEqual([]);
});

const vietnamDate = (offsetDays: number) =>
  new Date(Date.now() + 7 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const tag = randomBytes(3).toString('hex').toUpperCase();
const ONE = `Xã Thi Đua Một ${tag}`;
const TWO = `Xã Thi Đua Hai ${tag}`;
let province: string;
let communeOne: string;
let communeTwo: string;

/** A province of its own with two communes, each with an official population and trained citizens. */
beforeAll(async () => {
  const unit = async (
    code: string,
    level: string,
    name: string,
    parentId: string | null,
    parentPath: string,
  ) =>
    (
      await db().query<{ id: string }>(
        `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from)
         VALUES ($1, $2, $3, $4, $5, '2025-07-01') RETURNING id`,
        [code, level, name, parentId, `${parentPath}${code}/`],
      )
    ).rows[0]!.id;
  province = await unit(`TD${tag}`, 'province', `Tỉnh Thi Đua ${tag}`, null, '/');
  communeOne = await unit(`TD1${tag}`, 'commune', ONE, province, `/TD${tag}/`);
  communeTwo = await unit(`TD2${tag}`, 'commune', TWO, province, `/TD${tag}/`);
  // One: 50 of 200 citizens trained (25 %); two: 60 of 400 (15 %), more people but a lower share.
  for (const [id, population, trained] of [
    [communeOne, 200, 50],
    [communeTwo, 400, 60],
  ] as const) {
    await db().query(
      `INSERT INTO populations (place_kind, place_id, target_group, period, period_start, period_end, source, value, revision)
       VALUES ('unit', $1, 'citizens', '2025', '2025-01-01', '2025-12-31', 'Cục Thống kê (minh hoạ)', $2, 1)`,
      [id, population],
    );
    await db().query(
      `WITH people AS (
         INSERT INTO users (display_name, email)
         SELECT 'Người dân ' || n, 'campaign-' || $3 || '-' || n || '@example.com' FROM generate_series(1, $2::int) n
         RETURNING id)
       INSERT INTO coverage_facts (user_id, measure, target_group, unit_id, unit_path, achieved_at, source)
       SELECT p.id, 'trained', 'citizens', au.id, au.path, now() - interval '3 days', 'system'
         FROM people p, administrative_units au WHERE au.id = $1`,
      [id, trained, `${tag.toLowerCase()}-${id.slice(0, 8)}`],
    );
  }
});

it("a campaign's league table ranks two communes by the configured rule", async () => {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: `Người Phụ Trách Thi Đua ${tag}`,
    identifier: `campaign-manager-${tag.toLowerCase()}@example.com`,
    password: PASSWORD,
  });
  await db().query(`INSERT INTO role_grants (user_id, role, unit_id) VALUES ($1, 'campaign_manager', $2)`, [
    id,
    province,
  ]);

  await page.goto('/admin');
  await page.getByRole('link', { name: 'Phong trào thi đua' }).first().click();
  await heading(page, 'Phong trào thi đua');
  await expectAccessible(page, 'campaign list');

  // The 10/10 festival template comes prefilled.
  await page.getByRole('link', { name: 'Tạo từ mẫu Ngày hội 10/10' }).click();
  await heading(page, /Ngày hội học tập số toàn dân 10\/10/);
  await expect(page.getByLabel('Tên đợt thi đua (tiếng Việt)').inputValue()).resolves.toMatch(
    /^Ngày hội học tập số toàn dân 10\/10\/\d{4}$/,
  );
  await expect(page.getByLabel('Mức tăng tỷ lệ được đào tạo', { exact: true }).isChecked()).resolves.toBe(
    true,
  );
  await expectAccessible(page, 'festival template');

  // A blank campaign of this week, scored by the share trained only.
  await page.goto('/admin/campaigns/new');
  await heading(page, 'Tạo đợt thi đua');
  await page.getByLabel('Tên đợt thi đua (tiếng Việt)').fill(`Thi đua tuần này ${tag}`);
  await page.getByLabel('Tên đợt thi đua (tiếng Anh)').fill(`This week's race ${tag}`);
  await page.getByLabel('Ngày bắt đầu').fill(vietnamDate(-7));
  await page.getByLabel('Ngày kết thúc').fill(vietnamDate(7));
  await page.getByLabel('Tìm xã, phường trong địa bàn của bạn').fill(tag);
  await page.getByLabel(ONE).check();
  await page.getByLabel(TWO).check();
  await page.getByLabel('Tỷ lệ người được đào tạo', { exact: true }).check();
  await page.getByLabel('Trọng số').fill('2');
  await expectAccessible(page, 'blank campaign form');
  await page.getByRole('button', { name: 'Tạo đợt thi đua' }).click();
  await heading(page, `Thi đua tuần này ${tag}`);

  const table = page.getByRole('table', { name: /Bảng xếp hạng/ });
  await table.waitFor();
  const rows = table.getByRole('row');
  await expect(rows.count()).resolves.toBe(3);
  await expect(rows.nth(1).textContent()).resolves.toContain(ONE);
  await expect(rows.nth(1).textContent()).resolves.toContain('25 % (50 điểm)');
  await expect(rows.nth(2).textContent()).resolves.toContain(TWO);
  await expect(rows.nth(2).textContent()).resolves.toContain('15 % (30 điểm)');
  await expectAccessible(page, 'league table');

  // An ended campaign of the same communes is closed from its page; the top unit gets its award.
  const ended = await apiFromPage<{ id: string }>(page, 'POST', '/campaigns', {
    name: { vi: `Thi đua đã qua ${tag}`, en: `Past race ${tag}` },
    startsOn: vietnamDate(-30),
    endsOn: vietnamDate(-1),
    unitIds: [communeOne, communeTwo],
    topUnits: 1,
    topPeople: 0,
    rule: { targetGroup: 'citizens', terms: [{ indicator: 'trained_share', weight: 1 }] },
  });
  await page.goto(`/admin/campaigns/${ended.id}`);
  await heading(page, `Thi đua đã qua ${tag}`);
  await page.getByRole('button', { name: 'Tổng kết đợt thi đua' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tổng kết đợt thi đua?' });
  await dialog.waitFor();
  await expectAccessible(page, 'close confirmation');
  await dialog.getByRole('button', { name: 'Tổng kết đợt thi đua' }).click();
  await heading(page, /^Khen thưởng$/, 2);
  await page.getByText(`Hạng 1: ${ONE}`).waitFor();
  await expectAccessible(page, 'awards');
});
