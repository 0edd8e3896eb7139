import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { type Browser, browser, expectErrorShape, signedUpLearner, startTestApp, type TestApp } from './support/test-app';

describe('bulk enrolment from a roster CSV', () => {
  let t: TestApp;
  let db: DataSource;
  let unitAdmin: Browser;
  const upload = (b: Browser, body: string, query = '?courses=online-scams,vneid-digital-identity') =>
    b.post(`/api/admin/rosters${query}`).set('content-type', 'text/csv').send(body);
  const header = 'name,email,phone,organisation_code,unit_code,target_group,sub_groups\n';

  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '262144' });
    db = await openRunDatabase();
    unitAdmin = await browser(t.http);
    await unitAdmin.post('/api/auth/sign-in').send({ identifier: 'unit-admin@demo.hocvuso.example', password: 'hocvuso-demo' }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('creates, matches and rejects row by row, enrols everyone placed, and a re-upload changes nothing', async () => {
    const stamp = Date.now();
    const file =
      header +
      [
        `Nguyễn Thị Lan,lan-${stamp}@example.com,,,DEMO01T1,citizens,older-adults`,
        `Trần Văn Nam,,0399${String(stamp).slice(-6)},DEMO-HTX01,,enterprise-workers,small-traders-farmers`,
        `Ngoài Xã,ngoai-${stamp}@example.com,,,DEMO02,citizens,`,
        `Thiếu Liên Lạc,,,,DEMO01,citizens,`,
        `Sai Nhóm,sai-${stamp}@example.com,,,DEMO01,aliens,`,
        `Không Nơi,khong-${stamp}@example.com,,,,citizens,`,
      ].join('\n');
    const first = await upload(unitAdmin, file).expect(200);
    expect(first.body).toMatchObject({ created: 2, matched: 0, rejected: 4 });
    expect(first.body.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
    ]);
    expect(first.body.rows[2].errors[0]).toMatchObject({ field: 'unit_code', message: 'outside the area you administer' });
    expect(first.body.rows[3].errors[0].field).toBe('email');
    expect(first.body.rows[4].errors[0].field).toBe('target_group');
    expect(first.body.rows[5].errors[0].message).toContain('unit_code or organisation_code');
    const lan = first.body.rows[0].userId;
    const enrolled = await db.query(`SELECT course_id FROM enrolments WHERE user_id = $1 ORDER BY course_id`, [lan]);
    expect(enrolled.map((e: { course_id: string }) => e.course_id)).toEqual(['online-scams', 'vneid-digital-identity']);
    const again = await upload(unitAdmin, file).expect(200);
    expect(again.body).toMatchObject({ created: 0, matched: 2, rejected: 4 });
    expect((await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [lan]))[0].n).toBe(2);
    // The admin now sees them in the learner list.
    const list = await unitAdmin.agent.get(`/api/admin/learners?q=${encodeURIComponent('Nguyễn Thị Lan')}`).expect(200);
    expect(list.body.items.map((l: { id: string }) => l.id)).toContain(lan);
  });

  it('refuses unknown courses, missing columns and non-admins', async () => {
    expectErrorShape((await upload(unitAdmin, header + 'A,a@example.com,,,DEMO01,citizens,', '?courses=nope').expect(400)).body, 400, 'COURSE_NOT_FOUND');
    expectErrorShape((await upload(unitAdmin, 'name,email\nA,a@example.com\n').expect(400)).body, 400, 'CSV_COLUMNS_MISSING');
    const l = await signedUpLearner(t.http);
    await upload(l, header + 'A,a@example.com,,,DEMO01,citizens,').expect(403);
  });

  it('imports a 10,000-row roster and reports precisely the bad rows', async () => {
    const stamp = Date.now();
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i % 1000 === 7) lines.push(`Người ${i},not-an-email,,,DEMO01,citizens,`);
      else if (i % 1000 === 8) lines.push(`Người ${i},bulk-${stamp}-${i}@example.com,,,DEMO02,citizens,`);
      else lines.push(`Người ${i},bulk-${stamp}-${i}@example.com,,,DEMO01,citizens,`);
    }
    const big = await t.app.getHttpAdapter().getInstance().inject({
      method: 'POST',
      url: '/api/admin/rosters?courses=online-scams',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': unitAdmin.csrf, cookie: (await cookieOf(unitAdmin)) },
      payload: header + lines.join('\n'),
    });
    expect(big.statusCode).toBe(200);
    const body = big.json();
    expect(body).toMatchObject({ created: 9980, matched: 0, rejected: 20 });
    const bad = body.rows.filter((r: { status: string }) => r.status === 'rejected');
    expect(bad.slice(0, 2)).toEqual([
      { line: 9, status: 'rejected', errors: [{ field: 'email', message: 'not a valid e-mail address' }] },
      { line: 10, status: 'rejected', errors: [{ field: 'unit_code', message: 'outside the area you administer' }] },
    ]);
  }, 120_000);
});

/** The session and CSRF cookies of a supertest agent, for a direct inject() of a large body. */
async function cookieOf(b: Browser): Promise<string> {
  const res = await b.agent.get('/api/auth/me');
  const jar = (res.request as unknown as { cookies: string }).cookies;
  return jar;
}
