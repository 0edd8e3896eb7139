import { randomBytes } from 'node:crypto';
import { issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { type Area, importArea } from './support/area-world';
import { obSchemaErrors } from './support/ob-schema';
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

/** A Vietnam date `offsetDays` from today. */
const vietnamDate = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Emulation campaigns (docs/campaigns.md): scope isolation between two provinces for every endpoint, forged
 * rules, the live league table ranking two communes by the rule (empty sessions do not count), the close refused
 * before the end, and 50 parallel closes making one set of awards.
 */
describe('emulation campaigns', () => {
  let world: FreshDatabase;
  let t: TestApp;
  let db: DataSource;
  let A: Area;
  let B: Area;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const s: Record<string, Signed> = {};

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    const system = await signedInDemo(t.http);
    A = await importArea(system, db, `A${tag}`, { province: 'Tỉnh Thi Đua' });
    B = await importArea(system, db, `B${tag}`, { province: 'Tỉnh Khác' });
    const person = async (key: string, unitId: string | null, role?: string, grantUnit?: string) => {
      const p = await signedUpLearner(t.http, `Người ${key}`);
      if (unitId) await placeLearner(p, unitId);
      if (role)
        await system
          .post('/api/admin/role-grants')
          .send({ userId: p.id, role, unitId: grantUnit, organisationId: null })
          .expect(201);
      s[key] = p;
    };
    await person('managerA', A.C1, 'campaign_manager', A.P);
    await person('managerB', B.C1, 'campaign_manager', B.P);
    await person('managerA1', A.C1, 'campaign_manager', A.C1);
    await person('viewerA', A.C1, 'report_viewer', A.P);
    await person('learnerA1', A.C1);
    await person('learnerB1', B.C1);
    await person('nowhere', null);
  }, 400_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
  });

  const rule = {
    targetGroup: 'citizens',
    terms: [
      { indicator: 'trained_share', weight: 1 },
      { indicator: 'sessions_held', weight: 5, cap: 4 },
      { indicator: 'people_guided', weight: 2 },
    ],
  };
  const body = (over: Record<string, unknown> = {}) => ({
    name: { vi: 'Thi đua học tập số', en: 'Digital learning race' },
    startsOn: vietnamDate(-40),
    endsOn: vietnamDate(-2),
    unitIds: [A.C1, A.C2],
    topUnits: 1,
    topPeople: 3,
    rule,
    ...over,
  });
  const campaignCount = async () => Number((await db.query(`SELECT count(*)::int AS n FROM campaigns`))[0].n);
  const put = (b: Browser, url: string) => b.agent.put(url).set('x-csrf-token', b.csrf);

  it('offers the 10 October festival template to managers only', async () => {
    const res = await s
      .managerA!.agent.get('/api/campaigns/templates/national-digital-learning-day?year=2027')
      .expect(200);
    expect(res.body).toMatchObject({
      template: 'national-digital-learning-day',
      name: { vi: 'Ngày hội học tập số toàn dân 10/10/2027'.normalize('NFC') },
    });
    expect(res.body.startsOn <= '2027-10-10' && res.body.endsOn >= '2027-10-10').toBe(true);
    expectErrorShape(
      (await s.viewerA!.agent.get('/api/campaigns/templates/national-digital-learning-day')).body,
      403,
      'FORBIDDEN',
    );
    expectErrorShape(
      (await s.learnerA1!.agent.get('/api/campaigns/templates/national-digital-learning-day')).body,
      403,
      'FORBIDDEN',
    );
  });

  it('lists the units a manager may include: their area only', async () => {
    const mine = await s.managerA!.agent.get(`/api/campaigns/units?q=${tag}`).expect(200);
    const ids = mine.body.items.map((u: { id: string }) => u.id);
    expect(ids).toEqual(expect.arrayContaining([A.P, A.C1, A.C2]));
    expect(ids).not.toContain(B.C1);
  });

  it('refuses forged rules and bad bodies with 400, writing nothing', async () => {
    const before = await campaignCount();
    const terms = (x: unknown) => ({ rule: { ...rule, terms: x } });
    for (const over of [
      terms([{ indicator: 'likes', weight: 1 }]),
      terms([{ indicator: 'trained_share', weight: -1 }]),
      terms([{ indicator: 'trained_share', weight: 0 }]),
      terms([{ indicator: 'trained_share', weight: 1, cap: -5 }]),
      terms([{ indicator: 'trained_share', weight: 1e9 }]),
      terms([
        { indicator: 'trained_share', weight: 1 },
        { indicator: 'trained_share', weight: 2 },
      ]),
      terms(Array.from({ length: 3_000 }, () => ({ indicator: 'help_given', weight: 1 }))),
      terms([]),
      terms([{ indicator: 'trained_share', weight: 1, sql: 'DROP TABLE campaigns' }]),
      { rule: { ...rule, targetGroup: 'cats' } },
      { rule: { ...rule, minAttendees: 0 } },
      { name: { vi: 'Thi\u0000đua', en: 'x' } },
      { name: { vi: 'Thi\u200bđua', en: 'x' } },
      { name: { vi: 'x'.repeat(5000), en: 'x' } },
      { startsOn: vietnamDate(5), endsOn: vietnamDate(1) },
      { startsOn: '2026-01-01', endsOn: '2028-01-01' },
      { unitIds: [A.C1] },
      { unitIds: [A.C1, A.C1] },
      { unitIds: Array.from({ length: 3_000 }, () => A.C1) },
      { topUnits: 0 },
      { topPeople: -1 },
      { createdBy: s.managerB!.id },
    ]) {
      const res = await s.managerA!.post('/api/campaigns').send(body(over));
      expectErrorShape(res.body, 400);
    }
    expect(await campaignCount()).toBe(before);
  });

  it('refuses units of another province (404) and people without the capability (403)', async () => {
    const before = await campaignCount();
    expectErrorShape(
      (await s.managerA!.post('/api/campaigns').send(body({ unitIds: [A.C1, B.C1] }))).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape(
      (await s.managerA1!.post('/api/campaigns').send(body({ unitIds: [A.C1, A.C2] }))).body,
      404,
      'UNIT_NOT_FOUND',
    );
    expectErrorShape((await s.viewerA!.post('/api/campaigns').send(body())).body, 403, 'FORBIDDEN');
    expectErrorShape((await s.learnerA1!.post('/api/campaigns').send(body())).body, 403, 'FORBIDDEN');
    expect(await campaignCount()).toBe(before);
  });

  describe('a campaign of province A', () => {
    let ended: string;
    let running: string;
    let ambassador: string;

    beforeAll(async () => {
      ended = (await s.managerA!.post('/api/campaigns').send(body()).expect(201)).body.id;
      running = (
        await s
          .managerA!.post('/api/campaigns')
          .send(
            body({
              name: { vi: 'Đang chạy', en: 'Running' },
              startsOn: vietnamDate(-1),
              endsOn: vietnamDate(30),
            }),
          )
          .expect(201)
      ).body.id;
      // Populations: C1 has 100 citizens, C2 200.
      for (const [unit, value] of [
        [A.C1, 100],
        [A.C2, 200],
      ] as const)
        await db.query(
          `INSERT INTO populations (place_kind, place_id, target_group, period, period_start, period_end, source, value, revision)
           VALUES ('unit', $1, 'citizens', '2025', '2025-01-01', '2025-12-31', 'Cục Thống kê', $2, 1)`,
          [unit, value],
        );
      // Trained people in the period: 30 in C1 (30 %), 40 in C2 (20 %).
      const people = async (n: number, unit: string) => {
        const ids: string[] = [];
        for (let i = 0; i < n; i++) {
          const [{ id }] = await db.query(
            `INSERT INTO users (display_name, email) VALUES ($1, $2) RETURNING id`,
            [`Dân ${i}`, `camp-${randomBytes(6).toString('hex')}@camp.test`],
          );
          await db.query(
            `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path)
             SELECT $1, '{citizens}', id, path FROM administrative_units WHERE id = $2`,
            [id, unit],
          );
          ids.push(id);
        }
        return ids;
      };
      const trained = async (ids: string[], unit: string, daysAgo: number) => {
        await db.query(
          `INSERT INTO coverage_facts (user_id, measure, target_group, unit_id, unit_path, achieved_at, source)
           SELECT u, 'trained', 'citizens', au.id, au.path, now() - make_interval(days => $3), 'system'
             FROM unnest($1::uuid[]) u, administrative_units au WHERE au.id = $2`,
          [ids, unit, daysAgo],
        );
      };
      const c1 = await people(30, A.C1);
      const c2 = await people(40, A.C2);
      await trained(c1, A.C1, 20);
      await trained(c2, A.C2, 20);
      // C2 games the sessions: 6 ended sessions with nobody, and one written down after it happened.
      const [{ id: courseId }] = await db.query(`SELECT id FROM courses ORDER BY id LIMIT 1`);
      const session = async (unit: string, createdDaysAgo: number, attendees: string[]) => {
        const [{ id }] = await db.query(
          `INSERT INTO community_sessions (unit_id, unit_path, topic, place, starts_at, ends_at, course_id, created_at)
           SELECT id, path, 'Buổi học', 'Nhà văn hóa', now() - interval '10 days', now() - interval '10 days' + interval '2 hours',
                  $2, now() - make_interval(days => $3)
             FROM administrative_units WHERE id = $1 RETURNING id`,
          [unit, courseId, createdDaysAgo],
        );
        for (const user of attendees)
          await db.query(
            `INSERT INTO community_session_attendance (session_id, user_id, method) VALUES ($1, $2, 'qr')`,
            [id, user],
          );
      };
      for (let i = 0; i < 6; i++) await session(A.C2, 15, []);
      await session(A.C2, 5, c2.slice(0, 5));
      await session(A.C1, 15, c1.slice(0, 3));
      // An ambassador of C1 guided two people of C1 to completion in the period.
      ambassador = (await people(1, A.C1))[0]!;
      for (const mentee of c1.slice(0, 2)) {
        await db.query(
          `INSERT INTO mentorships (ambassador_id, mentee_id, accepted_at) VALUES ($1, $2, now() - interval '30 days')`,
          [ambassador, mentee],
        );
        await db.query(
          `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, 'online-scams', 'completed', now() - interval '10 days')`,
          [mentee],
        );
      }
    }, 300_000);

    it('ranks the two communes by the rule, with each indicator’s value and points; empty sessions score nothing', async () => {
      const res = await s.managerA!.agent.get(`/api/campaigns/${ended}/league`).expect(200);
      expect(res.body.phase).toBe('ended');
      const [first, second] = res.body.rows;
      expect(first).toMatchObject({ unitId: A.C1, rank: 1, population: 100 });
      expect(first.scores).toEqual([
        { indicator: 'trained_share', value: 30, points: 30, capped: false },
        { indicator: 'sessions_held', value: 1, points: 5, capped: false },
        { indicator: 'people_guided', value: 2, points: 4, capped: false },
      ]);
      expect(first.points).toBe(39);
      expect(second).toMatchObject({ unitId: A.C2, rank: 2, points: 20, population: 200 });
      expect(second.scores[1]).toEqual({ indicator: 'sessions_held', value: 0, points: 0, capped: false });
    });

    it('shows the campaign to readers of the area and learners of its units; nobody else learns it exists', async () => {
      for (const who of ['managerA', 'viewerA', 'learnerA1'] as const) {
        await s[who]!.agent.get(`/api/campaigns/${ended}`).expect(200);
        await s[who]!.agent.get(`/api/campaigns/${ended}/league`).expect(200);
        await s[who]!.agent.get(`/api/campaigns/${ended}/awards`).expect(200);
        const list = await s[who]!.agent.get('/api/campaigns').expect(200);
        expect(list.body.items.map((c: { id: string }) => c.id)).toContain(ended);
      }
      expect((await s.viewerA!.agent.get(`/api/campaigns/${ended}`)).body.canManage).toBe(false);
      expect((await s.managerA!.agent.get(`/api/campaigns/${ended}`)).body.canManage).toBe(true);
      for (const who of ['managerB', 'learnerB1', 'nowhere'] as const) {
        for (const path of ['', '/league', '/awards'])
          expectErrorShape(
            (await s[who]!.agent.get(`/api/campaigns/${ended}${path}`)).body,
            404,
            'CAMPAIGN_NOT_FOUND',
          );
        const list = await s[who]!.agent.get('/api/campaigns').expect(200);
        expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(ended);
      }
      expectErrorShape(
        (await s.managerA!.agent.get('/api/campaigns/not-an-id')).body,
        404,
        'CAMPAIGN_NOT_FOUND',
      );
    });

    it('lets only the area’s managers edit it, with units of their area only', async () => {
      const url = `/api/campaigns/${running}`;
      expectErrorShape((await put(s.managerB!, url).send(body())).body, 404, 'CAMPAIGN_NOT_FOUND');
      expectErrorShape((await put(s.managerA1!, url).send(body())).body, 404, 'CAMPAIGN_NOT_FOUND');
      expectErrorShape((await put(s.viewerA!, url).send(body())).body, 403, 'FORBIDDEN');
      expectErrorShape(
        (await put(s.managerA!, url).send(body({ unitIds: [A.C1, B.C2] }))).body,
        404,
        'UNIT_NOT_FOUND',
      );
      const edited = await put(s.managerA!, url)
        .send(
          body({
            name: { vi: 'Đang chạy (sửa)', en: 'Running (edited)' },
            startsOn: vietnamDate(-1),
            endsOn: vietnamDate(30),
          }),
        )
        .expect(200);
      expect(edited.body).toMatchObject({ name: { vi: 'Đang chạy (sửa)' }, phase: 'running' });
    });

    it('refuses to close before the end, and refuses other provinces and readers', async () => {
      expectErrorShape(
        (await s.managerA!.post(`/api/campaigns/${running}/close`)).body,
        409,
        'CAMPAIGN_NOT_ENDED',
      );
      expectErrorShape(
        (await s.managerB!.post(`/api/campaigns/${ended}/close`)).body,
        404,
        'CAMPAIGN_NOT_FOUND',
      );
      expectErrorShape((await s.viewerA!.post(`/api/campaigns/${ended}/close`)).body, 403, 'FORBIDDEN');
      expectErrorShape((await s.learnerA1!.post(`/api/campaigns/${ended}/close`)).body, 403, 'FORBIDDEN');
      const [{ closed }] = await db.query(
        `SELECT closed_at IS NOT NULL AS closed FROM campaigns WHERE id = $1`,
        [running],
      );
      expect(closed).toBe(false);
    });

    it('closes once under 50 parallel closes: one set of awards, one badge request per person', async () => {
      const answers = await Promise.all(
        Array.from({ length: 50 }, () => s.managerA!.post(`/api/campaigns/${ended}/close`)),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((x) => x === 201)).toHaveLength(1);
      expect(statuses.filter((x) => x === 200)).toHaveLength(49);
      for (const r of answers)
        expect(r.body).toMatchObject({
          campaignId: ended,
          units: [{ unitId: A.C1, rank: 1, points: 39, signatureValid: true }],
          people: [{ rank: 1, guided: 2 }],
        });
      const awards = await db.query(
        `SELECT kind, count(*)::int AS n FROM campaign_awards WHERE campaign_id = $1 GROUP BY kind ORDER BY kind`,
        [ended],
      );
      expect(awards).toEqual([
        { kind: 'person', n: 1 },
        { kind: 'unit', n: 1 },
      ]);
      const requests = await db.query(
        `SELECT count(*)::int AS n FROM certificate_requests WHERE user_id = $1 AND achievement_id = $2`,
        [ambassador, `campaign-${ended}`],
      );
      expect(requests[0].n).toBe(1);
      // Closed: it can no longer change.
      expectErrorShape(
        (await put(s.managerA!, `/api/campaigns/${ended}`).send(body())).body,
        409,
        'CAMPAIGN_CLOSED',
      );
      expect((await s.learnerA1!.agent.get(`/api/campaigns/${ended}`).expect(200)).body.phase).toBe('closed');
    });

    it('issues the person’s award as an Open Badges 3.0 achievement named after the campaign', async () => {
      const [req] = await db.query(
        `SELECT id FROM certificate_requests WHERE user_id = $1 AND achievement_id = $2`,
        [ambassador, `campaign-${ended}`],
      );
      const deps = {
        db,
        storage: new LocalDiskStorage(process.env.STORAGE_DIR!),
        settings: {
          publicUrl: 'http://localhost:3000',
          keySecret: process.env.ISSUER_KEY_SECRET!,
          name: { vi: 'Học vụ số', en: 'Học vụ số' },
        },
      };
      expect(await issueCertificate(deps, req.id)).toBe('done');
      expect(await issueCertificate(deps, req.id)).toBe('skipped');
      const awards = await s.learnerA1!.agent.get(`/api/campaigns/${ended}/awards`).expect(200);
      const certificateId = awards.body.people[0].certificateId;
      expect(certificateId).toEqual(expect.any(String));
      const vc = await request(t.http).get(`/api/credentials/${certificateId}`).expect(200);
      expect(obSchemaErrors(vc.body)).toEqual([]);
      expect(vc.body.credentialSubject.achievement).toMatchObject({
        id: `http://localhost:3000/achievements/campaign-${ended}`,
        name: 'Cá nhân tiêu biểu: Thi đua học tập số'.normalize('NFC'),
      });
      const verified = await request(t.http).get(`/api/credentials/${certificateId}/verify`).expect(200);
      expect(verified.body.verdict).toBe('valid');
    });

    it('a tampered unit award no longer verifies', async () => {
      await db.query(
        `UPDATE campaign_awards SET standing = jsonb_set(standing, '{record}', to_jsonb(replace(standing->>'record', '"rank":1', '"rank":2'))) WHERE campaign_id = $1 AND kind = 'unit'`,
        [ended],
      );
      const res = await s.managerA!.agent.get(`/api/campaigns/${ended}/awards`).expect(200);
      expect(res.body.units[0].signatureValid).toBe(false);
    });
  });
});
