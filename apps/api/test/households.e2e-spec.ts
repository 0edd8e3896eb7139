import { randomBytes, randomUUID } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { importArea, staffMember } from './support/area-world';
import { completeCourse } from './support/learning-world';
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

describe('digital families', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  let area: { P: string; C1: string; C2: string };
  const viewers: Record<'c1' | 'c2', Signed> = {} as never;

  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000' });
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    area = await importArea(system, db, tag, { province: 'Tỉnh Gia Đình' });
    for (const key of ['c1', 'c2'] as const) {
      const unitId = key === 'c1' ? area.C1 : area.C2;
      viewers[key] = await staffMember(
        t.http,
        system,
        `Xem báo cáo ${key}`,
        'report_viewer',
        { unitId },
        unitId,
      );
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function person(name: string, unit: 'C1' | 'C2' = 'C1'): Promise<Signed> {
    const l = await signedUpLearner(t.http, name);
    await placeLearner(l, area[unit]);
    return l;
  }
  const invite = (b: Browser) => b.post('/api/me/household/invitations').send({});
  const accept = (b: Browser, token: string) => b.post('/api/household-invitations/accept').send({ token });

  it('a household shows its members, what each learned and who guides; joining needs the person’s acceptance', async () => {
    const mother = await person('Nguyễn Thị Mẹ');
    expect((await mother.agent.get('/api/me/household').expect(200)).body).toEqual({ household: null });
    const created = await mother
      .post('/api/me/household')
      .send({ code: `Số 12/3 ${tag}` })
      .expect(201);
    expect(created.body.household).toMatchObject({
      code: `Số 12/3 ${tag}`,
      unit: { id: area.C1 },
      hasTrainedGuide: false,
    });
    expectErrorShape(
      (await mother.post('/api/me/household').send({}).expect(409)).body,
      409,
      'HOUSEHOLD_MEMBER_ALREADY',
    );
    // somebody else of the commune typing the same code does not get in
    const stranger = await person('Người Lạ');
    expectErrorShape(
      (
        await stranger
          .post('/api/me/household')
          .send({ code: `Số 12/3 ${tag}` })
          .expect(409)
      ).body,
      409,
      'HOUSEHOLD_CODE_TAKEN',
    );

    const link = (await invite(mother).expect(201)).body;
    expect(link.url).toBe(`http://localhost:3000/gia-dinh-so/loi-moi#${link.token}`);
    const grandpa = await person('Nguyễn Văn Ông');
    const preview = await grandpa
      .post('/api/household-invitations/preview')
      .send({ token: link.token })
      .expect(200);
    expect(preview.body).toMatchObject({ inviterName: 'Nguyễn Thị Mẹ', unitName: `Xã Một ${tag}` });
    // nobody claims another person: the body names nobody, an extra field is refused and nothing changes
    await mother
      .post('/api/household-invitations/accept')
      .send({ token: link.token, userId: grandpa.id })
      .expect(400);
    expect((await grandpa.agent.get('/api/me/household').expect(200)).body.household).toBeNull();
    // the inviter's own acceptance is not someone else's
    expectErrorShape((await accept(mother, link.token).expect(409)).body, 409, 'HOUSEHOLD_MEMBER_ALREADY');
    const joined = await accept(grandpa, link.token).expect(201);
    expect(joined.body.household.members.map((m: { displayName: string }) => m.displayName)).toEqual([
      'Nguyễn Thị Mẹ',
      'Nguyễn Văn Ông',
    ]);
    // the same link by a second person
    expectErrorShape((await accept(stranger, link.token).expect(410)).body, 410, 'INVITATION_USED');
    // forged tokens, and a mentor invitation token is not a household one
    const [body, sig] = link.token.split('.');
    for (const token of [
      `${body}.${sig.slice(0, -2)}zz`,
      'junk',
      `${Buffer.from('{"k":"household"}').toString('base64url')}.${sig}`,
    ])
      expectErrorShape((await accept(stranger, token).expect(404)).body, 404, 'INVITATION_NOT_FOUND');

    // the mother learns; the grandfather names her as his guide; a stranger cannot be named
    await completeCourse(t, db, 'vneid-digital-identity', { learner: mother });
    await grandpa.agent
      .put('/api/me/household/guide')
      .set('x-csrf-token', grandpa.csrf)
      .send({ guideUserId: stranger.id })
      .expect(404);
    await grandpa.agent
      .put('/api/me/household/guide')
      .set('x-csrf-token', grandpa.csrf)
      .send({ guideUserId: grandpa.id })
      .expect(404);
    const guided = await grandpa.agent
      .put('/api/me/household/guide')
      .set('x-csrf-token', grandpa.csrf)
      .send({ guideUserId: mother.id })
      .expect(200);
    expect(guided.body.household.hasTrainedGuide).toBe(true);
    const view = (await mother.agent.get('/api/me/household').expect(200)).body.household;
    const byName = Object.fromEntries(view.members.map((m: { displayName: string }) => [m.displayName, m]));
    expect(byName['Nguyễn Thị Mẹ']).toMatchObject({
      me: true,
      trained: true,
      guides: true,
      completedCourses: [{ courseId: 'vneid-digital-identity', title: expect.any(String) }],
    });
    expect(byName['Nguyễn Văn Ông']).toMatchObject({
      me: false,
      trained: false,
      guides: false,
      guidedBy: mother.id,
    });
    expect(JSON.stringify(view)).not.toMatch(/@example\.com|\+84|email|phone/);
    // a stranger sees nothing of it
    expect((await stranger.agent.get('/api/me/household').expect(200)).body.household).toBeNull();

    // the indicator: the report viewer of commune 1 sees the count by unit, commune 2's does not reach it
    const ind = await viewers.c1.agent.get(`/api/households/indicator?unitId=${area.C1}`).expect(200);
    expect(ind.body.unit).toMatchObject({ unitId: area.C1, households: 1, withTrainedGuide: 1 });
    for (const unitId of [area.C1, area.P, randomUUID()])
      expectErrorShape(
        (await viewers.c2.agent.get(`/api/households/indicator?unitId=${unitId}`).expect(404)).body,
        404,
        'UNIT_NOT_FOUND',
      );
    await mother.agent.get(`/api/households/indicator?unitId=${area.C1}`).expect(403);
    await viewers.c1.agent.get(`/api/households/indicator?unitId=not-a-uuid`).expect(400);
    const admin = await signedInDemo(t.http);
    const province = await admin.agent.get(`/api/households/indicator?unitId=${area.P}`).expect(200);
    expect(province.body.unit).toMatchObject({ households: 1, withTrainedGuide: 1 });
    expect(province.body.children).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ unitId: area.C1, households: 1, withTrainedGuide: 1 }),
        expect.objectContaining({ unitId: area.C2, households: 0, withTrainedGuide: 0 }),
      ]),
    );

    // the mother leaves: the grandfather's guide is cleared, the household no longer counts
    const late = (await invite(mother).expect(201)).body;
    await mother.post('/api/me/household/leave').send({}).expect(200);
    await mother.post('/api/me/household/leave').send({}).expect(404);
    const alone = (await grandpa.agent.get('/api/me/household').expect(200)).body.household;
    expect(alone).toMatchObject({
      hasTrainedGuide: false,
      members: [expect.objectContaining({ guidedBy: null })],
    });
    // a link made by someone who has left brings nobody in
    expectErrorShape((await accept(stranger, late.token).expect(404)).body, 404, 'INVITATION_NOT_FOUND');
    await mother.post('/api/me/household').send({}).expect(201);
    const after = await viewers.c1.agent.get(`/api/households/indicator?unitId=${area.C1}`).expect(200);
    expect(after.body.unit).toMatchObject({ households: 2, withTrainedGuide: 0 });
  }, 180_000);

  it('a member of another household must leave it first; links are capped; 20 people on one link: one joins', async () => {
    const a = await person('Chủ Hộ A');
    const b = await person('Chủ Hộ B');
    await a.post('/api/me/household').send({}).expect(201);
    await b.post('/api/me/household').send({}).expect(201);
    const link = (await invite(a).expect(201)).body;
    expectErrorShape((await accept(b, link.token).expect(409)).body, 409, 'HOUSEHOLD_MEMBER_ELSEWHERE');
    // without a household there is nothing to invite to
    const none = await person('Không Hộ', 'C2');
    expectErrorShape((await invite(none).expect(404)).body, 404, 'HOUSEHOLD_NOT_FOUND');
    // a person with no unit cannot start one
    const unplaced = await signedUpLearner(t.http, 'Chưa Chọn Xã');
    expectErrorShape(
      (await unplaced.post('/api/me/household').send({}).expect(400)).body,
      400,
      'HOUSEHOLD_NEEDS_UNIT',
    );
    // NUL, RTL override and huge codes are refused by the contract
    for (const code of ['a\u0000b', '\u202eabc', 'x'.repeat(500)])
      await none.post('/api/me/household').send({ code }).expect(400);

    const race = (await invite(a).expect(201)).body;
    const racers = await Promise.all([...Array(20).keys()].map((i) => person(`Người Đua ${i}`)));
    const statuses = await Promise.all(racers.map((r) => accept(r, race.token).then((res) => res.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 410)).toBe(true);

    // caps: 10 a day (two made above), under parallel requests
    const made = await Promise.all([...Array(20).keys()].map(() => invite(a).then((r) => r.status)));
    expect(made.filter((s) => s === 201)).toHaveLength(8);
    expectErrorShape((await invite(a).expect(429)).body, 429, 'HOUSEHOLD_INVITATION_DAILY_LIMIT');
  }, 120_000);
});
