import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { openRunDatabase } from '@hocvuso/testing';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** CRC-32 (ZIP's), for the hand-made archives below. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A minimal ZIP archive (deflated entries) for the refusal tests. */
function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(e.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(e.data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

describe('official populations: sheet import by statisticians', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  let statistician: Browser;
  let viewer: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const [P, C1, C2, OLD, Q, X] = ['P', 'C1', 'C2', 'OLD', 'Q', 'X'].map((c) => `${c}${tag}`) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const ORG = `HTX-${tag}`;
  const ids: Record<string, string> = {};

  const csv = (b: Browser, body: string, query = '') =>
    b.post(`/api/admin/populations/import${query}`).set('content-type', 'text/csv').send(body);
  const xlsx = (b: Browser, body: Buffer, query = '') =>
    b.post(`/api/admin/populations/import${query}`).set('content-type', XLSX).send(body);
  const header = 'unit_code,organisation_code,target_group,sub_group,period,source,count\n';
  const figures = async (placeId: string): Promise<Array<[string, string, string, number, number]>> =>
    (
      await db.query(
        `SELECT target_group, sub_group, period, source, value, revision, superseded_by IS NULL AS current
           FROM populations WHERE place_id = $1 ORDER BY period, target_group, sub_group, source, revision`,
        [placeId],
      )
    ).map(
      (r: { target_group: string; sub_group: string; period: string; value: number; revision: number }) => [
        r.period,
        r.target_group,
        r.sub_group,
        r.value,
        r.revision,
      ],
    );
  const populationRows = async () =>
    Number(
      (
        await db.query(`SELECT count(*)::int AS n FROM populations WHERE place_id = ANY ($1::uuid[])`, [
          Object.values(ids),
        ])
      )[0].n,
    );

  beforeAll(async () => {
    t = await startTestApp({ POPULATION_SHEET_MAX_BYTES: String(1024 * 1024) });
    db = await openRunDatabase();
    system = await signedInDemo(t.http, 'system-admin');
    await system
      .post('/api/admin/units/import')
      .set('content-type', 'text/csv')
      .send(
        'code,level,name,parent_code,valid_from,valid_to,successor_codes\n' +
          `${P},province,Tỉnh Dân Số ${tag},,2020-01-01,,\n` +
          `${C1},commune,Xã Một ${tag},${P},2025-07-01,,\n` +
          `${C2},commune,Xã Hai ${tag},${P},2025-07-01,,\n` +
          `${OLD},commune,Xã Cũ ${tag},${P},2020-01-01,2025-07-01,${C1};${C2}\n` +
          `${Q},province,Tỉnh Khác ${tag},,2020-01-01,,\n` +
          `${X},commune,Xã Khác ${tag},${Q},2020-01-01,,\n`,
      )
      .expect(200);
    await system
      .post('/api/admin/organisations/import')
      .set('content-type', 'text/csv')
      .send(`code,name,kind,unit_code\n${ORG},Hợp tác xã ${tag},cooperative,${C1}\n`)
      .expect(200);
    for (const r of (await db.query(
      `SELECT code, id FROM administrative_units WHERE code = ANY ($1::text[])`,
      [[P, C1, C2, OLD, Q, X]],
    )) as Array<{ code: string; id: string }>)
      ids[r.code] = r.id;
    ids[ORG] = (await db.query(`SELECT id FROM organisations WHERE code = $1`, [ORG]))[0].id;

    const s = await signedUpLearner(t.http, 'Thống Kê Viên');
    await system
      .post('/api/admin/role-grants')
      .send({ userId: s.id, role: 'statistician', unitId: ids[P] })
      .expect(201);
    statistician = s;
    const v = await signedUpLearner(t.http, 'Người Xem Báo Cáo');
    await system
      .post('/api/admin/role-grants')
      .send({ userId: v.id, role: 'report_viewer', unitId: ids[P] })
      .expect(201);
    viewer = v;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('CSV with Vietnamese headers and a BOM: a dry run writes nothing, then the import writes every row, audited', async () => {
    const file =
      '\uFEFFMã đơn vị,Mã tổ chức,Nhóm đối tượng,Nhóm con,Kỳ,Nguồn,Số lượng,Ghi chú\n' +
      `${C1},,citizens,,2025,Cục Thống kê tỉnh,"12.345",minh hoạ\n` +
      `${C1},,citizens,age:16+,2025,Cục Thống kê tỉnh,"9,876",\n` +
      `${C1},,students,school:primary,2025-Q3,Sở GD&ĐT,800,\n` +
      `,${ORG},enterprise-workers,org:cooperative,2025,Liên minh HTX,25,\n` +
      `${C2},,citizens,,2025-H2,Cục Thống kê tỉnh,7 000,\n`;
    const dry = await csv(statistician, file, '?dryRun=true&fileName=dan-so-2025.csv').expect(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      applied: false,
      format: 'csv',
      rows: 5,
      created: 5,
      rejected: 0,
      fileName: 'dan-so-2025.csv',
    });
    expect(await populationRows()).toBe(0);
    const auditBefore = (
      await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action LIKE 'population.%'`)
    )[0].n;

    const done = await csv(statistician, file, '?fileName=dan-so-2025.csv').expect(200);
    expect(done.body).toMatchObject({ dryRun: false, applied: true, created: 5, revised: 0, unchanged: 0 });
    expect(done.body.periods).toEqual(['2025', '2025-H2', '2025-Q3']);
    expect(await figures(ids[C1]!)).toEqual([
      ['2025', 'citizens', '', 12345, 1],
      ['2025', 'citizens', 'age:16+', 9876, 1],
      ['2025-Q3', 'students', 'school:primary', 800, 1],
    ]);
    expect(await figures(ids[ORG]!)).toEqual([['2025', 'enterprise-workers', 'org:cooperative', 25, 1]]);
    const audit = await db.query(
      `SELECT action, subject_id, scope FROM audit_log WHERE action LIKE 'population.%' ORDER BY id`,
    );
    expect(audit.length - auditBefore).toBe(6);
    expect(audit.find((a: { action: string }) => a.action === 'population.import')).toMatchObject({
      subject_id: done.body.id,
      scope: `/${P}/`,
    });

    // The import is in the statistician's list with its report; another person's answers 404.
    const list = await statistician.agent.get('/api/admin/population-imports').expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual(
      expect.arrayContaining([done.body.id, dry.body.id]),
    );
    const one = await statistician.agent.get(`/api/admin/population-imports/${done.body.id}`).expect(200);
    expect(one.body.accepted).toHaveLength(5);
    expectErrorShape(
      (await system.agent.get(`/api/admin/population-imports/${done.body.id}`).expect(404)).body,
      404,
      'POPULATION_IMPORT_NOT_FOUND',
    );
    await statistician.agent.get('/api/admin/population-imports/not-a-uuid').expect(404);
  });

  it('a replay changes nothing; a new value is a new revision, the old one kept and superseded', async () => {
    const file = header + `${C2},,citizens,,2025-H2,Cục Thống kê tỉnh,7000\n`;
    const replay = await csv(statistician, file).expect(200);
    expect(replay.body).toMatchObject({ applied: true, created: 0, revised: 0, unchanged: 1 });
    expect(await figures(ids[C2]!)).toEqual([['2025-H2', 'citizens', '', 7000, 1]]);

    const revised = await csv(statistician, file.replace('7000', '7100')).expect(200);
    expect(revised.body).toMatchObject({
      revised: 1,
      accepted: [{ line: 2, status: 'revised', revision: 2 }],
    });
    const read = await viewer.agent.get(`/api/admin/populations?unitId=${ids[C2]}`).expect(200);
    expect(read.body.place).toMatchObject({ kind: 'unit', code: C2 });
    expect(read.body.items).toEqual([
      expect.objectContaining({
        targetGroup: 'citizens',
        period: '2025-H2',
        value: 7100,
        revision: 2,
        revisions: [
          expect.objectContaining({ revision: 2, value: 7100, current: true }),
          expect.objectContaining({ revision: 1, value: 7000, current: false }),
        ],
      }),
    ]);
    const audit = await db.query(
      `SELECT before, after FROM audit_log WHERE action = 'population.revise' AND scope = $1`,
      [`/${P}/${C2}/`],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        before: { value: 7000, revision: 1 },
        after: expect.objectContaining({ value: 7100 }),
      }),
    ]);
  });

  it('XLSX: the first sheet, numbers, text with thousand separators and formulas by their cached result', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dân số');
    workbook.addWorksheet('Ghi chú').addRow(['not read']);
    sheet.addRow(['Mã đơn vị', 'Nhóm đối tượng', 'Nhóm con', 'Kỳ', 'Nguồn', 'Số lượng']);
    sheet.addRow([C1, 'public-servants', '', '2026', 'Sở Nội vụ', 1500]);
    sheet.addRow([C2, 'public-servants', '', '2026', 'Sở Nội vụ', '2.500']);
    sheet.addRow([C1, 'citizens', '', '2026', 'Cục Thống kê tỉnh', { formula: 'F2*10', result: 15000 }]);
    sheet.addRow([]);
    sheet.addRow([C1, 'students', '', '2026', 'Sở GD&ĐT', { richText: [{ text: '3' }, { text: '00' }] }]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await xlsx(statistician, bytes, '?fileName=dan-so-2026.xlsx').expect(200);
    expect(res.body).toMatchObject({ format: 'xlsx', applied: true, created: 4, rows: 4 });
    expect(res.body.accepted.map((a: { line: number }) => a.line)).toEqual([2, 3, 4, 6]);
    const c1 = (await figures(ids[C1]!)).filter((f) => f[0] === '2026');
    expect(c1).toEqual([
      ['2026', 'citizens', '', 15000, 1],
      ['2026', 'public-servants', '', 1500, 1],
      ['2026', 'students', '', 300, 1],
    ]);
    expect((await figures(ids[C2]!)).filter((f) => f[0] === '2026')).toEqual([
      ['2026', 'public-servants', '', 2500, 1],
    ]);
  });

  it('every bad-row kind gets its row error, all at once, and nothing is written', async () => {
    const before = await populationRows();
    const lines = [
      `${C1},,citizens,,2027,Cục Thống kê tỉnh,100`, // 2: fine alone, but the file has bad rows
      `NOPE${tag},,citizens,,2027,Cục Thống kê tỉnh,100`, // 3: unknown unit
      `${X},,citizens,,2027,Cục Thống kê tỉnh,100`, // 4: another province's unit (same answer)
      `${OLD},,citizens,,2025,Cục Thống kê tỉnh,100`, // 5: merged on 2025-07-01, names successors
      `${C1},,citizens,,2025-Q5,Cục Thống kê tỉnh,100`, // 6: wrong period
      `${C1},,citizens,,2027,Cục Thống kê tỉnh,-4`, // 7: negative
      `${C1},,students,,2027,Cục Thống kê tỉnh,nhiều`, // 8: not a number
      `${C1},,students,,2027,Sở GD&ĐT,"12,5"`, // 9: not whole
      `${C1},,students,,2027,Cục Thống kê tỉnh,200000000`, // 10: absurd
      `${C1},,citizens,,2027,Cục Thống kê tỉnh,101`, // 11: duplicate of line 2
      `${C1},,citizens,school:primary,2027,Cục Thống kê tỉnh,5`, // 12: sub-group of another group
      `${C2},,students,,2027,Cục Thống kê tỉnh,10`, // 13: whole group 10 …
      `${C2},,students,school:primary,2027,Cục Thống kê tỉnh,11`, // 14: … a sub-group above it
      `${C1}\u200B,,citizens,,2027,Cục Thống kê tỉnh,5`, // 15: zero-width in a code
      `\u202E${C1},,citizens,,2027,Cục Thống kê tỉnh,5`, // 16: text direction in a code
      `${C1},,aliens,,2027,Cục Thống kê tỉnh,5`, // 17: unknown group
      `,,citizens,,2027,Cục Thống kê tỉnh,5`, // 18: no place
    ];
    const res = await csv(statistician, header + lines.join('\n') + '\n').expect(200);
    expect(res.body).toMatchObject({ applied: false, created: 0, rejected: 16, accepted: [] });
    const codes = Object.fromEntries(
      res.body.rejectedRows.map((r: { line: number; errors: Array<{ code: string }> }) => [
        r.line,
        r.errors.map((e) => e.code).join(','),
      ]),
    );
    expect(codes).toEqual({
      3: 'unknown_place',
      4: 'unknown_place',
      5: 'unit_ended',
      6: 'bad_period',
      7: 'count_negative',
      8: 'count_not_number',
      9: 'count_not_integer',
      10: 'count_absurd',
      11: 'duplicate',
      12: 'sub_group_mismatch',
      13: 'sub_groups_exceed_whole',
      14: 'sub_groups_exceed_whole',
      15: 'unsafe_text',
      16: 'unsafe_text',
      17: 'bad_group',
      18: 'place_missing',
    });
    const messages = res.body.rejectedRows.map(
      (r: { errors: Array<{ message: string }> }) => r.errors[0]!.message,
    );
    expect(messages[0]).toBe(`no unit NOPE${tag} in your area`);
    expect(messages[1]).toBe(`no unit ${X} in your area`);
    expect(messages[2]).toContain(`${C1}, ${C2}`);
    expect(await populationRows()).toBe(before);
  });

  it('merged and split units: history stays on the old units, later periods go to their successors, a successor carries no period before it began; XLSX bad rows read the same', async () => {
    // Two communes merged into C1 on 2025-07-01 (OLD, split into C1 and C2, is set up above).
    const [M1, M2] = ['M1', 'M2'].map((c) => `${c}${tag}`) as [string, string];
    await system
      .post('/api/admin/units/import')
      .set('content-type', 'text/csv')
      .send(
        'code,level,name,parent_code,valid_from,valid_to,successor_codes\n' +
          `${M1},commune,Xã Nhập Một ${tag},${P},2020-01-01,2025-07-01,${C1}\n` +
          `${M2},commune,Xã Nhập Hai ${tag},${P},2020-01-01,2025-07-01,${C1}\n`,
      )
      .expect(200);
    for (const r of (await db.query(
      `SELECT code, id FROM administrative_units WHERE code = ANY ($1::text[])`,
      [[M1, M2]],
    )) as Array<{ code: string; id: string }>)
      ids[r.code] = r.id;
    const before = await populationRows();

    // After the change: refused on the merged and the split units, each naming its successors; before the
    // change: refused on the successor, which did not exist yet. Nothing of the file is written.
    const wrong = await csv(
      statistician,
      header +
        `${M1},,citizens,,2025-H2,Cục Thống kê tỉnh,300\n` + // 2: merged before the half ends
        `${M2},,citizens,,2025-Q4,Cục Thống kê tỉnh,200\n` + // 3: merged before the quarter ends
        `${OLD},,citizens,,2025-Q3,Cục Thống kê tỉnh,100\n` + // 4: split before the quarter ends
        `${C1},,citizens,,2025-H1,Cục Thống kê tỉnh,500\n` + // 5: the successor only starts on 2025-07-01
        `${C1},,citizens,,2024,Cục Thống kê tỉnh,500\n` + // 6: same, for a year
        `${M1},,citizens,,2025-Q2,Cục Thống kê tỉnh,300\n`, // 7: fine: the old unit's own quarter
    ).expect(200);
    expect(wrong.body).toMatchObject({ applied: false, rejected: 5, created: 0 });
    const byLine = Object.fromEntries(
      wrong.body.rejectedRows.map((r: { line: number; errors: Array<{ code: string; message: string }> }) => [
        r.line,
        r.errors.map((e) => e.code).join(','),
      ]),
    );
    expect(byLine).toEqual({
      2: 'unit_ended',
      3: 'unit_ended',
      4: 'unit_ended',
      5: 'unit_not_yet',
      6: 'unit_not_yet',
    });
    const message = (line: number) =>
      wrong.body.rejectedRows.find((r: { line: number }) => r.line === line).errors[0].message as string;
    expect(message(2)).toContain(C1);
    expect(message(4)).toContain(`${C1}, ${C2}`);
    expect(wrong.body.rejectedRows[0]).toMatchObject({ key: M1, targetGroup: 'citizens' });
    expect(await populationRows()).toBe(before);

    // The old units keep the periods they lived through; the successor carries the periods after the change.
    const right = await csv(
      statistician,
      header +
        `${M1},,citizens,,2025-Q2,Cục Thống kê tỉnh,300\n` +
        `${M2},,citizens,,2025-H1,Cục Thống kê tỉnh,200\n` +
        `${OLD},,citizens,,2024,Cục Thống kê tỉnh,100\n` +
        `${C1},,citizens,,2025-Q3,Cục Thống kê tỉnh,520\n`,
    ).expect(200);
    expect(right.body).toMatchObject({ applied: true, created: 4, rejected: 0 });
    expect(await figures(ids[M1]!)).toEqual([['2025-Q2', 'citizens', '', 300, 1]]);
    expect(await figures(ids[M2]!)).toEqual([['2025-H1', 'citizens', '', 200, 1]]);
    expect((await figures(ids[OLD]!)).filter((f) => f[0] === '2024')).toEqual([
      ['2024', 'citizens', '', 100, 1],
    ]);

    // The same bad rows in a workbook: numbers below zero, fractions, text, a duplicate, an unknown unit, a
    // wrong period: each its row error, and nothing written.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sai');
    sheet.addRow(['Mã đơn vị', 'Nhóm đối tượng', 'Nhóm con', 'Kỳ', 'Nguồn', 'Số lượng']);
    sheet.addRow([C2, 'citizens', '', '2031', 'Cục Thống kê tỉnh', -3]); // 2
    sheet.addRow([C2, 'students', '', '2031', 'Cục Thống kê tỉnh', 12.5]); // 3
    sheet.addRow([C2, 'public-servants', '', '2031', 'Cục Thống kê tỉnh', 'khoảng 40']); // 4
    sheet.addRow([C2, 'enterprise-workers', '', '2031', 'Cục Thống kê tỉnh', 40]); // 5
    sheet.addRow([C2, 'enterprise-workers', '', '2031', 'Cục Thống kê tỉnh', 41]); // 6: duplicate of 5
    sheet.addRow([`NOPE${tag}`, 'citizens', '', '2031', 'Cục Thống kê tỉnh', 10]); // 7
    sheet.addRow([C2, 'citizens', '', '2031-Q0', 'Cục Thống kê tỉnh', 10]); // 8
    sheet.addRow([C2, 'citizens', '', '2031', 'Cục Thống kê tỉnh', null]); // 9: empty count
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const after = await populationRows();
    const res = await xlsx(statistician, bytes, '?fileName=sai.xlsx').expect(200);
    expect(res.body).toMatchObject({ format: 'xlsx', applied: false, rows: 8, rejected: 7 });
    expect(
      Object.fromEntries(
        res.body.rejectedRows.map((r: { line: number; errors: Array<{ code: string }> }) => [
          r.line,
          r.errors.map((e) => e.code).join(','),
        ]),
      ),
    ).toEqual({
      2: 'count_negative',
      3: 'count_not_integer',
      4: 'count_not_number',
      6: 'duplicate',
      7: 'unknown_place',
      8: 'bad_period',
      9: 'count_missing',
    });
    expect(await populationRows()).toBe(after);
  });

  it('refuses what is not a sheet: NUL in a CSV, missing columns, a zip bomb, a zip that is not XLSX, other bytes, huge files', async () => {
    expectErrorShape(
      (await csv(statistician, 'unit_code,period\nA,2025\n').expect(400)).body,
      400,
      'SHEET_COLUMNS_MISSING',
    );
    expectErrorShape((await csv(statistician, '  \n').expect(400)).body, 400, 'SHEET_REQUIRED');
    // NUL never reaches the import (the api's edge guard); in an XLSX cell it is a row error (domain tests).
    expectErrorShape(
      (await csv(statistician, header + `${C1}\u0000,,citizens,,2028,Cục,5\n`).expect(400)).body,
      400,
      'INVALID_TEXT',
    );

    const bomb = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.alloc(30 * 1024 * 1024) },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    expectErrorShape((await xlsx(statistician, bomb).expect(400)).body, 400, 'SHEET_UNPACKS_TOO_LARGE');
    const notXlsx = zipOf([{ name: 'hello.txt', data: Buffer.from('xin chào') }]);
    expectErrorShape((await xlsx(statistician, notXlsx).expect(400)).body, 400, 'SHEET_NOT_XLSX');
    expectErrorShape(
      (await xlsx(statistician, Buffer.from('%PDF-1.7 not a workbook')).expect(400)).body,
      400,
      'SHEET_NOT_XLSX',
    );
    const broken = zipOf([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'xl/workbook.xml', data: Buffer.from('<not-xml') },
    ]);
    expectErrorShape((await xlsx(statistician, broken).expect(400)).body, 400);
    expectErrorShape(
      (
        await xlsx(
          statistician,
          Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(1024 * 1024 + 10)]),
        ).expect(413)
      ).body,
      413,
    );
    const bigCsv = header + `${C1},,citizens,,2028,Cục Thống kê tỉnh,5\n`.repeat(30_000);
    expectErrorShape((await csv(statistician, bigCsv).expect(400)).body, 400, 'SHEET_TOO_LARGE');
    // Types that other routes take as raw streams (a course zip, a material's bytes) are not sheets.
    for (const type of ['application/zip', 'application/octet-stream']) {
      const res = await statistician
        .post('/api/admin/populations/import')
        .set('content-type', type)
        .send(notXlsx)
        .expect(415);
      expectErrorShape(res.body, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
  });

  it('only statisticians (and system administrators) import; report readers read their area only', async () => {
    const file = header + `${C1},,citizens,,2029,Cục Thống kê tỉnh,5\n`;
    const unitAdmin = await signedInDemo(t.http, 'unit-admin');
    const learner = await signedUpLearner(t.http);
    for (const who of [unitAdmin, viewer, learner])
      expectErrorShape((await csv(who, file).expect(403)).body, 403, 'FORBIDDEN');
    await learner.agent.get('/api/admin/population-imports').expect(403);
    await learner.agent.get(`/api/admin/populations?unitId=${ids[C1]}`).expect(403);
    // Another province's unit is not found for a reader of this one, whether it exists or not.
    expectErrorShape(
      (await viewer.agent.get(`/api/admin/populations?unitId=${ids[X]}`).expect(404)).body,
      404,
      'UNIT_NOT_FOUND',
    );
    await viewer.agent.get(`/api/admin/populations?unitId=00000000-0000-4000-8000-000000000000`).expect(404);
    await viewer.agent.get(`/api/admin/populations?organisationId=${ids[ORG]}&period=2025`).expect(200);
    await viewer.agent.get(`/api/admin/populations`).expect(400);
    await viewer.agent.get(`/api/admin/populations?unitId=${ids[C1]}&period=2025-W1`).expect(400);
    // A system administrator imports anywhere.
    await csv(system, header + `${X},,citizens,,2029,Cục Thống kê tỉnh,5\n`).expect(200);
    expect(await figures(ids[X]!)).toEqual([['2029', 'citizens', '', 5, 1]]);
  });

  it('the shipped sample sheet (demo units, "minh hoạ") passes every check, as CSV and as a generated XLSX', async () => {
    const text = readFileSync(
      resolve(__dirname, '../../../content/directory/sample-populations.csv'),
      'utf8',
    );
    const dry = await csv(system, text, '?dryRun=true').expect(200);
    expect(dry.body).toMatchObject({ rejected: 0, rows: 20, created: 20, applied: false });
    // The same sheet as a workbook, counts as numbers where the CSV grouped thousands.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dân số (minh hoạ)');
    for (const record of parse(text, { bom: true }) as string[][])
      sheet.addRow(
        record.map((cell, i) => (i === 6 && /^[\d.]+$/.test(cell) ? Number(cell.replace(/\./g, '')) : cell)),
      );
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const fromXlsx = await xlsx(system, bytes, '?dryRun=true').expect(200);
    expect(fromXlsx.body).toMatchObject({ format: 'xlsx', rejected: 0, rows: 20, created: 20 });
  });

  it('50 parallel imports of the same sheet end with one revision per figure', async () => {
    const file =
      header +
      `${C2},,enterprise-workers,,2030,Cục Thống kê tỉnh,321\n` +
      `${C1},,enterprise-workers,org:enterprise,2030,Cục Thống kê tỉnh,12\n`;
    const results = await Promise.all(Array.from({ length: 50 }, () => csv(statistician, file)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.reduce((n, r) => n + (r.body.created as number), 0)).toBe(2);
    expect(results.reduce((n, r) => n + (r.body.unchanged as number), 0)).toBe(98);
    expect((await figures(ids[C2]!)).filter((f) => f[0] === '2030')).toEqual([
      ['2030', 'enterprise-workers', '', 321, 1],
    ]);
    expect((await figures(ids[C1]!)).filter((f) => f[0] === '2030')).toEqual([
      ['2030', 'enterprise-workers', 'org:enterprise', 12, 1],
    ]);
  });
});
