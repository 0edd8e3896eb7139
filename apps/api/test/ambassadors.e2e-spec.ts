import { randomBytes, randomUUID } from 'node:crypto';
import { issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { importArea, staffMember } from './support/area-world';
import { completeCourse, doLesson, outline } from './support/learning-world';
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

/** The global requirement seeded by the migration. */
const REQUIRED = 'online-scams';
/** A short course the mentees complete. */
const MENTEE_COURSE = 'vneid-digital-identity';
const ACHIEVEMENT = 'digital-ambassador-guided-5';

const settings = () => ({
  publicUrl: 'http://localhost:3000',
  keySecret: process.env.ISSUER_KEY_SECRET!,
  name: { vi: 'Học vụ số', en: 'Học vụ số' },
});

describe('digital ambassadors', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  let area: { P: string; C1: string; C2: string };
  const admins: Record<'c1' | 'c2', Signed> = {} as never;

  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000' });
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    area = await importArea(system, db, tag, { province: 'Tỉnh Đại Sứ' });
    for (const key of ['c1', 'c2'] as const) {
      const unitId = key === 'c1' ? area.C1 : area.C2;
      admins[key] = await staffMember(t.http, system, `Quản trị ${key}`, 'unit_admin', { unitId }, unitId);
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  const deps = () => ({ db, storage: new LocalDiskStorage(process.env.STORAGE_DIR!), settings: settings() });

  /** A learner of commune 1 (or 2). */
  async function learner(name: string, unit: 'C1' | 'C2' = 'C1'): Promise<Signed> {
    const l = await signedUpLearner(t.http, name);
    await placeLearner(l, area[unit]);
    return l;
  }

  /**
   * An ambassador named by the commune's administrator after completing the required course (for tests that are
   * not about becoming one). The generic role grant refuses the ambassador role: see "no side door" below.
   */
  async function grantedAmbassador(name: string): Promise<Signed> {
    const a = await learner(name);
    await completeCourse(t, db, REQUIRED, { learner: a });
    await admins.c1.post('/api/admin/ambassadors').send({ userId: a.id }).expect(201);
    return a;
  }

  const invite = (a: Browser) => a.post('/api/ambassador/invitations').send({});
  const accept = (m: Browser, token: string) => m.post('/api/mentor-invitations/accept').send({ token });

  async function mentee(a: Browser, name: string): Promise<Signed & { mentorshipId: string }> {
    const m = await learner(name);
    const link = (await invite(a).expect(201)).body;
    const res = await accept(m, link.token).expect(201);
    return { ...m, mentorshipId: res.body.id };
  }

  it('no side door: the generic role grant refuses the ambassador role, even to a system administrator', async () => {
    const cand = await learner('Lê Văn Cửa Sau');
    for (const granter of [system, admins.c1])
      expect(
        (
          await granter
            .post('/api/admin/role-grants')
            .send({ userId: cand.id, role: 'ambassador', unitId: area.C1, organisationId: null })
            .expect(403)
        ).body,
      ).toMatchObject({ code: 'ROLE_GRANT_REFUSED', details: { reason: 'AMBASSADOR_ROUTE' } });
    expect((await cand.agent.get('/api/me/ambassador').expect(200)).body.standing).toBe('not_eligible');
    const grants = await db.query(
      `SELECT role FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL AND role <> 'learner'`,
      [cand.id],
    );
    expect(grants).toEqual([]);
  });

  it('becoming one: required courses, self-nomination, approval only by an administrator of the area', async () => {
    const cand = await learner('Trần Thị Đại Sứ');
    const before = await cand.agent.get('/api/me/ambassador').expect(200);
    expect(before.body).toMatchObject({
      standing: 'not_eligible',
      guided: 0,
      goal: 5,
      badge: null,
      placed: true,
    });
    expect(before.body.requirements).toEqual([
      expect.objectContaining({ courseId: REQUIRED, completed: false }),
    ]);
    expectErrorShape(
      (await cand.post('/api/ambassador/nominations').send({}).expect(403)).body,
      403,
      'AMBASSADOR_NOT_ELIGIBLE',
    );
    // an administrator cannot name someone who has not completed the required courses either
    expectErrorShape(
      (await admins.c1.post('/api/admin/ambassadors').send({ userId: cand.id }).expect(403)).body,
      403,
      'AMBASSADOR_NOT_ELIGIBLE',
    );

    await completeCourse(t, db, REQUIRED, { learner: cand });
    expect((await cand.agent.get('/api/me/ambassador').expect(200)).body.standing).toBe('eligible');
    const nomination = (await cand.post('/api/ambassador/nominations').send({}).expect(201)).body;
    expect(nomination).toMatchObject({ status: 'pending', userId: cand.id, unit: { id: area.C1 } });
    expectErrorShape(
      (await cand.post('/api/ambassador/nominations').send({}).expect(409)).body,
      409,
      'AMBASSADOR_NOMINATION_PENDING',
    );
    expect((await cand.agent.get('/api/me/ambassador').expect(200)).body.standing).toBe('nominated');

    // a learner holds no approval capability; the other commune's administrator does not see or reach it
    await cand.agent.get('/api/admin/ambassador-nominations').expect(403);
    await cand.post(`/api/admin/ambassador-nominations/${nomination.id}/approve`).send({}).expect(403);
    const other = await admins.c2.agent.get('/api/admin/ambassador-nominations').expect(200);
    expect(other.body.items.map((n: { id: string }) => n.id)).not.toContain(nomination.id);
    for (const id of [nomination.id, randomUUID(), 'not-a-uuid'])
      expectErrorShape(
        (await admins.c2.post(`/api/admin/ambassador-nominations/${id}/approve`).send({}).expect(404)).body,
        404,
        'NOMINATION_NOT_FOUND',
      );
    expectErrorShape(
      (await admins.c2.post('/api/admin/ambassadors').send({ userId: cand.id }).expect(404)).body,
      404,
      'LEARNER_NOT_FOUND',
    );

    const mine = await admins.c1.agent.get('/api/admin/ambassador-nominations').expect(200);
    expect(mine.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: nomination.id, displayName: 'Trần Thị Đại Sứ' }),
      ]),
    );
    const approved = await admins.c1
      .post(`/api/admin/ambassador-nominations/${nomination.id}/approve`)
      .send({});
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    // answered once: a second answer finds nothing pending
    await admins.c1.post(`/api/admin/ambassador-nominations/${nomination.id}/decline`).send({}).expect(404);
    expect((await cand.agent.get('/api/me/ambassador').expect(200)).body.standing).toBe('active');
    // Every account also holds its learner grant: the ambassador grant is the one added, scoped to their unit.
    const grants = await db.query(
      `SELECT role, unit_id FROM role_grants WHERE user_id = $1 AND revoked_at IS NULL AND role <> 'learner'`,
      [cand.id],
    );
    expect(grants).toEqual([{ role: 'ambassador', unit_id: area.C1 }]);
    expectErrorShape(
      (await cand.post('/api/ambassador/nominations').send({}).expect(409)).body,
      409,
      'AMBASSADOR_ALREADY',
    );
  }, 180_000);

  it('invitation links: signed, single use, never oneself, one mentorship per pair, ended by the mentee', async () => {
    const a = await grantedAmbassador('Lê Văn Dẫn');
    const other = await grantedAmbassador('Phạm Thị Khác');
    const plain = await learner('Người Học Thường');
    await invite(plain).expect(403);
    await plain.agent.get('/api/ambassador/mentees').expect(403);

    const link = (await invite(a).expect(201)).body;
    expect(link.url).toBe(`http://localhost:3000/dai-su-so/loi-moi#${link.token}`);
    expect(new Date(link.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);

    // the ambassador cannot accept their own link
    expectErrorShape((await accept(a, link.token).expect(400)).body, 400, 'MENTOR_SELF');
    // forged and altered tokens
    const [body, sig] = link.token.split('.');
    const forged = [
      `${body}.${sig.slice(0, -2)}xx`,
      `${Buffer.from(JSON.stringify({ k: 'mentor', i: randomUUID(), e: 9_999_999_999 })).toString('base64url')}.${sig}`,
      'not-a-token',
      `${body}.${sig}.${sig}`,
    ];
    for (const token of forged)
      expectErrorShape((await accept(plain, token).expect(404)).body, 404, 'INVITATION_NOT_FOUND');
    // huge, NUL, zero-width and RTL-override bodies are refused by the contract, nothing changes
    for (const token of [
      'x'.repeat(10_000),
      `${link.token}\u0000`,
      `\u200b${link.token}`,
      `\u202e${link.token}`,
    ])
      expect([400, 404]).toContain((await accept(plain, token)).status);

    const m1 = await learner('Nguyễn Thị Một');
    const preview = await m1.post('/api/mentor-invitations/preview').send({ token: link.token }).expect(200);
    expect(preview.body).toEqual({ ambassadorName: 'Lê Văn Dẫn', expiresAt: link.expiresAt });
    const accepted = await accept(m1, link.token).expect(201);
    expect(accepted.body).toMatchObject({ ambassadorName: 'Lê Văn Dẫn', endedAt: null });
    // the same link by a second person
    const m2 = await learner('Đỗ Văn Hai');
    expectErrorShape((await accept(m2, link.token).expect(410)).body, 410, 'INVITATION_USED');
    // the same person through a second link of the same ambassador: still one mentorship, the link stays unused
    const second = (await invite(a).expect(201)).body;
    expectErrorShape((await accept(m1, second.token).expect(409)).body, 409, 'MENTORSHIP_EXISTS');
    // another ambassador's link while one is in force
    const otherLink = (await invite(other).expect(201)).body;
    expectErrorShape((await accept(m1, otherLink.token).expect(409)).body, 409, 'MENTEE_HAS_AMBASSADOR');
    await accept(m2, second.token).expect(201);
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM mentorships WHERE ambassador_id = $1`,
      [a.id],
    );
    expect(count).toBe(2);

    // an expired link
    const old = (await invite(a).expect(201)).body;
    await db.query(`UPDATE mentor_invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [
      old.id,
    ]);
    expectErrorShape(
      (await accept(await learner('Ba Trễ'), old.token).expect(410)).body,
      410,
      'INVITATION_EXPIRED',
    );

    // 20 people accepting one link at once: exactly one wins
    const race = (await invite(a).expect(201)).body;
    const racers = await Promise.all([...Array(20).keys()].map((i) => learner(`Người Đua ${i}`)));
    const statuses = await Promise.all(racers.map((r) => accept(r, race.token).then((res) => res.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 410)).toBe(true);

    // the ambassador sees the name and course progress of a mentee in force, nothing else
    await m1.post(`/api/courses/${MENTEE_COURSE}/enrol`).send({}).expect(201);
    const [first] = await outline(t, MENTEE_COURSE);
    await doLesson(db, m1, first!);
    const mentees = await a.agent.get('/api/ambassador/mentees').expect(200);
    const seen = mentees.body.items.find((x: { displayName: string }) => x.displayName === 'Nguyễn Thị Một');
    expect(Object.keys(seen).sort()).toEqual([
      'acceptedAt',
      'courses',
      'displayName',
      'guided',
      'mentorshipId',
    ]);
    expect(seen.courses).toEqual([
      {
        courseId: MENTEE_COURSE,
        title: expect.any(String),
        progressPercent: expect.any(Number),
        completed: false,
      },
    ]);
    expect(seen.courses[0].progressPercent).toBeGreaterThan(0);
    expect(JSON.stringify(mentees.body)).not.toMatch(/@example\.com|\+84|answers|email|phone/);
    // another ambassador does not see them
    const others = await other.agent.get('/api/ambassador/mentees').expect(200);
    expect(others.body.items).toEqual([]);

    // ending: only by the mentee, only their own
    for (const [who, id] of [
      [m2, accepted.body.id],
      [a, accepted.body.id],
      [m1, randomUUID()],
      [m1, 'nope'],
    ] as const)
      expectErrorShape(
        (await who.post(`/api/me/mentorships/${id}/end`).send({}).expect(404)).body,
        404,
        'MENTORSHIP_NOT_FOUND',
      );
    await m1.post(`/api/me/mentorships/${accepted.body.id}/end`).send({}).expect(200);
    await m1.post(`/api/me/mentorships/${accepted.body.id}/end`).send({}).expect(404);
    const after = await a.agent.get('/api/ambassador/mentees').expect(200);
    expect(after.body.items.map((x: { displayName: string }) => x.displayName)).not.toContain(
      'Nguyễn Thị Một',
    );
    const mine = await m1.agent.get('/api/me/mentorships').expect(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({ id: accepted.body.id, endedAt: expect.any(String) }),
    ]);
    // once ended it cannot be restarted by the ambassador's next link
    const again = (await invite(a).expect(201)).body;
    expectErrorShape((await accept(m1, again.token).expect(409)).body, 409, 'MENTORSHIP_EXISTS');
  }, 180_000);

  it('caps: 20 links a day and 30 open at once, under 50 parallel requests', async () => {
    const a = await grantedAmbassador('Võ Văn Mời');
    const statuses = await Promise.all([...Array(50).keys()].map(() => invite(a).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const refused = await invite(a).expect(429);
    expectErrorShape(refused.body, 429, 'MENTOR_INVITATION_DAILY_LIMIT');
    // the next day (the links moved back one day): 10 more, then the open cap
    await db.query(
      `UPDATE mentor_invitations SET created_at = created_at - interval '1 day' WHERE ambassador_id = $1`,
      [a.id],
    );
    for (let i = 0; i < 10; i++) await invite(a).expect(201);
    expectErrorShape((await invite(a).expect(429)).body, 429, 'MENTOR_INVITATION_OPEN_LIMIT');
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM mentor_invitations WHERE ambassador_id = $1`,
      [a.id],
    );
    expect(count).toBe(30);
  }, 60_000);

  it('five mentees guided to completion earn one verifiable badge; earlier or repeated completions do not count', async () => {
    const a = await grantedAmbassador('Hoàng Thị Năm');
    // completed before accepting: does not count
    const early = await learner('Người Xong Trước');
    await completeCourse(t, db, MENTEE_COURSE, { learner: early });
    await accept(early, (await invite(a).expect(201)).body.token).expect(201);
    // one mentee completes two courses: counts once
    const twice = await mentee(a, 'Người Hai Khóa');
    await completeCourse(t, db, MENTEE_COURSE, { learner: twice });
    await completeCourse(t, db, 'online-health', { learner: twice });
    const others = [];
    for (const name of ['Người Ba', 'Người Bốn', 'Người Năm']) others.push(await mentee(a, name));
    for (const m of others) await completeCourse(t, db, MENTEE_COURSE, { learner: m });
    let page = (await a.agent.get('/api/me/ambassador').expect(200)).body;
    expect(page).toMatchObject({ standing: 'active', guided: 4, goal: 5, badge: null });
    const noBadge = await db.query(
      `SELECT id FROM certificate_requests WHERE user_id = $1 AND achievement_id = $2`,
      [a.id, ACHIEVEMENT],
    );
    expect(noBadge).toEqual([]);

    const fifth = await mentee(a, 'Người Thứ Năm');
    await completeCourse(t, db, MENTEE_COURSE, { learner: fifth });
    const requests = await db.query(
      `SELECT id FROM certificate_requests WHERE user_id = $1 AND achievement_id = $2`,
      [a.id, ACHIEVEMENT],
    );
    expect(requests).toHaveLength(1);
    page = (await a.agent.get('/api/me/ambassador').expect(200)).body;
    expect(page).toMatchObject({ guided: 5, badge: { status: 'issuing', verifyUrl: null } });
    const mentees = (await a.agent.get('/api/ambassador/mentees').expect(200)).body.items;
    expect(mentees.filter((m: { guided: boolean }) => m.guided)).toHaveLength(5);

    // the worker's issuance (the same pipeline as course certificates), run twice: one certificate
    expect(await issueCertificate(deps(), requests[0].id)).toBe('done');
    expect(await issueCertificate(deps(), requests[0].id)).toBe('skipped');
    page = (await a.agent.get('/api/me/ambassador').expect(200)).body;
    expect(page.badge).toMatchObject({ status: 'valid', certificateId: expect.any(String) });
    expect(page.badge.verifyUrl).toBe(`http://localhost:3000/verify/${page.badge.certificateId}`);
    const vc = await request(t.http).get(`/api/credentials/${page.badge.certificateId}`).expect(200);
    expect(obSchemaErrors(vc.body)).toEqual([]);
    expect(vc.body.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.body.credentialSubject.achievement).toMatchObject({
      id: `http://localhost:3000/achievements/${ACHIEVEMENT}`,
      name: 'Đại sứ số: dẫn dắt 5 người hoàn thành khóa học',
    });
    expect(JSON.stringify(vc.body)).not.toMatch(/@example\.com|\+84/);
    const verified = await request(t.http)
      .get(`/api/credentials/${page.badge.certificateId}/verify`)
      .expect(200);
    expect(verified.body.verdict).toBe('valid');
    const html = await request(t.http).get(`/verify/${page.badge.certificateId}`).set('accept', 'text/html');
    expect(html.status).toBe(200);
    expect(html.text).toContain('Đại sứ số');
    // a sixth completion changes nothing
    const sixth = await mentee(a, 'Người Thứ Sáu');
    await completeCourse(t, db, MENTEE_COURSE, { learner: sixth });
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM certificates WHERE user_id = $1 AND achievement_id = $2`,
      [a.id, ACHIEVEMENT],
    );
    expect(count).toBe(1);
  }, 300_000);

  it('50 mentees completing at once: exactly one badge request and one certificate', async () => {
    const a = await grantedAmbassador('Đinh Văn Năm Mươi');
    const mentees: Signed[] = [];
    for (let batch = 0; batch < 5; batch++) {
      // ten a day: the earlier links moved back a day (the daily cap is tested above)
      await db.query(
        `UPDATE mentor_invitations SET created_at = created_at - interval '1 day' WHERE ambassador_id = $1`,
        [a.id],
      );
      mentees.push(
        ...(await Promise.all([...Array(10).keys()].map((i) => mentee(a, `Người ${batch}-${i}`)))),
      );
    }
    await Promise.all(
      mentees.map((m) => completeCourse(t, db, MENTEE_COURSE, { learner: m, skipLast: true })),
    );
    const lessons = await outline(t, MENTEE_COURSE);
    await Promise.all(mentees.map((m) => doLesson(db, m, lessons[lessons.length - 1]!)));
    const requests = await db.query(
      `SELECT id FROM certificate_requests WHERE user_id = $1 AND achievement_id = $2`,
      [a.id, ACHIEVEMENT],
    );
    expect(requests).toHaveLength(1);
    // ten workers at once on the same request (a retry, a sweep): still one certificate
    await Promise.allSettled([...Array(10).keys()].map(() => issueCertificate(deps(), requests[0].id)));
    await issueCertificate(deps(), requests[0].id);
    const certs = await db.query(
      `SELECT id FROM certificates WHERE user_id = $1 AND achievement_id = $2 AND issued_at IS NOT NULL`,
      [a.id, ACHIEVEMENT],
    );
    expect(certs).toHaveLength(1);
    expect((await a.agent.get('/api/me/ambassador').expect(200)).body).toMatchObject({
      guided: 50,
      badge: { status: 'valid' },
    });
  }, 300_000);
});
