import { randomBytes, randomInt } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
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
import { importArea } from './support/area-world';

type Signed = Browser & { id: string };
interface Listed {
  id: string;
  displayName: string;
  hasProfile: boolean;
  unit: string | null;
}

/**
 * Administrators' learner search, filters and CSV export (docs/learners.md): phone numbers however typed,
 * names without diacritics, people who never filled in a profile (global readers only), filters out of the
 * reader's area (404), the CSV's scope, consent rule and formula neutralising, and 50 searches at once.
 */
describe('learner search, filters and export', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  let admin: Signed; // unit_admin of commune C1
  // Letters first: an all-digit tag (about one run in 16) would be searched as a phone number, not a name.
  const tag = `T${randomBytes(3).toString('hex').toUpperCase()}`;
  const low = tag.toLowerCase();
  const ids: Record<string, string> = {};
  const people: Record<string, Signed & { phone?: string }> = {};

  const consent = (b: Browser) =>
    b
      .post('/api/me/consents')
      .send({ purpose: 'data-sharing-unit', textVersion: '2026-11', granted: true })
      .expect(200);

  /** A person who signs up with a 09… phone number. */
  async function phoneLearner(name: string) {
    // The fifth digit is never 0: the test searches the last six digits of the national number, and a part that
    // starts with 0 is read as the start of a local number (09…), by design.
    const local = `09${String(randomInt(0, 100)).padStart(2, '0')}${randomInt(1, 10)}${String(randomInt(0, 100_000)).padStart(5, '0')}`;
    const b = await browser(t.http);
    const res = await b
      .post('/api/auth/sign-up')
      .send({ displayName: name, identifier: local, password: PASSWORD })
      .expect(201);
    return { ...b, id: res.body.id as string, phone: local };
  }

  const list = async (b: Browser, query: Record<string, string>, status = 200) =>
    (await b.agent.get('/api/admin/learners').query(query).expect(status)).body as {
      items: Listed[];
      total: number;
      notNamed: number;
    };
  const idsOf = (body: { items: Listed[] }) => body.items.map((l) => l.id);

  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    const area = await importArea(system, db, tag, { province: 'Tỉnh Tìm', commune2: 'Phường Hai' });
    Object.assign(ids, area);
    await system
      .post('/api/admin/organisations/import')
      .set('content-type', 'text/csv')
      .send(
        `code,name,kind,unit_code\nO1-${tag},Cơ quan Một,state_agency,C1${tag}\nO2-${tag},Cơ quan Hai,state_agency,C2${tag}\n`,
      )
      .expect(200);
    for (const code of [`O1-${tag}`, `O2-${tag}`])
      ids[code] = (await db.query(`SELECT id FROM organisations WHERE code = $1`, [code]))[0].id;

    // Đào lives in C1 (signed up with a phone), Bình in C2, both agreed to be named; Lặng in C1 did not;
    // Ẩn never filled in a profile (but agreed); Excel's name is a formula.
    people.dao = await phoneLearner(`Phạm Thị Đào ${tag}`);
    await placeLearner(people.dao, ids.C1!, { targetGroups: ['citizens'] });
    await consent(people.dao);
    people.binh = await signedUpLearner(t.http, `Lê Văn Bình ${tag}`);
    await placeLearner(people.binh, ids.C2!, { targetGroups: ['public-servants'] });
    await consent(people.binh);
    people.lang = await signedUpLearner(t.http, `Vũ Lặng ${tag}`);
    await placeLearner(people.lang, ids.C1!);
    people.an = await signedUpLearner(t.http, `Hoàng Văn Ẩn ${tag}`);
    await consent(people.an);
    people.excel = await signedUpLearner(t.http, `=HYPERLINK("http://x.test","${tag}")`);
    await placeLearner(people.excel, ids.C1!);
    await consent(people.excel);

    const a = await signedUpLearner(t.http, `Quản Trị ${tag}`);
    await placeLearner(a, ids.C1!);
    await system
      .post('/api/admin/role-grants')
      .send({ userId: a.id, role: 'unit_admin', unitId: ids.C1, organisationId: null })
      .expect(201);
    admin = a;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('finds a phone number typed as 09…, with spaces or dots, as +84… or 84…, and by 6 or more of its digits', async () => {
    const local = people.dao!.phone!;
    const national = local.slice(1);
    for (const q of [
      local,
      `${local.slice(0, 4)} ${local.slice(4, 7)} ${local.slice(7)}`,
      `${local.slice(0, 4)}.${local.slice(4, 7)}.${local.slice(7)}`,
      `+84${national}`,
      `84${national}`,
      `+84 ${national.slice(0, 2)} ${national.slice(2)}`,
      local.slice(0, 7),
      national.slice(3),
    ]) {
      expect(idsOf(await list(admin, { q }))).toEqual([people.dao!.id]);
      // Everyone's list may hold another number with the same 6 digits: the person is among the matches.
      expect(idsOf(await list(system, { q }))).toContain(people.dao!.id);
    }
    expect(idsOf(await list(system, { q: local }))).toEqual([people.dao!.id]);
    // Fewer than 6 digits find nobody (rather than everyone).
    expect((await list(system, { q: local.slice(-5) })).total).toBe(0);
  });

  it('finds names without diacritics, đ as d, in any case', async () => {
    for (const q of [`pham thi dao ${low}`, `PHAM DAO ${low}`, `Đào ${tag}`, `dao ${low}`])
      expect(idsOf(await list(admin, { q }))).toEqual([people.dao!.id]);
    // The admin does not find the one who did not agree to be named, by any spelling.
    expect(await list(admin, { q: `vu lang ${low}` })).toMatchObject({ items: [], total: 0 });
  });

  it('someone who never filled in a profile: found by a global reader, invisible (not even counted) to an area admin', async () => {
    const found = await list(system, { q: `hoang van an ${low}` });
    expect(found.items).toEqual([
      expect.objectContaining({ id: people.an!.id, hasProfile: false, unit: null, targetGroups: [] }),
    ]);
    expect(idsOf(await list(system, { q: low, status: 'no-profile' }))).toEqual([people.an!.id]);
    expect(await list(admin, { q: `hoang van an ${low}` })).toMatchObject({ items: [], total: 0 });
    expect(await list(admin, { status: 'no-profile' })).toMatchObject({ items: [], total: 0, notNamed: 0 });
    await admin.agent.get(`/api/admin/learners/${people.an!.id}`).expect(404);
    expect((await system.agent.get(`/api/admin/learners/${people.an!.id}`).expect(200)).body).toMatchObject({
      hasProfile: false,
    });
  });

  it('filters by place, group and status inside the reader’s area; a unit or organisation outside it is 404', async () => {
    const c1 = await list(admin, { unitId: ids.C1! });
    expect(idsOf(c1)).toEqual(expect.arrayContaining([people.dao!.id, people.excel!.id]));
    expect(idsOf(c1)).not.toContain(people.binh!.id);
    expect(c1.notNamed).toBeGreaterThanOrEqual(1); // Lặng
    expect(idsOf(await list(system, { unitId: ids.P!, q: low, targetGroup: 'public-servants' }))).toEqual([
      people.binh!.id,
    ]);
    expect(idsOf(await list(system, { q: low, status: 'no-place' }))).toEqual([people.an!.id]);
    expect((await list(admin, { q: low, status: 'completed' })).total).toBe(0);
    expect(await list(admin, { organisationId: ids[`O1-${tag}`]! })).toMatchObject({
      items: [],
      notNamed: 0,
    });
    for (const query of [
      { unitId: ids.C2! },
      { unitId: ids.P! },
      { organisationId: ids[`O2-${tag}`]! },
      { unitId: '00000000-0000-4000-8000-000000000000' },
    ]) {
      const res = await admin.agent.get('/api/admin/learners').query(query).expect(404);
      expectErrorShape(res.body, 404);
      await admin.agent.get('/api/admin/learners.csv').query(query).expect(404);
    }
    for (const query of [
      { unitId: 'not-a-uuid' },
      { status: 'sleeping' },
      { targetGroup: 'aliens' },
      { extra: '1' },
    ])
      expectErrorShape((await admin.agent.get('/api/admin/learners').query(query).expect(400)).body, 400);
  });

  it('refuses hostile search text with 400 and treats LIKE syntax as text', async () => {
    for (const q of ['a\u0000b', 'a\u200Bb', '\u202Eabc', 'x'.repeat(101)])
      expectErrorShape((await admin.agent.get('/api/admin/learners').query({ q }).expect(400)).body, 400);
    for (const q of ['%', '_', `' OR 1=1 --`, '%25']) expect((await list(system, { q })).total).toBe(0);
  });

  it('never names a de-identified person, even with consent: they are counted', async () => {
    const gone = await signedUpLearner(t.http, `Đã Xoá ${tag}`);
    await placeLearner(gone, ids.C1!);
    await consent(gone);
    const before = await list(admin, { unitId: ids.C1! });
    expect(idsOf(await list(admin, { q: `da xoa ${low}` }))).toEqual([gone.id]);
    await db.query(`UPDATE users SET deidentified_at = now() WHERE id = $1`, [gone.id]);
    expect((await list(admin, { q: `da xoa ${low}` })).total).toBe(0);
    const after = await list(admin, { unitId: ids.C1! });
    expect(after.total).toBe(before.total - 1);
    expect(after.notNamed).toBe(before.notNamed + 1);
  });

  it('exports the same list as a CSV: BOM, scope, consent rule, formula-safe cells, audited', async () => {
    const res = await admin.agent
      .get('/api/admin/learners.csv')
      .query({ unitId: ids.C1! })
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="learners\.csv"/);
    const body = (res.body as Buffer).toString('utf8');
    expect(
      body.startsWith('\uFEFFname,email,phone,unit,organisation,target_groups,sub_groups,has_profile'),
    ).toBe(true);
    expect(body).toContain(`Phạm Thị Đào ${tag}`);
    expect(body).toContain(`+84${people.dao!.phone!.slice(1)}`); // the phone as typed, not neutralised
    expect(body).not.toContain(`Lê Văn Bình ${tag}`); // other commune
    expect(body).not.toContain(`Vũ Lặng ${tag}`); // no consent
    expect(body).not.toContain(`Hoàng Văn Ẩn ${tag}`); // no place
    expect(body).toContain(`"'=HYPERLINK(""http://x.test"",""${tag}"")"`);
    expect(body).not.toMatch(/(^|,)=HYPERLINK/m);
    const audit = await db.query(
      `SELECT subject_type, subject_id, scope, after FROM audit_log WHERE actor_user_id = $1 AND action = 'learner.export'`,
      [admin.id],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        subject_type: 'learner-list',
        subject_id: ids.C1,
        scope: expect.stringContaining(`/C1${tag}/`),
        after: expect.objectContaining({ unitId: ids.C1, search: false }),
      }),
    ]);
    // A learner is refused the export; the system administrator's export has the person without a place.
    await people.dao!.agent.get('/api/admin/learners.csv').expect(403);
    const all = await system.agent
      .get('/api/admin/learners.csv')
      .query({ q: low, status: 'no-profile' })
      .expect(200);
    expect(all.text).toContain(`Hoàng Văn Ẩn ${tag}`);
    expect(all.text.trim().split('\n')).toHaveLength(2);
  });

  it('answers 50 parallel searches consistently', async () => {
    const queries = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? { q: `dao ${low}` } : { q: people.dao!.phone!, unitId: ids.C1! },
    );
    const results = await Promise.all(queries.map((q) => admin.agent.get('/api/admin/learners').query(q)));
    for (const r of results) {
      expect(r.status).toBe(200);
      expect(r.body.items.map((l: Listed) => l.id)).toEqual([people.dao!.id]);
    }
  });

  it('asks a learner without group or place again later: dismissed on the account, back after 30 days', async () => {
    const b = await signedUpLearner(t.http, `Mới Đến ${tag}`);
    const prompt = async () => (await b.agent.get('/api/me/profile-prompt').expect(200)).body;
    expect(await prompt()).toEqual({ show: true });
    // A forged dismissal (no CSRF token) changes nothing.
    await b.agent.post('/api/me/profile-prompt/dismiss').expect(403);
    expect(await prompt()).toEqual({ show: true });
    expect((await b.post('/api/me/profile-prompt/dismiss').expect(200)).body).toEqual({ show: false });
    expect(await prompt()).toEqual({ show: false });
    await db.query(
      `UPDATE users SET profile_prompt_dismissed_at = now() - interval '31 days' WHERE id = $1`,
      [b.id],
    );
    expect(await prompt()).toEqual({ show: true });
    await placeLearner(b, null, { targetGroups: ['citizens'] }); // a group, still no place
    expect(await prompt()).toEqual({ show: true });
    await placeLearner(b, ids.C1!, { targetGroups: ['citizens'] });
    expect(await prompt()).toEqual({ show: false });
    await (await browser(t.http)).agent.get('/api/me/profile-prompt').expect(401);
  });
});
