import { randomBytes, randomUUID } from 'node:crypto';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { type Area, importArea, staffMember } from './support/area-world';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Signed = Browser & { id: string };

/** Today and `offset` days from it on the Vietnam clock. */
const vietnamDate = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Public-service help officers (docs/help-officers.md): logging in the officer's commune only, replays and races
 * write once, bad input changes nothing, and the rollup by unit for readers of the area only.
 */
describe('help logs', () => {
  let world: FreshDatabase;
  let t: TestApp;
  let db: DataSource;
  let area: Area;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const staff: Record<string, Signed> = {};
  const people: Record<string, { id: string }> = {};

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    const system = await signedInDemo(t.http);
    area = await importArea(system, db, tag, { province: 'Tỉnh Trợ Giúp' });
    const grant = async (key: string, role: string, unitId: string) => {
      // A person lives in a commune; a province grant is held by someone living in one of its communes.
      const home = unitId === area.P ? area.C1 : unitId;
      staff[key] = await staffMember(t.http, system, `Cán bộ ${key}`, role, { unitId }, home);
    };
    await grant('officer1', 'help_officer', area.C1);
    await grant('officer2', 'help_officer', area.C2);
    await grant('viewer1', 'report_viewer', area.C1);
    await grant('province', 'report_viewer', area.P);
    staff.learner = await signedUpLearner(t.http, 'Người học thường');
    // The people helped need no session: written straight to the database, placed in a commune.
    for (const [key, unit] of [
      ['p1', area.C1],
      ['p2', area.C2],
    ] as const) {
      const [{ id }] = await db.query(
        `INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`,
        [`Người dân ${key}`, `help-${randomBytes(5).toString('hex')}@help.test`],
      );
      await db.query(
        `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path)
         SELECT $1, '{citizens}', id, path FROM administrative_units WHERE id = $2`,
        [id, unit],
      );
      people[key] = { id };
    }
  }, 400_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
  });

  const body = (over: Record<string, unknown> = {}) => ({
    unitId: area.C1,
    service: 'birth-registration',
    outcome: 'done',
    on: vietnamDate(),
    idempotencyKey: randomUUID(),
    ...over,
  });
  const log = (b: Browser, over: Record<string, unknown> = {}) => b.post('/api/help-logs').send(body(over));
  const logCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM help_logs`))[0].n);

  it('lists the public services in Vietnamese first', async () => {
    const res = await staff.officer1!.agent.get('/api/help-logs/services').expect(200);
    expect(res.body.items).toContainEqual({
      id: 'birth-registration',
      name: { vi: 'Đăng ký khai sinh', en: 'Birth registration' },
    });
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['vneid', 'social-insurance', 'permanent-residence']),
    );
  });

  it('an officer logs an anonymous count and a person of their commune; a replayed form writes once', async () => {
    const key = randomUUID();
    const first = await log(staff.officer1!, { people: 3, outcome: 'guided', idempotencyKey: key }).expect(
      201,
    );
    expect(first.body).toMatchObject({
      unitId: area.C1,
      personId: null,
      people: 3,
      outcome: 'guided',
      created: true,
    });
    const replay = await log(staff.officer1!, { people: 3, outcome: 'guided', idempotencyKey: key }).expect(
      200,
    );
    expect(replay.body).toMatchObject({ id: first.body.id, created: false });
    await log(staff.officer1!, { personId: people.p1!.id, service: 'vneid', outcome: 'referred' }).expect(
      201,
    );
    const mine = await staff.officer1!.agent.get('/api/help-logs/mine').expect(200);
    expect(mine.body.items).toHaveLength(2);
    const audit = await db.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'community.help.log' AND actor_user_id = $1`,
      [staff.officer1!.id],
    );
    expect(audit[0].n).toBe(2);
  });

  it('refuses another commune, a person of another commune, and people without the role', async () => {
    const before = await logCount();
    expectErrorShape((await log(staff.officer1!, { unitId: area.C2 })).body, 404, 'UNIT_NOT_FOUND');
    expectErrorShape((await log(staff.officer1!, { unitId: area.P })).body, 404, 'UNIT_NOT_FOUND');
    expectErrorShape(
      (await log(staff.officer1!, { personId: people.p2!.id })).body,
      404,
      'LEARNER_NOT_FOUND',
    );
    expectErrorShape((await log(staff.officer1!, { personId: randomUUID() })).body, 404, 'LEARNER_NOT_FOUND');
    expectErrorShape((await log(staff.learner!)).body, 403, 'FORBIDDEN');
    expectErrorShape((await log(staff.viewer1!)).body, 403, 'FORBIDDEN');
    expect(await logCount()).toBe(before);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const before = await logCount();
    for (const over of [
      { people: 0 },
      { people: 501 },
      { people: 2.5 },
      { personId: people.p1!.id, people: 2 },
      { service: 'khai sinh' },
      { service: 'birth-registration\u0000' },
      { outcome: 'maybe' },
      { on: vietnamDate(1) },
      { on: vietnamDate(-60) },
      { on: '2026-02-30' },
      { idempotencyKey: 'x' },
      { officerId: staff.officer2!.id },
    ]) {
      const res = await log(staff.officer1!, over);
      expect([over, res.status]).toEqual([over, 400]);
      expectErrorShape(res.body, 400);
    }
    expect(await logCount()).toBe(before);
  });

  it('50 parallel submissions of one form write one log', async () => {
    const key = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        log(staff.officer2!, { unitId: area.C2, idempotencyKey: key, people: 2 }),
      ),
    );
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(
      Number(
        (await db.query(`SELECT count(*)::int AS n FROM help_logs WHERE idempotency_key = $1`, [key]))[0].n,
      ),
    ).toBe(1);
  });

  it('rolls up by unit for readers of the area only', async () => {
    const from = vietnamDate(-7);
    const to = vietnamDate();
    const province = await staff
      .province!.agent.get('/api/help-logs/rollup')
      .query({ unitId: area.P, from, to })
      .expect(200);
    expect(province.body.unit).toMatchObject({ id: area.P, level: 'province' });
    expect(province.body.total).toMatchObject({
      people: 6,
      logs: 3,
      byOutcome: { done: 2, guided: 3, referred: 1 },
    });
    const byId = Object.fromEntries(province.body.children.map((c: { unitId: string }) => [c.unitId, c]));
    expect(byId[area.C1]).toMatchObject({ people: 4, logs: 2 });
    expect(byId[area.C2]).toMatchObject({ people: 2, logs: 1 });
    // The default is the reader's own unit.
    const own = await staff.viewer1!.agent.get('/api/help-logs/rollup').query({ from, to }).expect(200);
    expect(own.body).toMatchObject({ unit: { id: area.C1 }, total: { people: 4 } });
    expectErrorShape(
      (await staff.viewer1!.agent.get('/api/help-logs/rollup').query({ unitId: area.P, from, to })).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape(
      (await staff.viewer1!.agent.get('/api/help-logs/rollup').query({ unitId: area.C2, from, to })).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape(
      (await staff.officer1!.agent.get('/api/help-logs/rollup').query({ from, to })).body,
      403,
      'FORBIDDEN',
    );
    expectErrorShape(
      (await staff.province!.agent.get('/api/help-logs/rollup').query({ unitId: area.P, from: to, to: from }))
        .body,
      400,
    );
    // A range before any log counts nothing.
    const empty = await staff
      .province!.agent.get('/api/help-logs/rollup')
      .query({ unitId: area.P, from: vietnamDate(-30), to: vietnamDate(-20) })
      .expect(200);
    expect(empty.body.total.people).toBe(0);
  });
});
