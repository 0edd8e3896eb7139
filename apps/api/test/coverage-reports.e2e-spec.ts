import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { claimReport, createDataSource, recordCoverageFacts, replicaDataSourceOptions } from '@hocvuso/db';
import { generateCoverageReport, reportPopulations } from '@hocvuso/issuance';
import { openRunDatabase, runDatabaseUrl } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { parse } from 'yaml';
import { importArea } from './support/area-world';
import { readSheet, sheetRows } from './support/ooxml-reader';
import {
  type Browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Signed = Browser & { id: string };

const PLAN = `
title: { vi: "Kế hoạch thử nghiệm chuyển đổi số" }
indicators:
  - code: staff-trained
    title: { vi: "Cán bộ, công chức được tập huấn kỹ năng số" }
    targetGroup: public-servants
    subGroup: ""
    measure: trained
    denominator: population
    targets: [{ by: "2026-12-31", share: 0.8, strictlyAbove: true }]
    source: { document: "KH 01/KH-UBND", section: "II.1" }
  - code: vneid
    title: { vi: "Người có VNeID mức 2" }
    targetGroup: "*"
    subGroup: ""
    measure: vneid_level2
    denominator: none
    targets: [{ by: "2026-12-31", count: 2 }]
    source: { document: "KH 01/KH-UBND", section: "II.3" }
    provisional: true
`;

/**
 * Stores a plan in coverage_plans as `npm run content:import` does (the reports read the imported plans, never the
 * files); the plan's id is this suite's own, so other suites sharing the run database never see it as theirs.
 */
async function importTestPlan(db: DataSource, id: string, yaml: string): Promise<string> {
  const definition = {
    id,
    unitCode: null,
    source: { document: 'KH 01/KH-UBND', issuer: 'UBND tỉnh thử', issuedOn: null },
    requiredCourses: {},
    ...(parse(yaml) as object),
  };
  const hash = createHash('sha256').update(JSON.stringify(definition)).digest('hex');
  await db.query(
    `INSERT INTO coverage_plans (id, definition, content_hash) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (id) DO UPDATE SET definition = EXCLUDED.definition, content_hash = EXCLUDED.content_hash,
            imported_at = now(), retired_at = NULL`,
    [id, JSON.stringify(definition), hash],
  );
  return hash;
}

/**
 * Periodic coverage reports end to end: a quarter's report counts facts before its cut-off once and never
 * changes; a correction is a new audited revision; every endpoint is scoped (out of scope: 404); bad periods are
 * 400 with a code; 50 parallel requests make one report; a generation taken over after a crash finishes once.
 */
describe('coverage reports', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const planId = `test-plan-${tag.toLowerCase()}`;
  let planVersion: string;
  let area: { P: string; C1: string; C2: string };
  let statistician: Signed;
  let viewer: Signed;
  let c2Admin: Signed;
  let learner: Signed;
  const people: Signed[] = [];

  const generate = (id: string) => generateCoverageReport({ db }, id);
  const fact = async (who: Signed, measure: 'trained' | 'vneid_level2', at: string) => {
    await recordCoverageFacts(db, { userId: who.id, measure, source: 'system' });
    await db.query(`UPDATE coverage_facts SET achieved_at = $2 WHERE user_id = $1 AND measure = $3`, [
      who.id,
      at,
      measure,
    ]);
  };
  const withRole = async (name: string, role: string, unitId: string): Promise<Signed> => {
    const p = await signedUpLearner(t.http, name);
    await placeLearner(p, area.C1, { targetGroups: ['citizens'] });
    await system.post('/api/admin/role-grants').send({ userId: p.id, role, unitId }).expect(201);
    return p;
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    planVersion = await importTestPlan(db, planId, PLAN);
    system = await signedInDemo(t.http);
    area = await importArea(system, db, tag, { province: 'Tỉnh Thử Báo Cáo', commune2: 'Phường Hai' });
    statistician = await withRole('Thống kê viên', 'statistician', area.P);
    viewer = await withRole('Mặt trận Tổ quốc', 'report_viewer', area.P);
    c2Admin = await withRole('Quản trị xã hai', 'unit_admin', area.C2);
    learner = await signedUpLearner(t.http, 'Người học');
    for (const [i, unit] of [area.C1, area.C1, area.C2].entries()) {
      const p = await signedUpLearner(t.http, `Cán bộ ${i}`);
      await placeLearner(p, unit, { targetGroups: ['public-servants'] });
      people.push(p);
    }
    // Before the 2026-Q3 cut-off (2026-09-30 17:00 UTC): two trained in C1, one in C2 just before midnight.
    await fact(people[0]!, 'trained', '2026-08-15T03:00:00Z');
    await fact(people[1]!, 'trained', '2026-09-30T16:59:59Z');
    await fact(people[2]!, 'vneid_level2', '2026-07-02T00:00:00Z');
  });

  afterAll(async () => {
    await db.query(`UPDATE coverage_plans SET retired_at = now() WHERE id = $1`, [planId]);
    await t.close();
    await db.destroy();
  });

  let q3: string;

  it('generates a quarter report that later data never changes', async () => {
    const res = await statistician
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: '2026-Q3' })
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'queued',
      progress: 0,
      revision: 1,
      period: { code: '2026-Q3', kind: 'quarter', start: '2026-07-01', end: '2026-09-30' },
      cutOff: '2026-09-30T17:00:00.000Z',
      plan: { id: planId },
      place: { kind: 'unit', id: area.P, level: 'province' },
      data: null,
    });
    q3 = res.body.id;
    await statistician.agent.get(`/api/admin/reports/${q3}.pdf`).expect(409);
    expect(await generate(q3)).toBe('done');
    expect(await generate(q3)).toBe('skipped');
    const ready = (await statistician.agent.get(`/api/admin/reports/${q3}`).expect(200)).body;
    expect(ready).toMatchObject({
      status: 'ready',
      progress: 100,
      checksum: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const [total, ...children] = ready.data.rows;
    // Children in Vietnamese order of their names: "Phường Hai" before "Xã Một".
    expect(children.map((r: { place: { id: string } }) => r.place.id)).toEqual([area.C2, area.C1]);
    const [c2, c1] = children;
    expect(total).toMatchObject({ total: true, place: { id: area.P } });
    expect(total.cells[0]).toMatchObject({ code: 'staff-trained', numerator: 2, status: 'no-population' });
    expect(total.cells[0].registered).toBeGreaterThanOrEqual(3);
    expect(c1.cells[0]).toMatchObject({ numerator: 2 });
    expect(c2.place.name).toBe(`Phường Hai ${tag}`);
    expect(c2.cells[0]).toMatchObject({ numerator: 0 });
    expect(total.cells[1]).toMatchObject({ code: 'vneid', numerator: 1, status: 'behind', gap: 1 });

    // After the cut-off, and after generation: the ready report does not move.
    await fact(people[2]!, 'trained', '2026-09-30T17:00:00Z');
    await fact(people[0]!, 'vneid_level2', '2026-11-01T00:00:00Z');
    const again = (await viewer.agent.get(`/api/admin/reports/${q3}`).expect(200)).body;
    expect(again.data).toEqual(ready.data);
    expect(again.checksum).toBe(ready.checksum);

    // Not even a raw UPDATE can change frozen figures.
    await expect(
      db.query(`UPDATE coverage_reports SET data = jsonb_set(data, '{format}', '"x"') WHERE id = $1`, [q3]),
    ).rejects.toThrow(/frozen/);
    await expect(
      db.query(`UPDATE coverage_reports SET checksum = repeat('0', 64) WHERE id = $1`, [q3]),
    ).rejects.toThrow(/frozen/);
    await expect(db.query(`UPDATE coverage_reports SET cut_off = now() WHERE id = $1`, [q3])).rejects.toThrow(
      /frozen/,
    );
    await expect(db.query(`DELETE FROM coverage_reports WHERE id = $1`, [q3])).rejects.toThrow(/frozen/);
  });

  it('downloads XLSX, CSV and PDF with the frozen figures, in Vietnamese', async () => {
    const xlsx = await viewer.agent
      .get(`/api/admin/reports/${q3}.xlsx`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(xlsx.headers['x-content-type-options']).toBe('nosniff');
    expect(xlsx.headers['cache-control']).toBe('no-store');
    expect(xlsx.headers['content-disposition']).toMatch(
      /^attachment; filename="[A-Za-z0-9._-]+"; filename\*=UTF-8''/,
    );
    expect(decodeURIComponent(xlsx.headers['content-disposition']!.split("''")[1]!)).toBe(
      `Báo cáo Tỉnh Thử Báo Cáo ${tag} 2026-Q3 lần 1.xlsx`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    const ws = wb.getWorksheet('Báo cáo')!;
    const values = Array.from(ws.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));
    const row = values.find((r) => r[0] === 'staff-trained' && String(r[3]).includes('(tổng)'))!;
    expect(row[4]).toBe(2);
    expect(typeof row[4]).toBe('number');
    expect(values.some((r) => String(r[1]).includes('Quý III năm 2026'))).toBe(true);

    // A second reader (our own, not exceljs) sees what a spreadsheet application that trusts the stored values
    // shows: every indicator row equals the frozen figures the PDF prints, and every formula cell (if the writer
    // ever uses one) carries a cached result equal to the recomputed value.
    const frozen = (await viewer.agent.get(`/api/admin/reports/${q3}`).expect(200)).body.data as {
      indicators: Array<{ code: string }>;
      rows: Array<{
        total: boolean;
        place: { name: string };
        cells: Array<{
          numerator: number;
          registered: number;
          population: { value: number } | null;
          share: number | null;
          gap: number | null;
        }>;
      }>;
    };
    const cells = readSheet(xlsx.body as Buffer, 'Báo cáo');
    const sheet = sheetRows(cells);
    const num = (row: Map<string, { value: string | number | null }>, col: string) =>
      row.get(col)?.value ?? null;
    let compared = 0;
    for (const [i, ind] of frozen.indicators.entries())
      for (const r of frozen.rows) {
        const name = r.total ? `${r.place.name} (tổng)` : r.place.name;
        const found = [...sheet.values()].filter(
          (row) => num(row, 'A') === ind.code && num(row, 'D') === name,
        );
        expect(found).toHaveLength(1);
        const row = found[0]!;
        const c = r.cells[i]!;
        expect(num(row, 'E')).toBe(c.numerator);
        expect(num(row, 'F')).toBe(c.registered);
        expect(num(row, 'G')).toBe(c.population?.value ?? null);
        expect(num(row, 'J')).toBe(c.share);
        expect(num(row, 'L')).toBe(c.gap);
        // recomputed: the share is the numerator over the population
        if (c.population && c.population.value > 0)
          expect(num(row, 'J')).toBeCloseTo(c.numerator / c.population.value, 10);
        for (const col of ['E', 'F', 'G', 'J', 'L']) {
          const cell = row.get(col);
          if (cell?.value != null) expect(cell.type).toBe('n');
        }
        compared += 1;
      }
    expect(compared).toBe(frozen.indicators.length * frozen.rows.length);
    const formulas = cells.filter((c) => c.formula !== null);
    for (const f of formulas) {
      expect(f.value).not.toBeNull();
      const [, col, rowNo] = /^([A-Z]+)(\d+)$/.exec(f.ref)!;
      const row = sheet.get(Number(rowNo))!;
      // the formulas the report could hold are ratios and sums of its own row's figures
      const share = /^([A-Z]+)\d+\/([A-Z]+)\d+$/.exec(f.formula!);
      if (share) expect(f.value).toBeCloseTo(Number(num(row, share[1]!)) / Number(num(row, share[2]!)), 10);
      else expect(col).toBe('unsupported formula ' + f.formula);
    }

    const csv = await viewer.agent.get(`/api/admin/reports/${q3}.csv`).expect(200);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain(`staff-trained,Cán bộ, công chức`.slice(0, 14));
    expect(csv.headers['content-type']).toMatch(/text\/csv/);

    const pdf = await viewer.agent
      .get(`/api/admin/reports/${q3}.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const dir = mkdtempSync(join(tmpdir(), 'hvs-report-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.body as Buffer);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/[ \t]+/g, ' ');
    rmSync(dir, { recursive: true, force: true });
    for (const expected of [
      `UBND TỈNH THỬ BÁO CÁO ${tag}`,
      'CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO KẾT QUẢ',
      'Quý III năm 2026',
      'Cán bộ, công chức được tập huấn kỹ năng số',
      `Xã Một ${tag}`,
      'không phải số liệu lịch sử',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/Thử Báo Cáo [0-9A-F]{6}, ngày \d{2} tháng \d{2} năm \d{4}/);
    const { checksum } = (await viewer.agent.get(`/api/admin/reports/${q3}`).expect(200)).body;
    expect(text.replace(/\s+/g, '')).toContain(checksum);
  });

  it('corrects a report with a new, audited revision; the old one stays, marked superseded', async () => {
    // A fact recorded late but dated inside the period (a helper's paper form typed in afterwards).
    await fact(people[2]!, 'trained', '2026-09-20T00:00:00Z');
    const dup = await statistician
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: '2026-Q3' })
      .expect(409);
    expectErrorShape(dup.body, 409, 'REPORT_EXISTS');
    await statistician
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: '2026-Q3', correctionOf: 1 })
      .expect(400);
    await statistician
      .post('/api/admin/reports')
      .send({
        plan: planId,
        unitId: area.P,
        period: '2026-Q3',
        correctionOf: 2,
        reason: 'Bổ sung phiếu giấy',
      })
      .expect(409);
    const rev2 = await statistician
      .post('/api/admin/reports')
      .send({
        plan: planId,
        unitId: area.P,
        period: '2026-Q3',
        correctionOf: 1,
        reason: 'Bổ sung phiếu giấy của xã',
      })
      .expect(201);
    expect(rev2.body).toMatchObject({
      revision: 2,
      supersedes: 1,
      correctionReason: 'Bổ sung phiếu giấy của xã',
    });
    expect(await generate(rev2.body.id)).toBe('done');
    const r2 = (await viewer.agent.get(`/api/admin/reports/${rev2.body.id}`).expect(200)).body;
    expect(r2.data.rows[0].cells[0].numerator).toBe(3);
    const r1 = (await viewer.agent.get(`/api/admin/reports/${q3}`).expect(200)).body;
    expect(r1).toMatchObject({ supersededBy: 2 });
    expect(r1.data.rows[0].cells[0].numerator).toBe(2);
    await viewer.agent.get(`/api/admin/reports/${q3}.pdf`).expect(200);
    const audit = await db.query(
      `SELECT action, reason, actor_user_id FROM audit_log WHERE subject_type = 'coverage_report' AND subject_id = $1`,
      [rev2.body.id],
    );
    expect(audit).toEqual([
      { action: 'report.correct', reason: 'Bổ sung phiếu giấy của xã', actor_user_id: statistician.id },
    ]);

    // Submitting: once, audited; a viewer may not.
    await viewer.post(`/api/admin/reports/${rev2.body.id}/submit`).expect(403);
    const sub = await statistician.post(`/api/admin/reports/${rev2.body.id}/submit`).expect(200);
    expect(sub.body).toMatchObject({ status: 'submitted', submittedAt: expect.any(String) });
    expectErrorShape(
      (await statistician.post(`/api/admin/reports/${rev2.body.id}/submit`).expect(409)).body,
      409,
      'REPORT_ALREADY_SUBMITTED',
    );
    const [{ n }] = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'report.submit' AND subject_id = $1`,
      [rev2.body.id],
    );
    expect(n).toBe(1);
    await expect(
      db.query(`UPDATE coverage_reports SET status = 'ready', submitted_at = NULL WHERE id = $1`, [
        rev2.body.id,
      ]),
    ).rejects.toThrow(/frozen/);
    // A submitted report is corrected only by a new revision.
    expectErrorShape(
      (
        await statistician
          .post('/api/admin/reports')
          .send({ plan: planId, unitId: area.P, period: '2026-Q3' })
          .expect(409)
      ).body,
      409,
      'REPORT_EXISTS',
    );
  });

  it('scopes every endpoint: out of scope is 404, a learner 403, a viewer reads but does not generate', async () => {
    const c1Report = (
      await statistician
        .post('/api/admin/reports')
        .send({ plan: planId, unitId: area.C1, period: '2026-Q3' })
        .expect(201)
    ).body.id as string;
    for (const url of ['', '.xlsx', '.csv', '.pdf'])
      expectErrorShape(
        (await c2Admin.agent.get(`/api/admin/reports/${c1Report}${url}`).expect(404)).body,
        404,
        'REPORT_NOT_FOUND',
      );
    await c2Admin.post(`/api/admin/reports/${c1Report}/submit`).expect(404);
    await c2Admin.agent.get(`/api/admin/reports/${q3}`).expect(404);
    await c2Admin
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.C1, period: '2026-Q3' })
      .expect(404);
    await c2Admin.post('/api/admin/reports').send({ period: '2026-Q3' }).expect(400);
    const own = (await c2Admin.agent.get('/api/admin/reports').expect(200)).body.items as Array<{
      id: string;
    }>;
    expect(own.map((r) => r.id)).not.toContain(c1Report);
    expect(own.map((r) => r.id)).not.toContain(q3);
    const all = (await viewer.agent.get(`/api/admin/reports?unitId=${area.C1}`).expect(200)).body.items;
    expect(all.map((r: { id: string }) => r.id)).toEqual([c1Report]);
    await viewer
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: '2026-Q2' })
      .expect(403);
    await learner.agent.get('/api/admin/reports').expect(403);
    await learner.agent.get(`/api/admin/reports/${q3}.pdf`).expect(403);
    await learner
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: '2026-Q2' })
      .expect(403);
    await statistician.agent.get('/api/admin/reports/not-a-uuid').expect(404);
    await statistician.agent.get(`/api/admin/reports/00000000-0000-0000-0000-000000000000.csv`).expect(404);
  });

  it('refuses bad periods with a code and changes nothing', async () => {
    const before = await db.query(`SELECT count(*)::int AS n FROM coverage_reports WHERE unit_path LIKE $1`, [
      `%${tag}%`,
    ]);
    const cases: Array<[string, string]> = [
      ['2025-Q5', 'PERIOD_INVALID'],
      ['2026-03-02..2026-03-01', 'PERIOD_INVALID'],
      ['2026-02-30..2026-03-01', 'PERIOD_INVALID'],
      ['2099-01-01..2099-01-31', 'PERIOD_NOT_ENDED'],
      ['2099', 'PERIOD_NOT_ENDED'],
      ['2026\u0000-Q1', 'INVALID_TEXT'],
      ['\u202e2026-Q1', 'PERIOD_INVALID'],
    ];
    for (const [period, code] of cases)
      expectErrorShape(
        (
          await statistician
            .post('/api/admin/reports')
            .send({ plan: planId, unitId: area.P, period })
            .expect(400)
        ).body,
        400,
        code,
      );
    await statistician
      .post('/api/admin/reports')
      .send({ plan: planId, unitId: area.P, period: 'x'.repeat(5000) })
      .expect(400);
    await statistician
      .post('/api/admin/reports')
      .send({ unitId: area.P, period: '2026-Q1', plan: 'no-such-plan' })
      .expect(404);
    const after = await db.query(`SELECT count(*)::int AS n FROM coverage_reports WHERE unit_path LIKE $1`, [
      `%${tag}%`,
    ]);
    expect(after).toEqual(before);
  });

  it('makes one report of 50 parallel requests for the same period', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        statistician.post('/api/admin/reports').send({ plan: planId, unitId: area.C2, period: '2026-Q2' }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    const rows = await db.query(
      `SELECT count(*)::int AS n FROM coverage_reports WHERE place_id = $1 AND period_code = '2026-Q2'`,
      [area.C2],
    );
    expect(rows[0].n).toBe(1);
  });

  it('finishes once when a worker dies mid-generation and another takes over', async () => {
    const id = (
      await statistician
        .post('/api/admin/reports')
        .send({ plan: planId, unitId: area.P, period: '2026-07-01..2026-09-30' })
        .expect(201)
    ).body.id as string;
    // The first worker claims the report and dies before finishing.
    const dead = await claimReport(db, id, 120);
    expect(dead).toEqual({ attempt: 1 });
    // While its lease runs, nobody else takes the report.
    expect(await generate(id)).toBe('skipped');
    await db.query(`UPDATE coverage_reports SET started_at = now() - interval '10 minutes' WHERE id = $1`, [
      id,
    ]);
    // A restarted worker takes it over; a stage of the dead one cannot finish it any more.
    let stages = 0;
    expect(await generateCoverageReport({ db, onStage: () => void (stages += 1) }, id)).toBe('done');
    expect(stages).toBeGreaterThan(3);
    expect(await generate(id)).toBe('skipped');
    const [row] = await db.query(`SELECT status, attempts, progress FROM coverage_reports WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ status: 'ready', attempts: 2, progress: 100 });
    const body = (await viewer.agent.get(`/api/admin/reports/${id}`).expect(200)).body;
    expect(body.period).toMatchObject({ kind: 'adhoc', end: '2026-09-30' });
    expect(body.data.rows[0].cells[0].numerator).toBe(3);
  });

  it('counts against the populations in force at the period end: a unit’s own figure, or its children’s sum', async () => {
    const population = (unit: string, value: number) =>
      db.query(
        `INSERT INTO populations (place_kind, place_id, target_group, sub_group, period, period_start, period_end, source, value, revision)
         VALUES ('unit', $1, 'public-servants', '', '2026', '2026-01-01', '2026-12-31', 'Sở Nội vụ (thử)', $2, 1)`,
        [unit, value],
      );
    await population(area.C1, 4);
    await population(area.C2, 2);
    const id = (
      await statistician
        .post('/api/admin/reports')
        .send({ plan: planId, unitId: area.P, period: '2026-07-01..2026-10-31' })
        .expect(201)
    ).body.id as string;
    expect(await generateCoverageReport({ db, populations: reportPopulations }, id)).toBe('done');
    const body = (await viewer.agent.get(`/api/admin/reports/${id}`).expect(200)).body;
    const [total, c2, c1] = body.data.rows;
    // Two trained in C1 before the cut-off, the third (C2) on 30 September 17:00 UTC: inside this range.
    expect(c1.cells[0]).toMatchObject({ numerator: 2, population: { value: 4, period: '2026' }, share: 0.5 });
    expect(c2.cells[0]).toMatchObject({ numerator: 1, population: { value: 2 }, share: 0.5 });
    // The province has no figure of its own: the sum of its communes', and the source says so.
    expect(total.cells[0]).toMatchObject({ numerator: 3, population: { value: 6 }, share: 0.5 });
    expect(total.cells[0].population.source).toContain('tổng các đơn vị trực thuộc');
  });

  it('reads its counts on the read replica when one is given (DATABASE_REPLICA_URL), and writes the report on the primary', async () => {
    const app = `hvs-replica-report-${process.pid}`;
    const url = new URL(runDatabaseUrl());
    url.searchParams.set('application_name', app);
    const replica = await createDataSource(replicaDataSourceOptions(url.toString())).initialize();
    try {
      const id = (
        await statistician
          .post('/api/admin/reports')
          .send({ plan: planId, unitId: area.P, period: '2026-07-01..2026-10-30' })
          .expect(201)
      ).body.id as string;
      expect(await generateCoverageReport({ db, reader: replica, populations: reportPopulations }, id)).toBe(
        'done',
      );
      const body = (await viewer.agent.get(`/api/admin/reports/${id}`).expect(200)).body;
      const [total, c2, c1] = body.data.rows;
      expect([total.cells[0].numerator, c2.cells[0].numerator, c1.cells[0].numerator]).toEqual([3, 1, 2]);
      // The replica's sessions counted the facts; none of them wrote (they are read-only anyway).
      const ran = (
        await db.query(`SELECT query FROM pg_stat_activity WHERE application_name = $1`, [app])
      ).map((r: { query: string }) => r.query) as string[];
      expect(ran.some((q) => /coverage_facts|populations|administrative_units/.test(q))).toBe(true);
      expect(ran.filter((q) => /^\s*(insert|update|delete)\b/i.test(q))).toEqual([]);
      const [row] = await db.query(`SELECT status FROM coverage_reports WHERE id = $1`, [id]);
      expect(row.status).toBe('ready');
    } finally {
      await replica.destroy();
    }
  });

  it('counts an agency’s sub-organisations in its report, a unit only its own; a unit’s admin never reaches the agency', async () => {
    const orgs = await system
      .post('/api/admin/organisations/import')
      .set('content-type', 'text/csv')
      .send(
        `code,name,kind,unit_code,parent_code\nAG-${tag},Sở Thử Báo Cáo,state_agency,C1${tag},\n` +
          `U1-${tag},Phòng Một,state_agency,C1${tag},AG-${tag}\nU2-${tag},Phòng Hai,state_agency,C2${tag},AG-${tag}\n` +
          `U1A-${tag},Tổ Một A,state_agency,C1${tag},U1-${tag}\nOT-${tag},Sở Khác,state_agency,C1${tag},\n`,
      )
      .expect(200);
    expect(orgs.body).toMatchObject({ created: 5, rejected: [] });
    const org: Record<string, string> = {};
    for (const code of ['AG', 'U1', 'U2', 'U1A', 'OT'])
      org[code] = (await db.query(`SELECT id FROM organisations WHERE code = $1`, [`${code}-${tag}`]))[0].id;

    // Trained before the Q3 cut-off: 1 in the agency itself, 2 in U1, 1 in U1's team, 1 in U2, 1 elsewhere.
    const staffOf = async (code: string, i: number) => {
      const p = await signedUpLearner(t.http, `Công chức ${code} ${i}`);
      await placeLearner(p, code === 'U2' ? area.C2 : area.C1, {
        targetGroups: ['public-servants'],
        organisationId: org[code]!,
      });
      await fact(p, 'trained', '2026-08-20T03:00:00Z');
    };
    for (const [code, n] of [
      ['AG', 1],
      ['U1', 2],
      ['U1A', 1],
      ['U2', 1],
      ['OT', 1],
    ] as const)
      for (let i = 0; i < n; i += 1) await staffOf(code, i);

    const orgAdmin = async (role: string, code: string): Promise<Signed> => {
      const p = await signedUpLearner(t.http, `Quản trị ${code}`);
      await system
        .post('/api/admin/role-grants')
        .send({ userId: p.id, role, unitId: null, organisationId: org[code] })
        .expect(201);
      return p;
    };
    const agencyStat = await orgAdmin('statistician', 'AG');
    const u1Admin = await orgAdmin('unit_admin', 'U1');
    const u1Viewer = await orgAdmin('report_viewer', 'U1');

    const ask = async (who: Signed, code: string) =>
      (
        await who
          .post('/api/admin/reports')
          .send({ plan: planId, organisationId: org[code], period: '2026-Q3' })
          .expect(201)
      ).body.id as string;
    const agencyReport = await ask(agencyStat, 'AG');
    expect(await generate(agencyReport)).toBe('done');
    const agency = (await agencyStat.agent.get(`/api/admin/reports/${agencyReport}`).expect(200)).body;
    const [total, ...units] = agency.data.rows;
    expect(total).toMatchObject({ total: true, place: { id: org.AG } });
    expect(total.cells[0]).toMatchObject({ code: 'staff-trained', numerator: 5 });
    // One row per direct sub-organisation, its own subtree counted (U1 with its team).
    const byId = new Map(units.map((r: { place: { id: string } }) => [r.place.id, r]));
    expect([...byId.keys()].sort()).toEqual([org.U1, org.U2].sort());
    expect((byId.get(org.U1) as { cells: Array<{ numerator: number }> }).cells[0]!.numerator).toBe(3);
    expect((byId.get(org.U2) as { cells: Array<{ numerator: number }> }).cells[0]!.numerator).toBe(1);

    // A unit's report counts only its own subtree; its admin asks for it, the agency's statistician too.
    const unitReport = await ask(u1Admin, 'U1');
    expect(await generate(unitReport)).toBe('done');
    const unit = (await u1Viewer.agent.get(`/api/admin/reports/${unitReport}`).expect(200)).body;
    expect(unit.data.rows[0]).toMatchObject({ total: true, place: { id: org.U1 } });
    expect(unit.data.rows[0].cells[0].numerator).toBe(3);
    await agencyStat.agent.get(`/api/admin/reports/${unitReport}`).expect(200);
    const u2Report = await ask(agencyStat, 'U2');
    expect(await generate(u2Report)).toBe('done');
    expect(
      (await agencyStat.agent.get(`/api/admin/reports/${u2Report}`).expect(200)).body.data.rows[0].cells[0]
        .numerator,
    ).toBe(1);

    // Scope isolation: the unit's admin and viewer never reach the agency, its report, a sibling or another agency.
    const before = await db.query(
      `SELECT count(*)::int AS n FROM coverage_reports WHERE place_kind = 'organisation'`,
    );
    for (const code of ['AG', 'U2', 'OT'])
      expectErrorShape(
        (
          await u1Admin
            .post('/api/admin/reports')
            .send({ plan: planId, organisationId: org[code], period: '2026-Q2' })
            .expect(404)
        ).body,
        404,
        'ORGANISATION_NOT_FOUND',
      );
    await agencyStat
      .post('/api/admin/reports')
      .send({ plan: planId, organisationId: org.OT, period: '2026-Q2' })
      .expect(404);
    expect(
      await db.query(`SELECT count(*)::int AS n FROM coverage_reports WHERE place_kind = 'organisation'`),
    ).toEqual(before);
    for (const who of [u1Admin, u1Viewer]) {
      expectErrorShape(
        (await who.agent.get(`/api/admin/reports/${agencyReport}`).expect(404)).body,
        404,
        'REPORT_NOT_FOUND',
      );
      await who.agent.get(`/api/admin/reports/${agencyReport}.xlsx`).expect(404);
      await who.agent.get(`/api/admin/reports/${u2Report}`).expect(404);
      const listed = (await who.agent.get('/api/admin/reports').expect(200)).body.items.map(
        (r: { id: string }) => r.id,
      );
      expect(listed).toContain(unitReport);
      expect(listed).not.toContain(agencyReport);
      expect(listed).not.toContain(u2Report);
    }
    // The agency's list holds its units' reports.
    const agencyList = (await agencyStat.agent.get('/api/admin/reports').expect(200)).body.items.map(
      (r: { id: string }) => r.id,
    );
    expect(agencyList).toEqual(expect.arrayContaining([agencyReport, unitReport, u2Report]));
    // A forged id of the agency in the list filter shows nothing the unit's viewer cannot reach.
    const forged = (await u1Viewer.agent.get(`/api/admin/reports?organisationId=${org.AG}`).expect(200)).body;
    expect(forged.items).toEqual([]);
  });

  it('freezes the plan as imported (coverage_plans) with its version; a later import changes only later reports', async () => {
    const [frozen] = await db.query(`SELECT plan FROM coverage_reports WHERE id = $1`, [q3]);
    expect(frozen.plan).toMatchObject({ id: planId, version: planVersion, importedAt: expect.any(String) });
    expect(frozen.plan.indicators.map((i: { code: string }) => i.code)).toEqual(['staff-trained', 'vneid']);

    // The province imports a changed plan (a VNeID target of 1 instead of 2); nothing reads a file.
    const v2 = await importTestPlan(db, planId, PLAN.replace('count: 2', 'count: 1'));
    expect(v2).not.toBe(planVersion);
    const id = (
      await statistician
        .post('/api/admin/reports')
        .send({ plan: planId, unitId: area.P, period: '2026-07-01..2026-09-15' })
        .expect(201)
    ).body.id as string;
    expect(await generate(id)).toBe('done');
    const [row] = await db.query(`SELECT plan FROM coverage_reports WHERE id = $1`, [id]);
    expect(row.plan.version).toBe(v2);
    const later = (await viewer.agent.get(`/api/admin/reports/${id}`).expect(200)).body;
    expect(later.data.rows[0].cells[1]).toMatchObject({ code: 'vneid', numerator: 1, status: 'met' });
    // The report made before the import keeps the plan it was made for.
    const earlier = (await viewer.agent.get(`/api/admin/reports/${q3}`).expect(200)).body;
    expect(earlier.data.rows[0].cells[1]).toMatchObject({ code: 'vneid', numerator: 1, status: 'behind' });

    // A retired plan (its file removed and the content imported again) is no longer offered.
    await db.query(`UPDATE coverage_plans SET retired_at = now() WHERE id = $1`, [planId]);
    expectErrorShape(
      (
        await statistician
          .post('/api/admin/reports')
          .send({ plan: planId, unitId: area.P, period: '2026-07-01..2026-09-16' })
          .expect(404)
      ).body,
      404,
      'PLAN_NOT_FOUND',
    );
  });
});
