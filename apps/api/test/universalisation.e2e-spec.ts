import { createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { ed25519PublicJwk } from '@hocvuso/credentials';
import { insertUniversalisationConfirmation, currentUniversalisationRules } from '@hocvuso/db';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { importArea, staffMember } from './support/area-world';
import { base58Decode, verifyCompactJws } from './support/independent-jws';
import { completeCourse } from './support/learning-world';
import {
  type Browser,
  browser,
  expectErrorShape,
  placeLearner,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Signed = Browser & { id: string };

/** Today and tomorrow on the Vietnam clock. */
const vietnamDate = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Declarations (self and helper), in-person learning, the completion hook and the signed export, on a database of
 * its own (the facts written here must not change what other suites count).
 */
describe('universalisation: declarations, in-person learning and the signed export', () => {
  let world: FreshDatabase;
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  let area: { P: string; C1: string; C2: string };
  const learners: Record<string, Signed> = {};
  const staff: Record<string, Signed> = {};

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url });
    system = await signedInDemo(t.http);
    area = await importArea(system, db, tag, { province: 'Tỉnh Phổ Cập' });
    for (const [key, unit] of [
      ['l1', area.C1],
      ['l2', area.C2],
    ] as const) {
      const l = await signedUpLearner(t.http, `Lò Văn ${key}`);
      await placeLearner(l, unit, { targetGroups: ['citizens'] });
      learners[key] = l;
    }
    const grant = async (key: string, role: string, unitId: string, home: string) => {
      staff[key] = await staffMember(t.http, system, `Cán bộ ${key}`, role, { unitId }, home, {
        targetGroups: ['public-servants'],
      });
    };
    await grant('helper1', 'community_helper', area.C1, area.C1);
    await grant('unitAdmin1', 'unit_admin', area.C1, area.C1);
    await grant('province', 'province_admin', area.P, area.C1);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await world?.drop();
  });

  const declarationCount = async (userId: string) =>
    Number((await db.query(`SELECT count(*)::int AS n FROM declarations WHERE user_id = $1`, [userId]))[0].n);
  const facts = (userId: string, measure: string) =>
    db.query(
      `SELECT target_group, source, recorded_by, evidence FROM coverage_facts WHERE user_id = $1 AND measure = $2 ORDER BY target_group`,
      [userId, measure],
    );

  describe('self-declaration', () => {
    it('records what changed, with the date, and the coverage fact of a yes; a replay writes nothing', async () => {
      const l = learners.l1!;
      const put = (body: object) =>
        l.agent.put('/api/me/digital-identity').set('x-csrf-token', l.csrf).send(body);
      const first = await put({ vneidLevel2: true, bankAccount: false }).expect(200);
      expect(first.body).toEqual({
        vneidLevel2: { value: true, source: 'self', at: expect.any(String), confirmedBy: null },
        bankAccount: { value: false, source: 'self', at: expect.any(String), confirmedBy: null },
      });
      expect(await declarationCount(l.id)).toBe(2);
      const replay = await put({ vneidLevel2: true, bankAccount: false }).expect(200);
      expect(replay.body).toEqual(first.body);
      expect(await declarationCount(l.id)).toBe(2);
      expect((await l.agent.get('/api/me/digital-identity').expect(200)).body).toEqual(first.body);
      const f = await facts(l.id, 'vneid_level2');
      expect(f.map((x: { target_group: string }) => x.target_group)).toEqual(['*', 'citizens']);
      expect(f[0]).toMatchObject({ source: 'self', recorded_by: null });
      expect(await facts(l.id, 'bank_account')).toEqual([]);
    });

    it('refuses bad bodies with 400 and changes nothing; needs a session and the CSRF header', async () => {
      const l = learners.l2!;
      for (const body of [
        {},
        { vneidLevel2: 'yes', bankAccount: false },
        { vneidLevel2: true },
        { vneidLevel2: true, bankAccount: true, userId: learners.l1!.id },
        [true, true],
      ]) {
        const res = await l.agent.put('/api/me/digital-identity').set('x-csrf-token', l.csrf).send(body);
        expect(res.status).toBe(400);
        expectErrorShape(res.body, 400);
      }
      expect(await declarationCount(l.id)).toBe(0);
      await l.agent
        .put('/api/me/digital-identity')
        .send({ vneidLevel2: true, bankAccount: true })
        .expect(403);
      const anonymous = await browser(t.http);
      await anonymous.agent
        .put('/api/me/digital-identity')
        .set('x-csrf-token', anonymous.csrf)
        .send({ vneidLevel2: true, bankAccount: true })
        .expect(401);
      expect(await declarationCount(l.id)).toBe(0);
    });

    it('50 parallel identical declarations write each change once', async () => {
      const l = await signedUpLearner(t.http, 'Song Song');
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          l.agent
            .put('/api/me/digital-identity')
            .set('x-csrf-token', l.csrf)
            .send({ vneidLevel2: true, bankAccount: true }),
        ),
      );
      expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
      expect(await declarationCount(l.id)).toBe(2);
      // no profile: counted under all groups only
      expect(
        (await facts(l.id, 'bank_account')).map((x: { target_group: string }) => x.target_group),
      ).toEqual(['*']);
    });
  });

  describe('helper confirmation', () => {
    const confirm = (b: Browser, learnerId: string, body: object) =>
      b.post(`/api/admin/learners/${learnerId}/digital-identity`).send(body);

    it('confirms face to face (audited, fact by the helper); a replay writes nothing', async () => {
      const h = staff.helper1!;
      const l = learners.l1!;
      const res = await confirm(h, l.id, { vneidLevel2: true, bankAccount: true }).expect(200);
      // Who confirmed it, by name, for the learner's profile ("confirmed face to face by …").
      expect(res.body.vneidLevel2).toMatchObject({
        value: true,
        source: 'helper',
        confirmedBy: 'Cán bộ helper1',
      });
      expect(res.body.bankAccount).toMatchObject({
        value: true,
        source: 'helper',
        confirmedBy: 'Cán bộ helper1',
      });
      expect((await l.agent.get('/api/me/digital-identity').expect(200)).body).toEqual(res.body);
      const count = await declarationCount(l.id);
      expect(count).toBe(4); // two self rows, then the helper upgrades both
      await confirm(h, l.id, { vneidLevel2: true, bankAccount: true }).expect(200);
      expect(await declarationCount(l.id)).toBe(count);
      const bank = await facts(l.id, 'bank_account');
      expect(bank[0]).toMatchObject({ source: 'helper', recorded_by: h.id });
      // the self-declared VNeID fact stays as it was first counted
      expect((await facts(l.id, 'vneid_level2'))[0]).toMatchObject({ source: 'self' });
      const audit = await db.query(
        `SELECT actor_user_id, after FROM audit_log WHERE action = 'identity.confirm' AND subject_id = $1`,
        [l.id],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor_user_id: h.id,
        after: { vneid_level2: true, bank_account: true },
      });
    });

    it('50 parallel identical confirmations write each change once, with one audit entry', async () => {
      const h = staff.helper1!;
      const l = await signedUpLearner(t.http, 'Song Song Xác Nhận');
      await placeLearner(l, area.C1, { targetGroups: ['citizens'] });
      const results = await Promise.all(
        Array.from({ length: 50 }, () => confirm(h, l.id, { vneidLevel2: true, bankAccount: true })),
      );
      expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
      expect(new Set(results.map((r) => JSON.stringify(r.body))).size).toBe(1);
      expect(await declarationCount(l.id)).toBe(2);
      const audit = await db.query(
        `SELECT 1 FROM audit_log WHERE action = 'identity.confirm' AND subject_id = $1`,
        [l.id],
      );
      expect(audit).toHaveLength(1);
      expect(await facts(l.id, 'vneid_level2')).toHaveLength(2); // '*' and 'citizens', once each
    });

    it('a learner\'s "no" after a helper\'s "yes" is kept in the history and counts stay as first counted', async () => {
      const h = staff.helper1!;
      const l = await signedUpLearner(t.http, 'Đổi Ý');
      await placeLearner(l, area.C1, { targetGroups: ['citizens'] });
      await confirm(h, l.id, { bankAccount: true }).expect(200);
      const withdrawn = await l.agent
        .put('/api/me/digital-identity')
        .set('x-csrf-token', l.csrf)
        .send({ vneidLevel2: false, bankAccount: false })
        .expect(200);
      expect(withdrawn.body.bankAccount).toMatchObject({ value: false, source: 'self', confirmedBy: null });
      expect(await declarationCount(l.id)).toBe(3);
      expect((await facts(l.id, 'bank_account'))[0]).toMatchObject({ source: 'helper', recorded_by: h.id });
    });

    it('a helper reads the declarations of a learner of their area only (GET, 404 elsewhere, 403 for a learner)', async () => {
      const h = staff.helper1!;
      const seen = await h.agent.get(`/api/admin/learners/${learners.l1!.id}/digital-identity`).expect(200);
      expect(seen.body).toEqual((await learners.l1!.agent.get('/api/me/digital-identity').expect(200)).body);
      const other = await h.agent.get(`/api/admin/learners/${learners.l2!.id}/digital-identity`);
      expect(other.status).toBe(404);
      expectErrorShape(other.body, 404, 'LEARNER_NOT_FOUND');
      await h.agent.get(`/api/admin/learners/${randomUUID()}/digital-identity`).expect(404);
      await h.agent.get('/api/admin/learners/not-a-uuid/digital-identity').expect(404);
      const byLearner = await learners.l2!.agent.get(
        `/api/admin/learners/${learners.l1!.id}/digital-identity`,
      );
      expect(byLearner.status).toBe(403);
      expectErrorShape(byLearner.body, 403);
      // The province administrator reaches both communes.
      await staff.province!.agent.get(`/api/admin/learners/${learners.l2!.id}/digital-identity`).expect(200);
    });

    it('out of scope is 404, a learner is 403, oneself is 403, bad input is 400', async () => {
      const h = staff.helper1!;
      const res = await confirm(h, learners.l2!.id, { bankAccount: true });
      expect(res.status).toBe(404);
      expectErrorShape(res.body, 404, 'LEARNER_NOT_FOUND');
      await confirm(h, randomUUID(), { bankAccount: true }).expect(404);
      await confirm(h, 'not-a-uuid', { bankAccount: true }).expect(404);
      const learner = await confirm(learners.l2!, learners.l1!.id, { bankAccount: true });
      expect(learner.status).toBe(403);
      expectErrorShape(learner.body, 403);
      expectErrorShape(
        (await confirm(h, h.id, { bankAccount: true }).expect(403)).body,
        403,
        'IDENTITY_CONFIRM_SELF',
      );
      await confirm(h, learners.l1!.id, {}).expect(400);
      await confirm(h, learners.l1!.id, { bankAccount: 1 }).expect(400);
      // A date or a confirmer cannot be sent: the database clock and the session say when and who.
      await confirm(h, learners.l1!.id, { bankAccount: true, at: '2015-01-01' }).expect(400);
      await confirm(h, learners.l1!.id, { bankAccount: true, confirmedBy: learners.l2!.id }).expect(400);
      expect(await declarationCount(learners.l2!.id)).toBe(0);
    });
  });

  describe('in-person learning', () => {
    const record = (b: Browser, body: Record<string, unknown>) =>
      b.post('/api/admin/in-person-learning').send(body);

    it('records once with the fact and its evidence; a replay answers 200 with the same record', async () => {
      const h = staff.helper1!;
      const l = learners.l1!;
      const body = {
        userId: l.id,
        courseId: 'smartphone-basics',
        on: vietnamDate(),
        note: 'Buổi học ở nhà văn hoá thôn',
      };
      const first = await record(h, body).expect(201);
      expect(first.body).toMatchObject({
        userId: l.id,
        courseId: 'smartphone-basics',
        on: vietnamDate(),
        created: true,
      });
      const again = await record(h, body).expect(200);
      expect(again.body).toMatchObject({ id: first.body.id, created: false });
      const f = await facts(l.id, 'in_person');
      expect(f).toHaveLength(2);
      expect(f[0]).toMatchObject({
        source: 'helper',
        recorded_by: h.id,
        evidence: {
          inPersonLearningId: first.body.id,
          confirmedBy: h.id,
          courseId: 'smartphone-basics',
          on: vietnamDate(),
        },
      });
    });

    it('50 parallel identical records make one', async () => {
      const h = staff.helper1!;
      const l = learners.l1!;
      const body = { userId: l.id, courseId: 'online-scams', on: vietnamDate(-1), note: '' };
      const results = await Promise.all(Array.from({ length: 50 }, () => record(h, body)));
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 200)).toHaveLength(49);
      const rows = await db.query(
        `SELECT count(*)::int AS n FROM in_person_learning WHERE user_id = $1 AND course_id = 'online-scams'`,
        [l.id],
      );
      expect(rows[0].n).toBe(1);
    });

    it('refuses a future date, a bad date, unsafe text, other lessons, unknown courses, other areas and learners', async () => {
      const h = staff.helper1!;
      const l = learners.l1!;
      const base = { userId: l.id, courseId: 'smartphone-basics', on: vietnamDate(), note: '' };
      expectErrorShape(
        (await record(h, { ...base, on: vietnamDate(1) }).expect(400)).body,
        400,
        'DATE_IN_FUTURE',
      );
      for (const bad of [
        { on: '2026-02-30' },
        { on: '30/11/2026' },
        { note: 'a\u0000b' },
        { note: 'x\u202Eevil' },
        { note: 'zero\u200Bwidth' },
        { note: 'ổ'.repeat(1001) },
        { courseId: 'Not A Course' },
        { lessonId: 'nope' },
        { extra: true },
      ]) {
        const res = await record(h, { ...base, ...bad });
        expect([res.status, bad]).toEqual([400, bad]);
      }
      const otherLesson = (
        await db.query(
          `SELECT vl.lesson_revision_id AS id FROM courses c JOIN course_version_lessons vl ON vl.course_version_id = c.current_version_id WHERE c.id = 'online-scams' LIMIT 1`,
        )
      )[0].id;
      expectErrorShape(
        (await record(h, { ...base, lessonId: otherLesson }).expect(400)).body,
        400,
        'LESSON_NOT_IN_COURSE',
      );
      expectErrorShape(
        (await record(h, { ...base, courseId: 'no-such-course' }).expect(404)).body,
        404,
        'COURSE_NOT_FOUND',
      );
      expectErrorShape(
        (await record(h, { ...base, userId: learners.l2!.id }).expect(404)).body,
        404,
        'LEARNER_NOT_FOUND',
      );
      await record(learners.l2!, { ...base, userId: learners.l2!.id }).expect(403);
      const rows = await db.query(
        `SELECT count(*)::int AS n FROM in_person_learning WHERE user_id = ANY ($1::uuid[])`,
        [[learners.l2!.id]],
      );
      expect(rows[0].n).toBe(0);
    });
  });

  it('a completed course writes the universalisation check in the completing transaction', async () => {
    const { l } = await completeCourse(t, db, 'online-scams');
    const checks = await db.query(`SELECT reason, done_at FROM universalisation_checks WHERE user_id = $1`, [
      l.id,
    ]);
    expect(checks).toEqual(
      [{ reason: 'course:online-scams', done_at: expect.anything() }].slice(0, 0).concat(checks),
    );
    expect(checks).toHaveLength(1);
    expect(checks[0].reason).toBe('course:online-scams');
  }, 60_000);

  describe('the signed export', () => {
    let pseudonym1: string;
    beforeAll(async () => {
      const current = await currentUniversalisationRules(db);
      const evidence = {
        ruleSet: 'qd757-universalisation',
        provisional: true,
        covered: [
          {
            competency: 'qd757-v1:0.1',
            minLevel: 1,
            provisional: false,
            by: {
              kind: 'course',
              courseId: 'smartphone-basics',
              competency: 'qd757-v1:0.1',
              level: 1,
              via: 'direct',
            },
          },
        ],
      };
      for (const key of ['l1', 'l2'])
        await insertUniversalisationConfirmation(db, {
          userId: learners[key]!.id,
          targetGroup: 'citizens',
          ruleVersion: current!.version,
          evidence,
          checkId: null,
        });
      await db.query(`INSERT INTO oidc_identities (provider, subject, user_id) VALUES ('vneid', $1, $2)`, [
        `VN-${tag}`,
        learners.l2!.id,
      ]);
      pseudonym1 = (
        await db.query(`SELECT pseudonym::text AS p FROM users WHERE id = $1`, [learners.l1!.id])
      )[0].p;
    });

    const exportOf = (b: Browser, query: string) =>
      b.agent
        .get(`/api/admin/universalisation/export?${query}`)
        .buffer(true)
        .parse((res, cb) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => cb(null, data));
        });

    async function publishedKey(): Promise<string> {
      const did = (await request(t.http).get('/.well-known/did.json').expect(200)).body;
      return did.verificationMethod[0].publicKeyMultibase as string;
    }

    const range = `from=${vietnamDate(-1)}&to=${vietnamDate(1)}`;

    it('is a compact JWS that node:crypto verifies with the DID document’s key; tampering fails', async () => {
      const res = await exportOf(staff.province!, range).expect(200);
      expect(res.headers['content-type']).toContain('application/jose');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="universalisation-.*\.jws"/);
      const jws = res.body as string;
      const [h, p, s] = jws.split('.') as [string, string, string];
      const header = JSON.parse(Buffer.from(h, 'base64url').toString());
      expect(header).toMatchObject({
        alg: 'EdDSA',
        typ: 'hvs-universalisation-batch+jws',
        cty: 'application/json',
      });
      const publicKey = createPublicKey({ key: ed25519PublicJwk(await publishedKey()), format: 'jwk' });
      expect(verify(null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);

      const batch = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      expect(batch).toMatchObject({ format: 'hvs-universalisation-batch', version: 1, count: 2 });
      expect(header.kid.startsWith(batch.issuer)).toBe(true);
      const refs = batch.records.map((r: { personRef: string }) => r.personRef).sort();
      expect(refs).toEqual([`hvs:${pseudonym1}`, `vneid:VN-${tag}`].sort());
      expect(batch.records[0]).toMatchObject({
        targetGroup: 'citizens',
        unitCode: expect.stringMatching(/^C[12]/),
        competencies: [
          { competency: 'qd757-v1:0.1', minLevel: 1, provisional: false, shownBy: 'qd757-v1:0.1', level: 1 },
        ],
      });
      // never a phone number or an e-mail address
      const text = Buffer.from(p, 'base64url').toString('utf8');
      expect(text).not.toContain('@');
      expect(text).not.toMatch(/\+84\d/);

      const tampered = JSON.stringify({ ...batch, count: 3 });
      expect(
        verify(
          null,
          Buffer.from(`${h}.${Buffer.from(tampered).toString('base64url')}`),
          publicKey,
          Buffer.from(s, 'base64url'),
        ),
      ).toBe(false);

      const audit = await db.query(
        `SELECT after FROM audit_log WHERE action = 'universalisation.export' AND actor_user_id = $1 ORDER BY at DESC LIMIT 1`,
        [staff.province!.id],
      );
      expect(audit[0].after).toMatchObject({ count: 2, from: vietnamDate(-1), to: vietnamDate(1) });
    });

    it('verifies with an implementation of its own (not the signing library) and matches the documented format', async () => {
      // The known-answer vectors of base58btc, so the receiver's decoder is itself checked.
      expect(Buffer.from(base58Decode('2NEpo7TZRRrLZSi2U')).toString()).toBe('Hello World!');
      expect(Array.from(base58Decode('1112'))).toEqual([0, 0, 0, 1]);

      const did = (await request(t.http).get('/.well-known/did.json').expect(200)).body;
      const jws = (await exportOf(staff.province!, range).expect(200)).body as string;
      const verified = verifyCompactJws(jws, did);
      expect(verified).not.toBeNull();
      const { header, payload } = verified!;
      // Header: exactly the documented fields.
      expect(Object.keys(header).sort()).toEqual(['alg', 'cty', 'kid', 'typ']);
      expect(header).toEqual({
        alg: 'EdDSA',
        kid: expect.stringMatching(/^did:web:[^#]+#.+$/),
        typ: 'hvs-universalisation-batch+jws',
        cty: 'application/json',
      });
      // Payload: exactly the documented fields, with their types.
      expect(Object.keys(payload).sort()).toEqual(
        ['count', 'format', 'generatedAt', 'issuer', 'period', 'records', 'version'].sort(),
      );
      expect(payload).toMatchObject({
        format: 'hvs-universalisation-batch',
        version: 1,
        issuer: did.id,
        period: { from: vietnamDate(-1), to: vietnamDate(1), unitCode: null },
      });
      expect(String(header.kid).startsWith(`${did.id}#`)).toBe(true);
      expect(new Date(payload.generatedAt as string).toISOString()).toBe(payload.generatedAt);
      const records = payload.records as Array<Record<string, unknown>>;
      expect(payload.count).toBe(records.length);
      expect(records.length).toBe(2);
      for (const r of records) {
        expect(Object.keys(r).sort()).toEqual(
          [
            'competencies',
            'confirmationId',
            'confirmedAt',
            'confirmedOn',
            'personRef',
            'ruleVersion',
            'targetGroup',
            'unitCode',
          ].sort(),
        );
        expect(r).toMatchObject({
          confirmationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          personRef: expect.stringMatching(/^(vneid|hvs):.+$/),
          targetGroup: expect.stringMatching(/^(students|citizens|public-servants|enterprise-workers)$/),
          ruleVersion: expect.any(String),
          confirmedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          unitCode: expect.any(String),
        });
        expect(new Date(r.confirmedAt as string).toISOString()).toBe(r.confirmedAt);
        for (const c of r.competencies as Array<Record<string, unknown>>)
          expect(Object.keys(c).sort()).toEqual([
            'competency',
            'level',
            'minLevel',
            'provisional',
            'shownBy',
          ]);
      }

      // One changed byte anywhere (header, payload or signature) fails; so does another key in the document.
      const [h, p, s] = jws.split('.') as [string, string, string];
      const flip = (part: string) => {
        const bytes = Buffer.from(part, 'base64url');
        bytes[bytes.length >> 1]! ^= 0x01;
        return bytes.toString('base64url');
      };
      // A receiver accepts a file only when it verifies (a header that no longer parses is refused too).
      const accepted = (file: string, doc: typeof did) => {
        try {
          return verifyCompactJws(file, doc) !== null;
        } catch {
          return false;
        }
      };
      expect(accepted(jws, did)).toBe(true);
      expect(accepted(`${flip(h)}.${p}.${s}`, did)).toBe(false);
      expect(accepted(`${h}.${flip(p)}.${s}`, did)).toBe(false);
      expect(accepted(`${h}.${p}.${flip(s)}`, did)).toBe(false);
      const otherKey = {
        ...did,
        verificationMethod: did.verificationMethod.map((m: { id: string }) => ({
          ...m,
          // a well-formed Ed25519 multikey that is not the issuer's: the signature must not verify with it
          publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
        })),
      };
      expect(accepted(jws, otherKey)).toBe(false);
      expect(() => verifyCompactJws(`${h}.${p}`, did)).toThrow(/compact JWS/);
      expect(() => verifyCompactJws(`${h}=.${p}.${s}`, did)).toThrow(/compact JWS/);
    });

    it('is scoped: one unit below, another province sees none of it, and its unit is 404', async () => {
      const one = await exportOf(staff.province!, `${range}&unitId=${area.C1}`).expect(200);
      const batch = JSON.parse(Buffer.from((one.body as string).split('.')[1]!, 'base64url').toString());
      expect(batch.count).toBe(1);
      expect(batch.records[0].personRef).toBe(`hvs:${pseudonym1}`);

      const other = await signedInDemo(t.http, 'province-admin');
      const none = await exportOf(other, range).expect(200);
      expect(
        JSON.parse(Buffer.from((none.body as string).split('.')[1]!, 'base64url').toString()).count,
      ).toBe(0);
      expectErrorShape(
        JSON.parse((await exportOf(other, `${range}&unitId=${area.C1}`).expect(404)).body),
        404,
        'UNIT_NOT_FOUND',
      );
      await exportOf(staff.province!, `${range}&unitId=${randomUUID()}`).expect(404);

      await exportOf(staff.unitAdmin1!, range).expect(403);
      await exportOf(learners.l1!, range).expect(403);
      await exportOf(staff.province!, `from=${vietnamDate(1)}&to=${vietnamDate(-1)}`).expect(400);
      await exportOf(staff.province!, 'from=2026-13-01&to=2026-12-31').expect(400);
      await exportOf(staff.province!, 'to=2026-12-31').expect(400);
    });
  });
});
