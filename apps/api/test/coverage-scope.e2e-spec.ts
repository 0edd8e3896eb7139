import { randomBytes } from 'node:crypto';
import { execute, recordCoverageFacts, selectOne } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';
import { type GrantScope, importArea, staffMember } from './support/area-world';
import { foldAll, setPopulation } from './support/coverage-world';

type Signed = Browser & { id: string };

/**
 * The coverage read API (GET /api/coverage, /trend, /ranking; /api/indicators): who sees which place (out of
 * scope answers 404, a learner 403), that an answer names nobody, bad parameters, and the numbers for a
 * province, a commune and a village from facts folded into the rollups and populations loaded for them.
 */
describe('coverage read API', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const ids: Record<string, string> = {};
  const staff: Record<string, Signed> = {};
  let learner: Signed;
  /** Names and e-mails of the people counted: none may appear in any answer. */
  const secrets: string[] = [];
  const INDICATOR = 'trained-public-servants';

  const csv = (b: Browser, url: string, body: string) =>
    b.post(url).set('content-type', 'text/csv').send(body);

  /** A person placed in a unit (and organisation) as a public servant, counted as trained when `trained`. */
  const person = async (unit: string, org: string | null, trained: boolean, month?: string) => {
    const name = `Người Bí Mật ${randomBytes(3).toString('hex')}`;
    const email = `secret-${randomBytes(4).toString('hex')}@coverage.test`;
    secrets.push(name, email);
    const { id } = (await selectOne<{ id: string }>(
      db,
      `INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`,
      [name, email],
    ))!;
    const { path } = (await selectOne<{ path: string }>(
      db,
      `SELECT path FROM administrative_units WHERE id = $1`,
      [ids[unit]],
    ))!;
    await execute(
      db,
      `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path, organisation_id)
       VALUES ($1, '{public-servants}', $2, $3, $4)`,
      [id, ids[unit], path, org ? ids[org] : null],
    );
    if (trained) {
      await recordCoverageFacts(db, { userId: id, measure: 'trained', source: 'system' });
      if (month)
        await execute(db, `UPDATE coverage_facts SET achieved_at = $2::timestamptz WHERE user_id = $1`, [
          id,
          `${month}-15T05:00:00Z`,
        ]);
    }
    secrets.push(id);
    return id;
  };

  const grant = async (key: string, role: string, scope: GrantScope) => {
    staff[key] = await staffMember(t.http, system, `Cán bộ ${key} ${tag}`, role, scope, ids.C1!, {
      targetGroups: ['public-servants'],
    });
  };

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    const area = await importArea(system, db, tag, { province: 'Tỉnh Phủ Sóng' });
    [ids.P, ids.C1, ids.C2] = [area.P, area.C1, area.C2];
    const villages = await csv(
      system,
      '/api/admin/units/import',
      `code,level,name,parent_code,valid_from\nV1${tag},village,Bản Một ${tag},C1${tag},2025-07-01\n` +
        `V2${tag},village,Bản Hai ${tag},C1${tag},2025-07-01\nV3${tag},village,Bản Ba ${tag},C2${tag},2025-07-01\n`,
    ).expect(200);
    expect(villages.body).toMatchObject({ created: 3, rejected: [] });
    const orgs = await csv(
      system,
      '/api/admin/organisations/import',
      `code,name,kind,unit_code,parent_code\nA1-${tag},Sở Một,state_agency,C1${tag},\n` +
        `A1S-${tag},Phòng của Sở Một,state_agency,C1${tag},A1-${tag}\nA2-${tag},Sở Hai,state_agency,C2${tag},\n` +
        `A1X-${tag},Chi nhánh Sở Một ở xã Hai,state_agency,C2${tag},A1-${tag}\n`,
    ).expect(200);
    expect(orgs.body).toMatchObject({ created: 4, rejected: [] });
    for (const code of [`V1${tag}`, `V2${tag}`, `V3${tag}`])
      ids[code.slice(0, 2)] = (
        await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [code])
      )[0].id;
    for (const code of [`A1-${tag}`, `A1S-${tag}`, `A1X-${tag}`, `A2-${tag}`])
      ids[code.split('-')[0]!] = (
        await db.query(`SELECT id FROM organisations WHERE code = $1`, [code])
      )[0].id;

    await grant('communeAdmin', 'unit_admin', { unitId: ids.C1 });
    await grant('viewerC1', 'report_viewer', { unitId: ids.C1 });
    await grant('viewerA1', 'report_viewer', { organisationId: ids.A1 });
    await grant('viewerP', 'report_viewer', { unitId: ids.P });
    learner = await signedUpLearner(t.http, `Học viên ${tag}`);
    await placeLearner(learner, ids.C1!, { targetGroups: ['public-servants'] });

    // People: V1 has 4 (3 trained, one of them in Sở Một's office), V2 has 2 (1 trained), C1 itself 1 (not),
    // V3 (commune 2) has 3 (3 trained). Trained in three different months for the trend.
    await person('V1', null, true, '2026-10');
    await person('V1', null, true, '2026-11');
    await person('V1', 'A1S', true, '2026-11');
    await person('V1', null, false);
    await person('V2', 'A1', true, '2026-10');
    await person('V2', null, false);
    await person('C1', null, false);
    await person('V3', 'A2', true, '2026-09');
    await person('V3', null, true, '2026-09');
    await person('V3', null, true);
    await foldAll(db);

    // Populations (public servants): V1 10, V2 4, C1 20 (its own figure), C2 none, P 50.
    await setPopulation(db, 'unit', ids.V1!, 'public-servants', 10);
    await setPopulation(db, 'unit', ids.V2!, 'public-servants', 4);
    await setPopulation(db, 'unit', ids.C1!, 'public-servants', 20);
    await setPopulation(db, 'unit', ids.P!, 'public-servants', 50);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const cellOf = (body: { indicators: Array<{ code: string }> }, code = INDICATOR) =>
    body.indicators.find((i) => i.code === code) as Record<string, unknown> | undefined;

  it('/api/indicators is public and lists the plans with their indicators', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/indicators' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0].indicators.map((i: { code: string }) => i.code)).toContain(INDICATOR);
  });

  it('a learner gets 403 and an anonymous caller 401 on every coverage read', async () => {
    for (const url of [
      '/api/coverage',
      `/api/coverage/trend?indicator=${INDICATOR}`,
      `/api/coverage/ranking?indicator=${INDICATOR}`,
      `/api/coverage?unitId=${ids.C1}`,
    ]) {
      expectErrorShape((await learner.agent.get(url).expect(403)).body, 403, 'FORBIDDEN');
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
  });

  it('a commune’s admin and report viewer get 404 for the other commune, its village and organisations, and the province', async () => {
    for (const key of ['communeAdmin', 'viewerC1']) {
      const a = staff[key]!;
      for (const [q, code] of [
        [`unitId=${ids.C2}`, 'UNIT_NOT_FOUND'],
        [`unitId=${ids.V3}`, 'UNIT_NOT_FOUND'],
        [`unitId=${ids.P}`, 'UNIT_NOT_FOUND'],
        [`organisationId=${ids.A2}`, 'ORGANISATION_NOT_FOUND'],
        // Sở Một's branch sits in the other commune: it is Sở Một's, not the commune's
        [`organisationId=${ids.A1X}`, 'ORGANISATION_NOT_FOUND'],
        [`unitId=00000000-0000-4000-8000-000000000000`, 'UNIT_NOT_FOUND'],
      ] as const) {
        for (const path of ['', '/trend', '/ranking']) {
          const sep = path ? `&indicator=${INDICATOR}` : '';
          const res = await a.agent.get(`/api/coverage${path}?${q}${sep}`).expect(404);
          expectErrorShape(res.body, 404, code);
        }
      }
      await a.agent.get(`/api/coverage?unitId=${ids.C1}`).expect(200);
      await a.agent.get(`/api/coverage?unitId=${ids.V1}`).expect(200);
      await a.agent.get(`/api/coverage?organisationId=${ids.A1}`).expect(200);
      await a.agent.get(`/api/coverage?organisationId=${ids.A1S}`).expect(200);
      const a1 = (await a.agent.get(`/api/coverage?organisationId=${ids.A1}`).expect(200)).body;
      expect(a1.children.map((c: { id: string }) => c.id)).toEqual([ids.A1S]);
      expect(a1.trail.map((p: { id: string }) => p.id)).toEqual([ids.C1, ids.A1]);
    }
  });

  it('an organisation’s report viewer sees it and its sub-units only', async () => {
    const a = staff.viewerA1!;
    const own = (await a.agent.get('/api/coverage').expect(200)).body;
    expect(own.place).toMatchObject({ kind: 'organisation', id: ids.A1 });
    expect(own.trail.map((p: { id: string }) => p.id)).toEqual([ids.A1]);
    expect(own.children.map((c: { id: string }) => c.id)).toEqual([ids.A1X, ids.A1S]);
    await a.agent.get(`/api/coverage?organisationId=${ids.A1X}`).expect(200);
    const sub = (await a.agent.get(`/api/coverage?organisationId=${ids.A1S}`).expect(200)).body;
    expect(sub.trail.map((p: { id: string }) => p.id)).toEqual([ids.A1, ids.A1S]);
    for (const q of [`unitId=${ids.C1}`, `unitId=${ids.V1}`, `organisationId=${ids.A2}`])
      await a.agent.get(`/api/coverage?${q}`).expect(404);
  });

  it('without a place, each reader gets their own top place; a global reader gets every province', async () => {
    const c1 = (await staff.viewerC1!.agent.get('/api/coverage').expect(200)).body;
    expect(c1.place).toMatchObject({ kind: 'unit', id: ids.C1, level: 'commune' });
    expect(c1.trail.map((p: { id: string }) => p.id)).toEqual([ids.C1]);
    expect(c1.children.map((c: { id: string }) => c.id).sort()).toEqual([ids.V1, ids.V2].sort());
    expect(c1.organisations.map((o: { id: string }) => o.id)).toEqual([ids.A1]);

    const all = (await system.agent.get('/api/coverage').expect(200)).body;
    expect(all.place).toMatchObject({ kind: 'all', id: null });
    expect(all.children.map((c: { id: string }) => c.id)).toContain(ids.P);
    const village = (await system.agent.get(`/api/coverage?unitId=${ids.V1}`).expect(200)).body;
    expect(village.trail.map((p: { kind: string; id: string | null }) => p.id)).toEqual([
      null,
      ids.P,
      ids.C1,
      ids.V1,
    ]);
    expect(village.children).toEqual([]);
  });

  it('a report viewer’s answers name nobody: only places and counts', async () => {
    const a = staff.viewerP!;
    const bodies = [
      (await a.agent.get('/api/coverage').expect(200)).text,
      (await a.agent.get(`/api/coverage?unitId=${ids.C1}`).expect(200)).text,
      (await a.agent.get(`/api/coverage?unitId=${ids.V1}`).expect(200)).text,
      (await a.agent.get(`/api/coverage?organisationId=${ids.A1}`).expect(200)).text,
      (await a.agent.get(`/api/coverage/trend?unitId=${ids.C1}&indicator=${INDICATOR}`).expect(200)).text,
      (await a.agent.get(`/api/coverage/ranking?indicator=${INDICATOR}`).expect(200)).text,
    ];
    for (const body of bodies) for (const secret of secrets) expect(body).not.toContain(secret);
  });

  it('counts the numerator, registered and population apart for a province, a commune and a village', async () => {
    const a = staff.viewerP!;
    const p = (await a.agent.get('/api/coverage').expect(200)).body;
    expect(p.place).toMatchObject({ kind: 'unit', id: ids.P });
    // Today is before 2026-12-31: the 100 % target of 2026 is in force.
    expect(cellOf(p)).toMatchObject({
      numerator: 7,
      registered: expect.any(Number),
      population: { value: 50 },
      share: 7 / 50,
      gap: 43,
      status: 'behind',
      exceedsPopulation: false,
    });
    // registered: the 10 people, plus the 4 staff and the learner placed in C1
    expect((cellOf(p) as { registered: number }).registered).toBe(15);
    const byId = (rows: Array<{ id: string }>, id: string) => rows.find((r) => r.id === id) as never;
    expect(cellOf(byId(p.children, ids.C1!))).toMatchObject({
      numerator: 4,
      registered: 12,
      population: { value: 20 },
      share: 0.2,
      gap: 16,
    });
    expect(cellOf(byId(p.children, ids.C2!))).toMatchObject({
      numerator: 3,
      registered: 3,
      population: null,
      share: null,
      gap: null,
      status: 'no-population',
    });
    const c1 = (await a.agent.get(`/api/coverage?unitId=${ids.C1}`).expect(200)).body;
    expect(cellOf(c1)).toMatchObject({ numerator: 4, registered: 12, population: { value: 20 } });
    expect(cellOf(byId(c1.children, ids.V1!))).toMatchObject({
      numerator: 3,
      registered: 4,
      population: { value: 10 },
      share: 0.3,
      gap: 7,
    });
    expect(cellOf(byId(c1.children, ids.V2!))).toMatchObject({
      numerator: 1,
      registered: 2,
      population: { value: 4 },
      share: 0.25,
      gap: 3,
    });
    // Organisations count their own people and those of their sub-units.
    expect(cellOf(byId(c1.organisations, ids.A1!))).toMatchObject({ numerator: 2 });
    const v1 = (await a.agent.get(`/api/coverage?unitId=${ids.V1}`).expect(200)).body;
    expect(cellOf(v1)).toMatchObject({ numerator: 3, registered: 4, share: 0.3, gap: 7 });
    expect(v1.indicators.find((i: { code: string }) => i.code === INDICATOR).indicator).toMatchObject({
      code: INDICATOR,
      targetGroup: 'public-servants',
    });
  });

  it('the trend runs the sums month by month against the target line', async () => {
    const res = await staff.viewerP!.agent.get(
      `/api/coverage/trend?indicator=${INDICATOR}&from=2026-08-01&to=2026-11-30`,
    );
    expect(res.status).toBe(200);
    expect(res.body.points).toEqual([
      { month: '2026-08', numerator: 0, population: 50, share: 0 },
      { month: '2026-09', numerator: 2, population: 50, share: 2 / 50 },
      { month: '2026-10', numerator: 4, population: 50, share: 4 / 50 },
      { month: '2026-11', numerator: 6, population: 50, share: 6 / 50 },
    ]);
    expect(res.body.targets.map((x: { by: string }) => x.by)).toEqual(['2025-12-31', '2026-12-31']);
    const whole = (await staff.viewerP!.agent.get(`/api/coverage/trend?indicator=${INDICATOR}`).expect(200))
      .body;
    expect(whole.points[0].month).toBe('2025-01');
    expect(whole.points[whole.points.length - 1].numerator).toBe(7);
  });

  it('the ranking orders the communes and villages by share, no population last', async () => {
    const p = (await staff.viewerP!.agent.get(`/api/coverage/ranking?indicator=${INDICATOR}`).expect(200))
      .body;
    expect(p.rows.map((r: { id: string; rank: number }) => [r.id, r.rank])).toEqual([
      [ids.C1, 1],
      [ids.C2, 2],
    ]);
    const c1 = (
      await staff
        .viewerP!.agent.get(`/api/coverage/ranking?unitId=${ids.C1}&indicator=${INDICATOR}`)
        .expect(200)
    ).body;
    expect(c1.rows.map((r: { id: string; share: number }) => [r.id, r.share])).toEqual([
      [ids.V1, 0.3],
      [ids.V2, 0.25],
    ]);
  });

  it('filters re-key the indicators to a group or sub-group', async () => {
    const res = (await staff.viewerP!.agent.get(`/api/coverage?targetGroup=students`).expect(200)).body;
    expect(res.filter).toEqual({ targetGroup: 'students', subGroup: '' });
    for (const i of res.indicators) expect(['students', '*']).toContain(i.indicator.targetGroup);
    expect(cellOf(res)).toBeUndefined();
    const sub = (
      await staff
        .viewerP!.agent.get(`/api/coverage?targetGroup=public-servants&subGroup=org:state_agency`)
        .expect(200)
    ).body;
    expect(
      sub.indicators.every(
        (i: { indicator: { subGroup: string } }) => i.indicator.subGroup === 'org:state_agency',
      ),
    ).toBe(true);
  });

  it('refuses bad parameters with a clear code', async () => {
    const a = staff.viewerP!;
    const bad = async (url: string, status: number, code?: string) =>
      expectErrorShape((await a.agent.get(url).expect(status)).body, status, code);
    await bad(`/api/coverage/trend?indicator=no-such-indicator`, 404, 'INDICATOR_NOT_FOUND');
    await bad(`/api/coverage/ranking?indicator=no-such-indicator`, 404, 'INDICATOR_NOT_FOUND');
    await bad(`/api/coverage?plan=no-such-plan`, 404, 'PLAN_NOT_FOUND');
    await bad(`/api/coverage?unitId=not-a-uuid`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage?organisationId=1%27%20OR%201=1`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage?unitId=${ids.C1}&organisationId=${ids.A1}`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage/trend?indicator=${INDICATOR}&unitId=${ids.C1}&organisationId=${ids.A1}`, 400);
    await bad(`/api/coverage?subGroup=age:65%2B`, 400, 'INVALID_COVERAGE_FILTER');
    await bad(`/api/coverage?targetGroup=students&subGroup=org:enterprise`, 400, 'INVALID_COVERAGE_FILTER');
    await bad(`/api/coverage?subGroup=school:primary%E2%80%8B`, 400, 'INVALID_COVERAGE_FILTER');
    await bad(`/api/coverage?subGroup=%00`, 400);
    await bad(`/api/coverage?targetGroup=aliens`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage?plan=${'x'.repeat(5000)}`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage?extra=1`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage/trend?indicator=${INDICATOR}&from=2026-05-01&to=2026-01-01`, 400);
    await bad(`/api/coverage/trend?indicator=${INDICATOR}&from=1900-01-01`, 400, 'INVALID_RANGE');
    await bad(`/api/coverage/trend?indicator=${INDICATOR}&from=2026-02-30`, 400, 'VALIDATION_FAILED');
    await bad(`/api/coverage/trend`, 400, 'VALIDATION_FAILED');
  });

  it('answers 50 parallel dashboard requests with the same figures', async () => {
    const a = staff.viewerP!;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        a.agent.get(i % 2 ? `/api/coverage?unitId=${ids.C1}` : '/api/coverage'),
      ),
    );
    for (const r of results) expect(r.status).toBe(200);
    const provinceCells = results.filter((_, i) => i % 2 === 0).map((r) => JSON.stringify(cellOf(r.body)));
    expect(new Set(provinceCells).size).toBe(1);
  });
});
