import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

interface Org {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
  unit: { id: string; name: string };
}

describe('GET /api/organisations: the organisation picker', () => {
  let t: TestApp;
  let db: DataSource;
  let learner: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const unitId: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    // A province of its own with two communes, so other suites' organisations do not mix in.
    const system = await signedInDemo(t.http);
    const units = [
      'code,level,name,parent_code,valid_from',
      `P${tag},province,Tỉnh Tổ Chức ${tag},,2025-07-01`,
      `A${tag},commune,Xã Đông ${tag},P${tag},2025-07-01`,
      `B${tag},commune,Phường Tây ${tag},P${tag},2025-07-01`,
      `V${tag},village,Thôn Đông Một ${tag},A${tag},2025-07-01`,
    ].join('\n');
    await system.post('/api/admin/units/import').set('content-type', 'text/csv').send(units).expect(200);
    const orgs = [
      'code,name,kind,unit_code',
      `UB-${tag},Ủy ban nhân dân Xã Đông,state_agency,A${tag}`,
      `HTX-${tag},Hợp tác xã Nông nghiệp Đồng Tâm,cooperative,V${tag}`,
      `THCS-${tag},Trường THCS Nguyễn Du,school,B${tag}`,
      `CTY-${tag},Công ty Điện tử Bắc Ninh,enterprise,B${tag}`,
    ].join('\n');
    const imported = await system
      .post('/api/admin/organisations/import')
      .set('content-type', 'text/csv')
      .send(orgs)
      .expect(200);
    expect(imported.body).toMatchObject({ created: 4, rejected: [] });
    for (const code of [`P${tag}`, `A${tag}`, `B${tag}`, `V${tag}`]) {
      const [u] = await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [code]);
      unitId[code[0]!] = u.id;
    }
    learner = await signedUpLearner(t.http);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const list = async (query: Record<string, string | number>, who: Browser = learner) =>
    (await who.agent.get('/api/organisations').query(query).expect(200)).body as {
      items: Org[];
      total: number;
      page: number;
      limit: number;
    };
  const codes = (body: { items: Org[] }) => body.items.map((o) => o.code);

  it('lists the organisations of a unit and of every unit under it, by name, with their unit', async () => {
    const province = await list({ unitId: unitId.P! });
    expect(codes(province)).toEqual([`CTY-${tag}`, `HTX-${tag}`, `THCS-${tag}`, `UB-${tag}`]);
    expect(province.total).toBe(4);
    expect(province.items[1]).toEqual({
      id: expect.any(String),
      code: `HTX-${tag}`,
      name: 'Hợp tác xã Nông nghiệp Đồng Tâm',
      kind: 'cooperative',
      parentId: null,
      unit: { id: unitId.V, name: `Thôn Đông Một ${tag}` },
    });
    // The commune includes its village's cooperative; the other commune's organisations stay out.
    expect(codes(await list({ unitId: unitId.A! }))).toEqual([`HTX-${tag}`, `UB-${tag}`]);
    expect(codes(await list({ unitId: unitId.B! }))).toEqual([`CTY-${tag}`, `THCS-${tag}`]);
  });

  it('finds names by the start of their words without diacritics or case, and codes by their start', async () => {
    const search = async (q: string) => codes(await list({ unitId: unitId.P!, q }));
    expect(await search('uy ban')).toEqual([`UB-${tag}`]);
    expect(await search('ỦY BAN')).toEqual([`UB-${tag}`]);
    expect(await search('dong')).toEqual([`HTX-${tag}`, `UB-${tag}`]); // Đông and Đồng
    expect(await search('nguyen du')).toEqual([`THCS-${tag}`]);
    expect(await search('dien tu bac')).toEqual([`CTY-${tag}`]);
    expect(await search('guyen')).toEqual([]); // the start of a word, not any part of it
    expect(await search(`thcs-${tag.toLowerCase()}`)).toEqual([`THCS-${tag}`]);
    expect(await search('%')).toEqual([]); // no wildcard reaches SQL
    expect(await search(`thcs_${tag.toLowerCase()}`)).toEqual([]); // "_" is no one-character wildcard in codes either
    expect(await search("' OR 1=1 --")).toEqual([]);
  });

  it('clamps paging instead of refusing it', async () => {
    expect(await list({ unitId: unitId.P!, limit: 1000 })).toMatchObject({ limit: 50, page: 1, total: 4 });
    const second = await list({ unitId: unitId.P!, limit: 1, page: 2 });
    expect(second).toMatchObject({ limit: 1, page: 2, total: 4 });
    expect(codes(second)).toEqual([`HTX-${tag}`]);
    expect(await list({ unitId: unitId.P!, limit: 0 })).toMatchObject({ limit: 1 });
    expect(await list({ unitId: unitId.P!, limit: 'many', page: 'last' })).toMatchObject({
      limit: 20,
      page: 1,
    });
  });

  it('is not limited by scope: organisations are public bodies, so a learner or an admin of another commune sees them', async () => {
    const unitAdmin = await signedInDemo(t.http, 'unit-admin');
    expect(codes(await list({ unitId: unitId.B! }, unitAdmin))).toEqual([`CTY-${tag}`, `THCS-${tag}`]);
    const [demo02] = await db.query(`SELECT id FROM administrative_units WHERE code = 'DEMO02'`);
    expect(codes(await list({ unitId: demo02.id }, unitAdmin))).toContain('DEMO-THPT02');
  });

  it('answers the documented error shape for bad parameters, an unknown unit and a signed-out caller', async () => {
    const bad = async (query: Record<string, string>, path: string) => {
      const res = await learner.agent.get('/api/organisations').query(query).expect(400);
      expectErrorShape(res.body, 400, 'VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    };
    await bad({ unitId: 'not-a-uuid' }, 'unitId');
    await bad({ q: 'x'.repeat(101) }, 'q');
    await bad({ unit: unitId.P! }, '');
    const unknown = await learner.agent
      .get('/api/organisations')
      .query({ unitId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    expectErrorShape(unknown.body, 404, 'UNIT_NOT_FOUND');
    const anonymous = await request(t.http).get('/api/organisations').expect(401);
    expectErrorShape(anonymous.body, 401);
  });
});

describe('POST /api/admin/organisations/import: agency → unit hierarchy (parent_code)', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const header = 'code,name,kind,unit_code,parent_code';
  const send = (who: Browser, body: string, dryRun = false) =>
    who
      .post(`/api/admin/organisations/import${dryRun ? '?dryRun=true' : ''}`)
      .set('content-type', 'text/csv')
      .send(body);
  const parentOf = async (code: string) =>
    (
      await db.query(
        `SELECT p.code FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE o.code = $1`,
        [code],
      )
    )[0]?.code as string | null | undefined;
  const count = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM organisations WHERE code LIKE $1`, [`%${tag}%`]))[0]
      .n as number;

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    const units = [
      'code,level,name,parent_code,valid_from',
      `H${tag},province,Tỉnh Cây ${tag},,2025-07-01`,
      `HA${tag},commune,Xã Cây ${tag},H${tag},2025-07-01`,
    ].join('\n');
    await system.post('/api/admin/units/import').set('content-type', 'text/csv').send(units).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('imports a department with its sub-units in any row order; GET /api/organisations returns parentId', async () => {
    const file = [
      header,
      `VP-${tag},Văn phòng Sở ${tag},state_agency,H${tag},SO-${tag}`,
      `SO-${tag},Sở Nông nghiệp ${tag},state_agency,H${tag},`,
      `TT-${tag},Trung tâm Khuyến nông ${tag},state_agency,HA${tag},SO-${tag}`,
      `LH-${tag},Liên hiệp Hợp tác xã ${tag},cooperative_union,HA${tag},`,
    ].join('\n');
    const [{ since }] = await db.query(`SELECT clock_timestamp() AS since`);
    const first = await send(system, file).expect(200);
    expect(first.body).toMatchObject({ created: 4, updated: 0, unchanged: 0, rejected: [], dryRun: false });
    expect(await parentOf(`VP-${tag}`)).toBe(`SO-${tag}`);
    expect(await parentOf(`TT-${tag}`)).toBe(`SO-${tag}`);
    const again = await send(system, file).expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: [] });
    // The import that changed something is audited once, with its counts; the one that changed nothing is not.
    const audited = await db.query(
      `SELECT action, subject_type, subject_id, scope, after FROM audit_log
        WHERE action = 'organisation.import' AND at >= $1`,
      [since],
    );
    expect(audited).toEqual([
      {
        action: 'organisation.import',
        subject_type: 'directory',
        subject_id: 'organisations',
        scope: null,
        after: { created: 4, updated: 0, unchanged: 0, rejected: 0 },
      },
    ]);

    const [unit] = await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [`H${tag}`]);
    const listed = (await system.agent.get('/api/organisations').query({ unitId: unit.id }).expect(200)).body
      .items as Org[];
    const so = listed.find((o) => o.code === `SO-${tag}`)!;
    expect(so.parentId).toBeNull();
    expect(listed.filter((o) => o.parentId === so.id).map((o) => o.code)).toEqual([`TT-${tag}`, `VP-${tag}`]);
    expect(listed.find((o) => o.code === `LH-${tag}`)).toMatchObject({
      kind: 'cooperative_union',
      parentId: null,
    });
  });

  it('reports an unknown parent, its sub-units, a cycle and a self-parent row by row; a dry run says the same and writes nothing', async () => {
    const before = await count();
    const file = [
      header,
      `A-${tag},Một ${tag},state_agency,HA${tag},NOPE-${tag}`,
      `B-${tag},Hai ${tag},state_agency,HA${tag},A-${tag}`,
      // The stored VP is under SO: putting SO under VP is a cycle.
      `SO-${tag},Sở Nông nghiệp ${tag},state_agency,H${tag},VP-${tag}`,
      `S-${tag},Tự thân ${tag},state_agency,HA${tag},S-${tag}`,
      `OK-${tag},Được ${tag},state_agency,HA${tag},TT-${tag}`,
    ].join('\n');
    const audits = async () =>
      (await db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'organisation.import'`))[0]
        .n as number;
    const auditedBefore = await audits();
    const dry = await send(system, file, true).expect(200);
    expect(await count()).toBe(before);
    expect(await audits()).toBe(auditedBefore); // a dry run is not audited
    const real = await send(system, file).expect(200);
    expect({ ...dry.body, dryRun: false }).toEqual(real.body);
    expect(real.body).toMatchObject({ created: 1, updated: 0, unchanged: 0 });
    const problems = (
      real.body.rejected as Array<{ line: number; errors: Array<{ field: string; message: string }> }>
    ).map((r) => [r.line, r.errors[0]!.field, r.errors[0]!.message]);
    expect(problems).toEqual([
      [2, 'parent_code', `no organisation NOPE-${tag}: add it first, or in the same file`],
      [3, 'parent_code', `the parent organisation A-${tag} (line 2) was refused`],
      [4, 'parent_code', `parent_code would make a cycle: SO-${tag} → VP-${tag} → SO-${tag}`],
      [5, 'parent_code', 'an organisation cannot be its own parent'],
    ]);
    expect(await parentOf(`SO-${tag}`)).toBeNull();
    expect(await parentOf(`OK-${tag}`)).toBe(`TT-${tag}`);
    expect(await count()).toBe(before + 1);
  });

  it('refuses an unknown kind and a malformed parent code (spaces, zero-width, RTL, huge) as row errors, a NUL as a 400', async () => {
    const before = await count();
    const bad = [
      header,
      `K-${tag},Loại lạ,cooperative_alliance,HA${tag},`,
      `Z-${tag},Zero width,state_agency,HA${tag},SO-${tag}\u200b`,
      `R-${tag},RTL,state_agency,HA${tag},\u202eSO-${tag}`,
      `W-${tag},Dài,state_agency,HA${tag},${'X'.repeat(5000)}`,
      `P-${tag},Dấu cách,state_agency,HA${tag},SO ${tag}`,
    ].join('\n');
    const res = await send(system, bad).expect(200);
    expect(res.body.created).toBe(0);
    expect(
      res.body.rejected.map((r: { line: number; errors: Array<{ field: string }> }) => [
        r.line,
        r.errors[0]!.field,
      ]),
    ).toEqual([
      [2, 'kind'],
      [3, 'parent_code'],
      [4, 'parent_code'],
      [5, 'parent_code'],
      [6, 'parent_code'],
    ]);
    expect(res.body.rejected[0].errors[0].message).toContain('cooperative_union');
    expect(await count()).toBe(before);
    // A NUL anywhere refuses the whole file, as every text body.
    const nul = await send(system, `${header}\nN-${tag},NUL,state_agency,HA${tag},SO-${tag}\u0000`).expect(
      400,
    );
    expectErrorShape(nul.body, 400);
    expect(await count()).toBe(before);
  });

  it("a commune admin cannot attach to, rename or move another area's organisations, nor hang theirs under one", async () => {
    const unitAdmin = await signedInDemo(t.http, 'unit-admin'); // scoped to DEMO01
    const res = await send(
      unitAdmin,
      [
        header,
        `CX-${tag},Của xã,state_agency,DEMO01,SO-${tag}`,
        `SO-${tag},Chiếm Sở,state_agency,DEMO01,`,
        `TT-${tag},Kéo về xã,state_agency,DEMO01,`,
      ].join('\n'),
    ).expect(200);
    expect(res.body.created + res.body.updated).toBe(0);
    expect(
      res.body.rejected.map((r: { line: number; errors: Array<{ message: string }> }) => [
        r.line,
        r.errors[0]!.message,
      ]),
    ).toEqual([
      [2, 'the parent organisation is outside the area you administer'],
      [3, 'this organisation belongs to a unit outside the area you administer'],
      [4, 'this organisation belongs to a unit outside the area you administer'],
    ]);
    const [so] = await db.query(
      `SELECT o.name, u.code FROM organisations o JOIN administrative_units u ON u.id = o.unit_id WHERE o.code = $1`,
      [`SO-${tag}`],
    );
    expect(so).toEqual({ name: `Sở Nông nghiệp ${tag}`, code: `H${tag}` });
  });

  it('50 parallel imports of one file with sub-units create each organisation once, under its parent', async () => {
    const file = [
      header,
      `PX-${tag},Song song ${tag},state_agency,HA${tag},`,
      `PX1-${tag},Song song một ${tag},state_agency,HA${tag},PX-${tag}`,
      `PX2-${tag},Song song hai ${tag},state_agency,HA${tag},PX1-${tag}`,
    ].join('\n');
    const results = await Promise.all(Array.from({ length: 50 }, () => send(system, file)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.reduce((n, r) => n + (r.body.created as number), 0)).toBe(3);
    expect(results.every((r) => r.body.rejected.length === 0)).toBe(true);
    expect(await parentOf(`PX2-${tag}`)).toBe(`PX1-${tag}`);
  });
});
