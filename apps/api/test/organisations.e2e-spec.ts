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
  code: string;
  name: string;
  kind: string;
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
