import { randomBytes } from 'node:crypto';
import { addDays, vietnamDate } from '@hocvuso/domain';
import { outboxSmsByKeyPrefix, queryAudit } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { e164, importArea, uniquePhone } from './support/area-world';
import {
  browser,
  type Browser,
  expectErrorShape,
  PASSWORD,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/**
 * Mandates edited, extended and cancelled (audited, versioned), their progress and place in the admin list,
 * the notices to the people assigned (inbox, e-mail, SMS to phone-only people) and the learner's days left.
 */
describe('mandates: edit, extend, cancel, progress, place, notices, days left', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  let admin: Browser & { id: string };
  let mailLearner: Awaited<ReturnType<typeof signedUpLearner>>;
  let phoneLearner: Browser & { id: string; phone: string };
  let elsewhere: Awaited<ReturnType<typeof signedUpLearner>>;
  let area: { P: string; C1: string; C2: string };
  const tag = `MC${randomBytes(3).toString('hex').toUpperCase()}`;
  const today = vietnamDate(new Date());

  const create = async (b: Browser, body: Record<string, unknown>) =>
    (
      await b
        .post('/api/admin/mandates')
        .send({ courseIds: ['online-scams'], unitId: area.C1, ...body })
        .expect(201)
    ).body as { id: string; version: number; notices: { notified: number; mailed: number; texted: number } };

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http, 'system-admin');
    area = await importArea(system, db, tag, { province: 'Tỉnh Giao Việc' });
    const a = await signedUpLearner(t.http, 'Cán Bộ Xã Một');
    await system
      .post('/api/admin/role-grants')
      .send({ userId: a.id, role: 'unit_admin', unitId: area.C1 })
      .expect(201);
    admin = a;
    mailLearner = await signedUpLearner(t.http, 'Người Có Thư');
    await placeLearner(mailLearner, area.C1);
    const b = await browser(t.http);
    const phone = uniquePhone();
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: 'Người Chỉ Có Điện Thoại', identifier: phone, password: PASSWORD })
      .expect(201);
    phoneLearner = { ...b, id: res.body.id as string, phone };
    // A sign-up's number is texted only once confirmed (docs/sms.md): the code from its SMS confirms it.
    const [sent] = (await db.query(`SELECT text FROM sms_outbox WHERE to_number = $1`, [e164(phone)])) as [
      { text: string },
    ];
    const code = /\b(\d{6})\b/.exec(sent.text)![1];
    await b.post('/api/auth/phone-verification/confirm').send({ code }).expect(200);
    await placeLearner(phoneLearner, area.C1);
    elsewhere = await signedUpLearner(t.http, 'Người Xã Hai');
    await placeLearner(elsewhere, area.C2);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('create tells everyone assigned at once: inbox, e-mail to those with an address, SMS to the phone-only person', async () => {
    const m = await create(admin, { title: `Thông báo ${tag}`, dueOn: addDays(today, 10) });
    expect(m.notices).toEqual({ notified: 2, mailed: 1, texted: 1 });
    const inbox = (await mailLearner.agent.get('/api/me/notifications?lang=vi').expect(200)).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'mandate', link: '/me/learning' });
    expect(JSON.stringify(inbox.items[0])).toContain(`Thông báo ${tag}`);
    const mails = await db.query(
      `SELECT to_address, subject, text FROM mail_outbox WHERE dedupe_key LIKE $1`,
      [`mandate:${m.id}:%`],
    );
    expect(mails).toEqual([
      expect.objectContaining({ to_address: mailLearner.email, subject: 'Bạn có khóa học bắt buộc mới' }),
    ]);
    const sms = await outboxSmsByKeyPrefix(db, `mandate:${m.id}:`);
    expect(sms).toEqual([
      expect.objectContaining({
        to_number: e164(phoneLearner.phone),
        user_id: phoneLearner.id,
        status: 'queued',
      }),
    ]);
    expect(sms[0]!.text).toContain(`“Thông báo ${tag}”`);
    expect(sms[0]!.text).toContain(
      `${addDays(today, 10).slice(8)}/${addDays(today, 10).slice(5, 7)}/${addDays(today, 10).slice(0, 4)}`,
    );
    // The learner elsewhere heard nothing.
    const theirs = (await elsewhere.agent.get('/api/me/notifications?lang=vi').expect(200)).body;
    expect(JSON.stringify(theirs)).not.toContain(tag);
  });

  it('the learner sees “days left” on the Vietnam calendar; overdue plainly', async () => {
    const soon = await create(admin, { title: `Còn ba ngày ${tag}`, dueOn: addDays(today, 3) });
    const late = await create(system, { title: `Quá hạn ${tag}`, dueOn: addDays(today, -2) });
    const mine = (await mailLearner.agent.get('/api/me/mandates').expect(200)).body.items as Array<{
      id: string;
      daysLeft: number;
      status: string;
    }>;
    expect(mine.find((m) => m.id === soon.id)).toMatchObject({ daysLeft: 3, status: 'not_started' });
    expect(mine.find((m) => m.id === late.id)).toMatchObject({ daysLeft: -2, status: 'overdue' });
  });

  it('the list shows progress, filters, sorts and pages; the place endpoint says "n / total"', async () => {
    const q = `Xếp hạng ${tag}`;
    const ids: string[] = [];
    for (const d of [30, 10, 20])
      ids.push((await create(admin, { title: `${q} ${d}`, dueOn: addDays(today, d) })).id);
    await mailLearner
      .post('/api/courses/online-scams/enrol')
      .expect((r) => expect([200, 201]).toContain(r.status));
    const list = (
      await admin.agent.get(`/api/admin/mandates?q=${encodeURIComponent(q)}&sort=dueOn`).expect(200)
    ).body;
    expect(list.total).toBe(3);
    expect(list.items.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(list.items[0].progress).toEqual({ assigned: 2, completed: 0, overdue: 0 });
    const paged = (
      await admin.agent
        .get(`/api/admin/mandates?q=${encodeURIComponent(q)}&sort=title&order=desc&pageSize=2&page=2`)
        .expect(200)
    ).body;
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(paged.items.map((m: { id: string }) => m.id)).toEqual([ids[1]]); // "… 10" is last by title, descending
    const place = (
      await admin.agent
        .get(`/api/admin/mandates/${ids[2]}/place?q=${encodeURIComponent(q)}&sort=dueOn`)
        .expect(200)
    ).body;
    expect(place).toEqual({ position: 2, total: 3, previousId: ids[1], nextId: ids[0] });
    // Hand-edited query strings fall back to the defaults rather than failing; wildcards are literal.
    await admin.agent
      .get('/api/admin/mandates?sort=DROP%20TABLE&order=sideways&page=-4&pageSize=99999')
      .expect(200);
    expect((await admin.agent.get(`/api/admin/mandates?q=%25`).expect(200)).body.total).toBe(0);
    // A mandate of another area is not in an admin's list, and its place is a 404.
    const other = await create(system, { title: `Xã Hai ${tag}`, unitId: area.C2, dueOn: addDays(today, 5) });
    await admin.agent.get(`/api/admin/mandates/${other.id}/place`).expect(404);
  });

  it('edit: within the rules, versioned, audited with the reason; refusals change nothing', async () => {
    const m = await create(admin, { title: `Sửa ${tag}`, dueOn: addDays(today, 20) });
    const patch = (body: Record<string, unknown>, b: Browser = admin) =>
      b.agent.patch(`/api/admin/mandates/${m.id}`).set('x-csrf-token', b.csrf).send(body);
    // Before anyone started: anything within the scope may change.
    const edited = (
      await patch({
        version: 1,
        reason: 'Thêm mô tả',
        description: 'Dòng một\nDòng hai',
        title: `Sửa lại ${tag}`,
      }).expect(200)
    ).body;
    expect(edited).toMatchObject({ version: 2, description: 'Dòng một\nDòng hai', title: `Sửa lại ${tag}` });
    expect(edited.notices).toBeUndefined(); // the title is not news to the learners
    expectErrorShape(
      (await patch({ version: 1, reason: 'bản cũ', title: 'Cũ quá' }).expect(409)).body,
      409,
      'MANDATE_VERSION_STALE',
    );
    await phoneLearner
      .post('/api/courses/online-scams/enrol')
      .expect((r) => expect([200, 201]).toContain(r.status));
    // Now people started: add a course yes, remove one no, shorten no.
    const added = (
      await patch({
        version: 2,
        reason: 'Thêm khóa',
        courseIds: ['online-scams', 'smartphone-basics'],
      }).expect(200)
    ).body;
    expect(added).toMatchObject({ version: 3, courseIds: ['online-scams', 'smartphone-basics'] });
    expect(added.notices).toEqual({ notified: 2, mailed: 1, texted: 1 });
    expectErrorShape(
      (await patch({ version: 3, reason: 'Bớt khóa', courseIds: ['smartphone-basics'] }).expect(409)).body,
      409,
      'MANDATE_COURSE_REMOVAL_AFTER_START',
    );
    expectErrorShape(
      (await patch({ version: 3, reason: 'Rút ngắn', dueOn: addDays(today, 5) }).expect(409)).body,
      409,
      'MANDATE_DEADLINE_SHORTENED',
    );
    expectErrorShape(
      (await patch({ version: 3, reason: 'Quá khứ', dueOn: addDays(today, -1) }).expect(400)).body,
      400,
      'MANDATE_DUE_IN_PAST',
    );
    expectErrorShape(
      (await patch({ version: 3, reason: 'Không đổi' }).expect(400)).body,
      400,
      'MANDATE_NO_CHANGE',
    );
    // Hostile bodies: NUL, zero-width, RTL override, huge text, a scope change, a forged version, no reason.
    for (const body of [
      { version: 3, reason: 'x\u0000y', title: 'Tiêu đề' },
      { version: 3, reason: 'Lý do', title: 'Tiêu\u200Bđề' },
      { version: 3, reason: 'Lý do', title: 'abc\u202Edef' },
      { version: 3, reason: 'Lý do', description: 'x'.repeat(100_000) },
      { version: 3, reason: 'Lý do', unitId: area.C2 },
      { version: '3', reason: 'Lý do', title: 'Chuỗi' },
      { version: 3, title: 'Không lý do' },
      { version: 3, reason: 'Lý do', courseIds: ['../../etc'] },
      { version: 3, reason: 'Lý do', courseIds: ['khong-ton-tai'] },
    ])
      expectErrorShape((await patch(body).expect(400)).body, 400);
    expect((await admin.agent.get(`/api/admin/mandates/${m.id}`).expect(200)).body).toMatchObject({
      version: 3,
    });
    const audit = await queryAudit(
      db,
      { global: true, unitPaths: [], organisationIds: [] },
      { subjectId: m.id, limit: 10 },
    );
    expect(audit.map((a) => [a.action, a.reason])).toEqual([
      ['mandate.edit', 'Thêm khóa'],
      ['mandate.edit', 'Thêm mô tả'],
      ['mandate.create', null],
    ]);
  });

  it('ids out of scope, forged ids and people without the capability get 404 / 403', async () => {
    const theirs = await create(system, {
      title: `Của xã hai ${tag}`,
      unitId: area.C2,
      dueOn: addDays(today, 9),
    });
    const body = { version: 1, reason: 'Thử', dueOn: addDays(today, 40) };
    expectErrorShape(
      (await admin.post(`/api/admin/mandates/${theirs.id}/extend`).send(body).expect(404)).body,
      404,
      'MANDATE_NOT_FOUND',
    );
    await admin
      .post(`/api/admin/mandates/${theirs.id}/cancel`)
      .send({ version: 1, reason: 'Thử' })
      .expect(404);
    await admin.agent
      .patch(`/api/admin/mandates/${theirs.id}`)
      .set('x-csrf-token', admin.csrf)
      .send({ version: 1, reason: 'x y', title: 'Chiếm' })
      .expect(404);
    await admin.post('/api/admin/mandates/not-a-uuid/extend').send(body).expect(404);
    await admin
      .post('/api/admin/mandates/00000000-0000-4000-8000-000000000000/cancel')
      .send({ version: 1, reason: 'Thử' })
      .expect(404);
    expectErrorShape(
      (
        await mailLearner
          .post(`/api/admin/mandates/${theirs.id}/cancel`)
          .send({ version: 1, reason: 'Thử' })
          .expect(403)
      ).body,
      403,
    );
    expect((await system.agent.get(`/api/admin/mandates/${theirs.id}`).expect(200)).body.version).toBe(1);
  });

  it('50 parallel extends from one version: exactly one wins, the rest 409, one audit entry, one SMS', async () => {
    const m = await create(admin, { title: `Gia hạn ${tag}`, dueOn: addDays(today, 7) });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        admin
          .post(`/api/admin/mandates/${m.id}/extend`)
          .send({ version: 1, reason: `Gia hạn ${i}`, dueOn: addDays(today, 14 + i) }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const now = (await admin.agent.get(`/api/admin/mandates/${m.id}`).expect(200)).body;
    expect(now.version).toBe(2);
    const audit = await queryAudit(
      db,
      { global: true, unitPaths: [], organisationIds: [] },
      { subjectId: m.id, action: 'mandate.extend', limit: 100 },
    );
    expect(audit).toHaveLength(1);
    const sms = await outboxSmsByKeyPrefix(db, `mandate:${m.id}:`);
    expect(sms.map((s) => s.dedupe_key).sort()).toEqual([
      `mandate:${m.id}:v1:${phoneLearner.id}`,
      `mandate:${m.id}:v2:${phoneLearner.id}`,
    ]);
    expect(sms.find((s) => s.dedupe_key.includes(':v2:'))!.text).toContain('gia hạn');
    // Not later: refused.
    expectErrorShape(
      (
        await admin
          .post(`/api/admin/mandates/${m.id}/extend`)
          .send({ version: 2, reason: 'Lùi', dueOn: addDays(today, 8) })
          .expect(400)
      ).body,
      400,
      'MANDATE_EXTEND_NOT_LATER',
    );
  });

  it('cancel: learners no longer see it as due, compliance keeps the history, it changes no more', async () => {
    const m = await create(admin, { title: `Hủy ${tag}`, dueOn: addDays(today, 12) });
    const cancelled = (
      await admin
        .post(`/api/admin/mandates/${m.id}/cancel`)
        .send({ version: 1, reason: 'Trùng kế hoạch' })
        .expect(200)
    ).body;
    expect(cancelled).toMatchObject({
      status: 'cancelled',
      version: 2,
      notices: { notified: 2, mailed: 1, texted: 1 },
    });
    expect(cancelled.cancelledAt).toEqual(expect.any(String));
    const mine = (await mailLearner.agent.get('/api/me/mandates').expect(200)).body.items as Array<{
      id: string;
    }>;
    expect(mine.map((x) => x.id)).not.toContain(m.id);
    const report = (await admin.agent.get(`/api/admin/mandates/${m.id}/compliance`).expect(200)).body;
    expect(report.mandate.status).toBe('cancelled');
    expect(report.counts.assigned).toBe(2);
    expectErrorShape(
      (
        await admin
          .post(`/api/admin/mandates/${m.id}/cancel`)
          .send({ version: 2, reason: 'Lần nữa' })
          .expect(409)
      ).body,
      409,
      'MANDATE_CANCELLED',
    );
    expectErrorShape(
      (
        await admin
          .post(`/api/admin/mandates/${m.id}/extend`)
          .send({ version: 2, reason: 'Gia hạn', dueOn: addDays(today, 60) })
          .expect(409)
      ).body,
      409,
      'MANDATE_CANCELLED',
    );
    const lists = async (status: string) =>
      (
        (
          await admin.agent
            .get(`/api/admin/mandates?status=${status}&q=${encodeURIComponent(`Hủy ${tag}`)}`)
            .expect(200)
        ).body.items as Array<{ id: string }>
      ).map((x) => x.id);
    expect(await lists('active')).toEqual([]);
    expect(await lists('cancelled')).toEqual([m.id]);
    expect(await lists('all')).toEqual([m.id]);
  });
});
