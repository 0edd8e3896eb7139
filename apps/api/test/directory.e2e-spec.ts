import { randomBytes } from 'node:crypto';
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

describe('directory imports and learner profiles', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const csv = (b: Browser, url: string, body: string) =>
    b.post(url).set('content-type', 'text/csv').send(body);
  const units = (rows: string) => `code,level,name,parent_code,valid_from,valid_to,successor_codes\n${rows}`;

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('imports units, reports bad rows precisely, and a second import changes nothing', async () => {
    const file = units(
      [
        `Q${tag},province,Tỉnh Nhập ${tag},,2025-07-01,,`,
        `X1${tag},commune,Xã Cũ ${tag},Q${tag},2025-07-01,2026-01-01,X3${tag}`,
        `X2${tag},commune,Xã Hai ${tag},Q${tag},2025-07-01,,`,
        `X3${tag},commune,Xã Mới (sáp nhập) ${tag},Q${tag},2026-01-01,,`,
        `V1${tag},village,Thôn ${tag},X2${tag},2025-07-01,,`,
        `BAD ${tag},district,,Q${tag},2025-13-01,,`,
        `V2${tag},village,Thôn mồ côi,NOPE${tag},2025-07-01,,`,
      ].join('\n'),
    );
    const first = await csv(system, '/api/admin/units/import', file).expect(200);
    expect(first.body).toMatchObject({ created: 5, updated: 0, unchanged: 0, dryRun: false });
    expect(first.body.rejected.map((r: { line: number }) => r.line)).toEqual([7, 8]);
    expect(first.body.rejected[0].errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'code',
      'level',
      'name',
      'valid_from',
    ]);
    expect(first.body.rejected[1].errors[0]).toMatchObject({
      field: 'parent_code',
      message: expect.stringContaining(`NOPE${tag}`),
    });
    const second = await csv(system, '/api/admin/units/import', file).expect(200);
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
    const [merged] = await db.query(
      `SELECT successor_codes, to_char(valid_to, 'YYYY-MM-DD') AS valid_to FROM administrative_units WHERE code = $1`,
      [`X1${tag}`],
    );
    expect(merged).toEqual({ successor_codes: [`X3${tag}`], valid_to: '2026-01-01' });
    const [village] = await db.query(`SELECT path FROM administrative_units WHERE code = $1`, [`V1${tag}`]);
    expect(village.path).toBe(`/Q${tag}/X2${tag}/V1${tag}/`);
  });

  it('a dry run reports without writing; a malformed file or missing columns is one clear 400', async () => {
    const dry = await csv(
      system,
      '/api/admin/units/import?dryRun=true',
      units(`D${tag},province,Tỉnh thử,,2025-07-01,,`),
    ).expect(200);
    expect(dry.body).toMatchObject({ created: 1, dryRun: true });
    expect(await db.query(`SELECT 1 FROM administrative_units WHERE code = $1`, [`D${tag}`])).toEqual([]);
    const broken = await csv(
      system,
      '/api/admin/units/import',
      'code,level\n"unterminated,province\n',
    ).expect(400);
    expectErrorShape(broken.body, 400, 'CSV_MALFORMED');
    const columns = await csv(system, '/api/admin/units/import', 'code,name\nA,B\n').expect(400);
    expectErrorShape(columns.body, 400, 'CSV_COLUMNS_MISSING');
    expect(columns.body.details.missing).toEqual(['level', 'parent_code', 'valid_from']);
  });

  it('lists current units for pickers, and only admins import', async () => {
    const provinces = (await system.agent.get('/api/units').expect(200)).body.items.map(
      (u: { code: string }) => u.code,
    );
    expect(provinces).toContain('DEMO');
    const l = await signedUpLearner(t.http);
    await csv(l, '/api/admin/units/import', units(`Z${tag},province,Tỉnh,,2025-07-01,,`)).expect(403);
    await csv(l, '/api/admin/organisations/import', `code,name,kind,unit_code\nZ,Z,school,DEMO01\n`).expect(
      403,
    );
  });

  it('saves the learner profile with unit, organisation, groups and accessibility; refuses a province as home unit', async () => {
    const l = await signedUpLearner(t.http);
    const [commune] = await db.query(`SELECT id FROM administrative_units WHERE code = 'DEMO01'`);
    const [province] = await db.query(`SELECT id FROM administrative_units WHERE code = 'DEMO'`);
    const [org] = await db.query(`SELECT id FROM organisations WHERE code = 'DEMO-HTX01'`);
    const body = {
      targetGroups: ['citizens'],
      subGroups: ['small-traders-farmers', 'older-adults'],
      unitId: commune.id,
      organisationId: org.id,
      language: 'en',
      accessibility: { largeText: true },
    };
    const saved = await l.agent.put('/api/me/profile').set('x-csrf-token', l.csrf).send(body).expect(200);
    expect(saved.body).toMatchObject({
      language: 'en',
      targetGroups: ['citizens'],
      unit: { id: commune.id },
      organisation: { id: org.id },
      accessibility: { largeText: true },
    });
    const [p] = await db.query(`SELECT unit_path FROM learner_profiles WHERE user_id = $1`, [l.id]);
    expect(p.unit_path).toBe('/DEMO/DEMO01/');
    // Two people of one household share it.
    const [village] = await db.query(`SELECT id FROM administrative_units WHERE code = 'DEMO01T1'`);
    const home = { ...body, unitId: village.id, householdCode: 'SO-12' };
    const withHome = await l.agent.put('/api/me/profile').set('x-csrf-token', l.csrf).send(home).expect(200);
    expect(withHome.body.householdCode).toBe('SO-12');
    const spouse = await signedUpLearner(t.http);
    await spouse.agent.put('/api/me/profile').set('x-csrf-token', spouse.csrf).send(home).expect(200);
    const households = await db.query(
      `SELECT count(DISTINCT household_id)::int AS n FROM learner_profiles WHERE user_id = ANY ($1::uuid[])`,
      [[l.id, spouse.id]],
    );
    expect(households[0].n).toBe(1);
    const tooBroad = await l.agent
      .put('/api/me/profile')
      .set('x-csrf-token', l.csrf)
      .send({ ...body, unitId: province.id })
      .expect(400);
    expectErrorShape(tooBroad.body, 400, 'UNIT_TOO_BROAD');
    const badGroup = await l.agent
      .put('/api/me/profile')
      .set('x-csrf-token', l.csrf)
      .send({ ...body, targetGroups: ['aliens'] })
      .expect(400);
    expectErrorShape(badGroup.body, 400, 'VALIDATION_FAILED');
  });

  it('records consents as an append-only history and audits them', async () => {
    const l = await signedUpLearner(t.http);
    await l
      .post('/api/me/consents')
      .send({ purpose: 'reminders-email', textVersion: '2026-11', granted: true })
      .expect(200);
    const withdrawn = await l
      .post('/api/me/consents')
      .send({ purpose: 'reminders-email', textVersion: '2026-11', granted: false })
      .expect(200);
    expect(withdrawn.body.consents).toEqual([
      expect.objectContaining({
        purpose: 'reminders-email',
        granted: false,
        channel: 'web',
        textVersion: '2026-11',
      }),
    ]);
    expect(await db.query(`SELECT granted FROM consents WHERE user_id = $1 ORDER BY at`, [l.id])).toEqual([
      { granted: true },
      { granted: false },
    ]);
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND action = 'consent.change'`,
          [l.id],
        )
      )[0].n,
    ).toBe(2);
    await l
      .post('/api/me/consents')
      .send({ purpose: 'sell-my-data', textVersion: '2026-11', granted: true })
      .expect(400);
  });
});
