import { randomBytes } from 'node:crypto';
import {
  currentUniversalisationRules,
  insertNotification,
  insertUniversalisationConfirmation,
} from '@hocvuso/db';
import { issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { completeCourse } from './support/learning-world';
import {
  type Browser,
  browser,
  expectErrorShape,
  PASSWORD,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

const COURSE = 'cashless-payments';
const DELETED_NAME = 'Người học đã xoá';

/** The learner's data rights: a JSON export of their data, and deletion that de-identifies them. */
describe('personal data export and account deletion', () => {
  let t: TestApp;
  let db: DataSource;
  let system: Browser;
  const tag = randomBytes(3).toString('hex').toUpperCase();
  const ids: Record<string, string> = {};

  const placeIn = async (b: Browser, unit: string, subGroups: string[] = []) =>
    b.agent
      .put('/api/me/profile')
      .set('x-csrf-token', b.csrf)
      .send({
        targetGroups: ['citizens'],
        subGroups,
        unitId: ids[unit],
        organisationId: null,
        language: 'vi',
        accessibility: { largeText: true },
      })
      .expect(200);

  /** A learner of commune C1 who consented, completed a course (quiz answers included) and holds its certificate. */
  async function certifiedLearner() {
    const { l } = await completeCourse(t, db, COURSE);
    await placeIn(l, 'C1', ['older-adults']);
    await l
      .post('/api/me/consents')
      .send({ purpose: 'learning-records', textVersion: '2026-11', granted: true })
      .expect(200);
    const [req] = await db.query(
      `SELECT r.id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id WHERE e.user_id = $1`,
      [l.id],
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
    await insertNotification(db, {
      userId: l.id,
      kind: 'inactive',
      title: { vi: 'Tiếp tục học nhé' },
      body: { vi: 'Bạn còn một bài.' },
      link: '/courses/x',
    });
    const cert = (await l.agent.get('/api/me/certificates').expect(200)).body.items[0];
    return { l, cert };
  }

  beforeAll(async () => {
    t = await startTestApp({ HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    db = await openRunDatabase();
    system = await signedInDemo(t.http);
    await system
      .post('/api/admin/units/import')
      .set('content-type', 'text/csv')
      .send(
        `code,level,name,parent_code,valid_from\nP${tag},province,Tỉnh Riêng Tư ${tag},,2025-07-01\nC1${tag},commune,Xã Một ${tag},P${tag},2025-07-01\nC2${tag},commune,Xã Hai ${tag},P${tag},2025-07-01\n`,
      )
      .expect(200);
    for (const code of ['P', 'C1', 'C2'])
      ids[code] = (
        await db.query(`SELECT id FROM administrative_units WHERE code = $1`, [`${code}${tag}`])
      )[0].id;
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  it('exports everything held about the learner as JSON, without token hashes, and audits the export', async () => {
    const { l, cert } = await certifiedLearner();
    const res = await l.agent.get('/api/me/data-export').expect(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="hocvuso-data-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.body;
    // The format pins the order of the document's keys, whichever privacy section gives them.
    expect(Object.keys(data)).toEqual([
      'format',
      'generatedAt',
      'account',
      'profile',
      'roles',
      'consents',
      'linkedProviders',
      'enrolments',
      'lessonProgress',
      'videoProgress',
      'videoQuestionAnswers',
      'quizAttempts',
      'placementAttempts',
      'offlineDownloads',
      'offlineEvents',
      'certificates',
      'notifications',
      'notificationPreferences',
      'sessions',
      'coverageFacts',
      'digitalIdentityDeclarations',
      'universalisationConfirmations',
      'inPersonLearning',
    ]);
    expect(data.format).toBe('hocvuso-personal-data/1');
    expect(data.account).toMatchObject({
      id: l.id,
      displayName: 'Nguyễn Văn Học',
      email: l.email,
      phone: null,
      hasPassword: true,
    });
    expect(data.profile).toMatchObject({
      targetGroups: ['citizens'],
      subGroups: ['older-adults'],
      unit: { id: ids.C1 },
      accessibility: { largeText: true },
    });
    expect(data.consents).toEqual([
      expect.objectContaining({
        purpose: 'learning-records',
        granted: true,
        channel: 'web',
        textVersion: '2026-11',
      }),
    ]);
    expect(data.enrolments).toEqual([
      expect.objectContaining({ courseId: COURSE, status: 'completed', completedAt: expect.any(String) }),
    ]);
    expect(data.lessonProgress.length).toBeGreaterThan(0);
    expect(data.lessonProgress.every((p: { courseId: string }) => p.courseId === COURSE)).toBe(true);
    expect(data.quizAttempts.length).toBeGreaterThan(0);
    expect(data.quizAttempts[0]).toMatchObject({
      answers: expect.any(Object),
      passed: true,
      submittedAt: expect.any(String),
    });
    expect(data.certificates).toEqual([
      {
        id: cert.id,
        serial: cert.serial,
        courseId: COURSE,
        status: 'valid',
        issuedAt: expect.any(String),
        verifyUrl: cert.verifyUrl,
      },
    ]);
    expect(data.notifications).toEqual([
      expect.objectContaining({ kind: 'inactive', title: { vi: 'Tiếp tục học nhé' } }),
    ]);
    expect(data.sessions.length).toBeGreaterThan(0);
    expect(data.sessions[0]).toMatchObject({
      id: expect.any(String),
      createdAt: expect.any(String),
      authMethod: 'password',
    });
    const text = JSON.stringify(data);
    expect(text).not.toMatch(/token_?hash|tokenHash|password_?hash|passwordHash|code_?hash/i);
    expect(text).not.toContain(l.sessionCookie.split('=')[1]!.split('.')[0]);
    const audits = await db.query(
      `SELECT actor_user_id, scope FROM audit_log WHERE action = 'learner.export' AND subject_id = $1`,
      [l.id],
    );
    expect(audits).toEqual([{ actor_user_id: l.id, scope: expect.stringContaining(`C1${tag}`) }]);
  });

  it('deletes the account by de-identifying it: sign-in fails, certificates stay verifiable, statistics rows stay', async () => {
    const { l, cert } = await certifiedLearner();
    const counts = async () => ({
      enrolments: (await db.query(`SELECT count(*)::int AS n FROM enrolments WHERE user_id = $1`, [l.id]))[0]
        .n,
      lessons: (
        await db.query(`SELECT count(*)::int AS n FROM lesson_progress WHERE user_id = $1`, [l.id])
      )[0].n,
      consents: (await db.query(`SELECT count(*)::int AS n FROM consents WHERE user_id = $1`, [l.id]))[0].n,
      certificates: (
        await db.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [l.id])
      )[0].n,
    });
    const before = await counts();

    expectErrorShape(
      (await l.agent.delete('/api/me/account').set('x-csrf-token', l.csrf).send({}).expect(400)).body,
      400,
      'PASSWORD_REQUIRED',
    );
    expectErrorShape(
      (
        await l.agent
          .delete('/api/me/account')
          .set('x-csrf-token', l.csrf)
          .send({ password: 'not-my-password' })
          .expect(403)
      ).body,
      403,
      'PASSWORD_INCORRECT',
    );
    const deleted = await l.agent
      .delete('/api/me/account')
      .set('x-csrf-token', l.csrf)
      .send({ password: PASSWORD })
      .expect(204);
    expect(
      (deleted.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('hvs_session=')),
    ).toMatch(/^hvs_session=;/);

    await l.agent.get('/api/auth/me').expect(401);
    await request(t.http).get('/api/auth/me').set('cookie', l.sessionCookie).expect(401);
    const again = await browser(t.http);
    expectErrorShape(
      (await again.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(401))
        .body,
      401,
      'INVALID_CREDENTIALS',
    );

    const [user] = await db.query(
      `SELECT display_name, email, phone, password_hash, deidentified_at, pseudonym FROM users WHERE id = $1`,
      [l.id],
    );
    expect(user).toMatchObject({
      display_name: DELETED_NAME,
      email: null,
      phone: null,
      password_hash: null,
      deidentified_at: expect.any(Date),
    });
    expect(await db.query(`SELECT 1 FROM sessions WHERE user_id = $1`, [l.id])).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM notifications WHERE user_id = $1`, [l.id])).toHaveLength(0);
    const [profile] = await db.query(
      `SELECT unit_path, target_groups, sub_groups, organisation_id, accessibility FROM learner_profiles WHERE user_id = $1`,
      [l.id],
    );
    expect(profile).toEqual({
      unit_path: expect.stringContaining(`C1${tag}`),
      target_groups: ['citizens'],
      sub_groups: [],
      organisation_id: null,
      accessibility: {},
    });
    expect(await counts()).toEqual(before);

    // The certificate keeps the name frozen at issue and still verifies.
    const verified = await request(t.http).get(`/api/credentials/${cert.id}/verify`).expect(200);
    expect(verified.body.verdict).toBe('valid');
    expect(verified.body.claims.recipientName).toBe('Nguyễn Văn Học');
    const audits = await db.query(
      `SELECT actor_user_id, after FROM audit_log WHERE action = 'account.deidentify' AND subject_id = $1`,
      [l.id],
    );
    expect(audits).toEqual([{ actor_user_id: l.id, after: { by: 'self', withdrawnCertificates: 0 } }]);
  });

  it('an account without a password proves a recent sign-in instead', async () => {
    const l = await signedUpLearner(t.http);
    await db.query(`UPDATE users SET password_hash = NULL WHERE id = $1`, [l.id]);
    await db.query(
      `UPDATE sessions SET authenticated_at = now() - interval '20 minutes' WHERE user_id = $1`,
      [l.id],
    );
    expectErrorShape(
      (await l.agent.delete('/api/me/account').set('x-csrf-token', l.csrf).send({}).expect(403)).body,
      403,
      'REAUTHENTICATION_REQUIRED',
    );
    await db.query(`UPDATE sessions SET authenticated_at = now() WHERE user_id = $1`, [l.id]);
    await l.agent.delete('/api/me/account').set('x-csrf-token', l.csrf).send({}).expect(204);
    expect((await db.query(`SELECT display_name FROM users WHERE id = $1`, [l.id]))[0].display_name).toBe(
      DELETED_NAME,
    );
  });

  describe('by an administrator', () => {
    let admin1: Browser & { id: string };
    let admin2: Browser & { id: string };
    beforeAll(async () => {
      const make = async (unit: string) => {
        const a = await signedUpLearner(t.http, `Quản trị ${unit}`);
        await placeIn(a, unit);
        await system
          .post('/api/admin/role-grants')
          .send({ userId: a.id, role: 'unit_admin', unitId: ids[unit] })
          .expect(201);
        return a;
      };
      admin1 = await make('C1');
      admin2 = await make('C2');
    });

    it('de-identifies a learner of their commune with a reason; others get 404, learners 403', async () => {
      const l = await signedUpLearner(t.http, 'Người Sẽ Bị Xoá');
      await placeIn(l, 'C1');
      const path = `/api/admin/learners/${l.id}/deidentify`;
      expectErrorShape(
        (await admin2.post(path).send({ reason: 'Yêu cầu của người học' }).expect(404)).body,
        404,
        'LEARNER_NOT_FOUND',
      );
      const learner = await signedUpLearner(t.http);
      expectErrorShape(
        (await learner.post(path).send({ reason: 'Yêu cầu của người học' }).expect(403)).body,
        403,
        'FORBIDDEN',
      );
      await admin1.post(path).send({}).expect(400);
      await admin1.post(path).send({ reason: 'Yêu cầu của người học' }).expect(204);
      expectErrorShape(
        (await admin1.post(path).send({ reason: 'lần hai' }).expect(409)).body,
        409,
        'ALREADY_DEIDENTIFIED',
      );
      await l.agent.get('/api/auth/me').expect(401);
      const [audit] = await db.query(
        `SELECT actor_user_id, reason, scope FROM audit_log WHERE action = 'account.deidentify' AND subject_id = $1`,
        [l.id],
      );
      expect(audit).toEqual({
        actor_user_id: admin1.id,
        reason: 'Yêu cầu của người học',
        scope: expect.stringContaining(`C1${tag}`),
      });
      // The administrator still counts the person (in the list, without a name).
      const listed = await admin1.agent.get(`/api/admin/learners/${l.id}`).expect(200);
      expect(listed.body).toMatchObject({ displayName: DELETED_NAME, email: null, phone: null });
    });

    it('refuses to remove an administrator above them', async () => {
      const peer = await signedUpLearner(t.http);
      await placeIn(peer, 'C1');
      await system
        .post('/api/admin/role-grants')
        .send({ userId: peer.id, role: 'province_admin', unitId: ids.P })
        .expect(201);
      expectErrorShape(
        (await admin1.post(`/api/admin/learners/${peer.id}/deidentify`).send({ reason: 'thử' }).expect(403))
          .body,
        403,
        'DEIDENTIFY_REFUSED',
      );
    });
  });

  describe('issue 11: what the export holds, and withdrawing certificates on deletion', () => {
    /** A learner of C1 holding an issued certificate (the enrolment completed directly: this is about data rights). */
    async function holder() {
      const l = await signedUpLearner(t.http, 'Người Giữ Chứng Chỉ');
      await placeIn(l, 'C1');
      const [e] = await db.query(
        `INSERT INTO enrolments (user_id, course_id, status, completed_at) VALUES ($1, $2, 'completed', now()) RETURNING id`,
        [l.id, COURSE],
      );
      const [r] = await db.query(
        `INSERT INTO certificate_requests (enrolment_id, course_version_id) SELECT $1, current_version_id FROM courses WHERE id = $2 RETURNING id`,
        [e.id, COURSE],
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
      expect(await issueCertificate(deps, r.id)).toBe('done');
      const [cert] = await db.query(`SELECT id FROM certificates WHERE user_id = $1`, [l.id]);
      return { l, certId: cert.id as string };
    }
    const verify = async (id: string) =>
      (await request(t.http).get(`/api/credentials/${id}/verify`).expect(200)).body;

    it('the export holds the household code', async () => {
      const l = await signedUpLearner(t.http);
      await l.agent
        .put('/api/me/profile')
        .set('x-csrf-token', l.csrf)
        .send({
          targetGroups: ['citizens'],
          subGroups: [],
          unitId: ids.C1,
          organisationId: null,
          householdCode: 'SO-12/3',
          language: 'vi',
          accessibility: {},
        })
        .expect(200);
      const data = (await l.agent.get('/api/me/data-export').expect(200)).body;
      expect(data.profile.householdCode).toBe('SO-12/3');
    });

    it('deleting with withdrawCertificates revokes the certificates first, so they no longer vouch for the name', async () => {
      const { l, certId } = await holder();
      expect((await verify(certId)).verdict).toBe('valid');
      await l.agent
        .delete('/api/me/account')
        .set('x-csrf-token', l.csrf)
        .send({ password: PASSWORD, withdrawCertificates: true })
        .expect(204);
      const [row] = await db.query(`SELECT status_state, status_reason FROM certificates WHERE id = $1`, [
        certId,
      ]);
      expect(row).toEqual({
        status_state: 'revoked',
        status_reason: 'Withdrawn by the holder on deleting their account',
      });
      const checked = await verify(certId);
      expect(checked.verdict).toBe('revoked');
      expect(checked.checks.status).toBe('revoked');
      const audit = await db.query(
        `SELECT action, actor_user_id, after FROM audit_log WHERE (subject_id = $1 AND action = 'certificate.revoke') OR (subject_id = $2 AND action = 'account.deidentify') ORDER BY id`,
        [certId, l.id],
      );
      expect(audit).toEqual([
        expect.objectContaining({ action: 'certificate.revoke', actor_user_id: l.id }),
        expect.objectContaining({
          action: 'account.deidentify',
          after: { by: 'self', withdrawnCertificates: 1 },
        }),
      ]);
    });

    it('without the flag the certificate stays valid; a wrong password withdraws nothing', async () => {
      const { l, certId } = await holder();
      await l.agent
        .delete('/api/me/account')
        .set('x-csrf-token', l.csrf)
        .send({ password: 'wrong-one', withdrawCertificates: true })
        .expect(403);
      expect(
        (await db.query(`SELECT status_state FROM certificates WHERE id = $1`, [certId]))[0].status_state,
      ).toBeNull();
      await l.agent
        .delete('/api/me/account')
        .set('x-csrf-token', l.csrf)
        .send({ password: PASSWORD })
        .expect(204);
      expect(
        (await db.query(`SELECT status_state FROM certificates WHERE id = $1`, [certId]))[0].status_state,
      ).toBeNull();
      await l.agent
        .delete('/api/me/account')
        .set('x-csrf-token', l.csrf)
        .send({ withdrawCertificates: 'yes' })
        .expect(401);
    });
  });

  describe('issue 13: coverage records in the export, and what deletion does with them', () => {
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    let helper: Browser & { id: string };
    let helperGrant: string;
    let l: Browser & { id: string; email: string };
    let other: Browser & { id: string };

    /** A self-declaration, a helper's confirmation, an in-person record and a universalisation confirmation. */
    const coverageOf = async (who: Browser & { id: string }, note: string) => {
      await who.agent
        .put('/api/me/digital-identity')
        .set('x-csrf-token', who.csrf)
        .send({ vneidLevel2: true, bankAccount: false })
        .expect(200);
      await helper
        .post(`/api/admin/learners/${who.id}/digital-identity`)
        .send({ bankAccount: true })
        .expect(200);
      await helper
        .post('/api/admin/in-person-learning')
        .send({ userId: who.id, courseId: COURSE, on: today, note })
        .expect(201);
      const rules = await currentUniversalisationRules(db);
      await insertUniversalisationConfirmation(db, {
        userId: who.id,
        targetGroup: 'citizens',
        ruleVersion: rules!.version,
        evidence: {
          ruleSet: 'qd757-universalisation',
          covered: [{ competency: 'qd757-v1:0.1', minLevel: 1 }],
        },
        checkId: null,
      });
    };
    const exportOf = async (who: Browser) => (await who.agent.get('/api/me/data-export').expect(200)).body;

    beforeAll(async () => {
      helper = await signedUpLearner(t.http, 'Lò Thị Giúp');
      await placeIn(helper, 'C1');
      helperGrant = (
        await system
          .post('/api/admin/role-grants')
          .send({ userId: helper.id, role: 'community_helper', unitId: ids.C1 })
          .expect(201)
      ).body.id;
      l = await signedUpLearner(t.http, 'Người Được Giúp');
      await placeIn(l, 'C1');
      other = await signedUpLearner(t.http, 'Người Bên Cạnh');
      await placeIn(other, 'C1');
      await coverageOf(l, 'Học ở nhà văn hoá bản');
      await coverageOf(other, 'Ghi chú về người khác');
    });

    it('exports the coverage facts, declarations, confirmations and in-person records, and only the person’s own', async () => {
      const data = await exportOf(l);
      const facts = data.coverageFacts as Array<Record<string, unknown>>;
      const measures = facts.map((f) => `${f.measure}/${f.targetGroup}`).sort();
      expect(measures).toEqual(
        [
          'bank_account/*',
          'bank_account/citizens',
          'in_person/*',
          'in_person/citizens',
          'vneid_level2/*',
          'vneid_level2/citizens',
        ].sort(),
      );
      const bank = facts.find((f) => f.measure === 'bank_account' && f.targetGroup === 'citizens')!;
      expect(bank).toMatchObject({
        source: 'helper',
        placeAtTheTime: { unit: `Xã Một ${tag}`, organisation: null },
        achievedAt: expect.any(String),
        confirmedBy: { role: 'community_helper', name: 'Lò Thị Giúp' },
      });
      const vneid = facts.find((f) => f.measure === 'vneid_level2' && f.targetGroup === 'citizens')!;
      expect(vneid).toMatchObject({ source: 'self', confirmedBy: null });
      // Evidence never carries another person's account id.
      for (const f of facts) expect(JSON.stringify(f.evidence)).not.toContain(helper.id);

      expect(data.digitalIdentityDeclarations).toEqual([
        expect.objectContaining({ kind: 'vneid_level2', value: true, source: 'self', confirmedBy: null }),
        expect.objectContaining({ kind: 'bank_account', value: false, source: 'self', confirmedBy: null }),
        expect.objectContaining({
          kind: 'bank_account',
          value: true,
          source: 'helper',
          confirmedBy: { role: 'community_helper', name: 'Lò Thị Giúp' },
        }),
      ]);
      expect(data.universalisationConfirmations).toEqual([
        expect.objectContaining({
          targetGroup: 'citizens',
          confirmedOn: today,
          placeAtTheTime: { unit: `Xã Một ${tag}`, organisation: null },
          evidence: expect.objectContaining({ ruleSet: 'qd757-universalisation' }),
        }),
      ]);
      expect(data.inPersonLearning).toEqual([
        expect.objectContaining({
          courseId: COURSE,
          learnedOn: today,
          note: 'Học ở nhà văn hoá bản',
          confirmedBy: { role: 'community_helper', name: 'Lò Thị Giúp' },
        }),
      ]);

      // Nothing of the other person: not their note, not their confirmation's id.
      const text = JSON.stringify(data);
      expect(text).not.toContain('Ghi chú về người khác');
      expect(text).not.toContain(other.id);
      const [theirs] = await db.query(`SELECT id FROM universalisation_confirmations WHERE user_id = $1`, [
        other.id,
      ]);
      expect(text).not.toContain(theirs.id);
      // The helper's own export holds none of the people they helped.
      const helperData = await exportOf(helper);
      expect(helperData.coverageFacts).toEqual([]);
      expect(helperData.inPersonLearning).toEqual([]);
      expect(JSON.stringify(helperData)).not.toContain('Học ở nhà văn hoá bản');
    });

    it('shows a helper who left the role by nothing but that; deletion keeps the rows counted and erases the note', async () => {
      // The profile follows the export's rule: the helper is named while they act in a confirming role.
      const profileView = async () =>
        JSON.stringify((await l.agent.get('/api/me/digital-identity').expect(200)).body);
      expect(await profileView()).toContain('Lò Thị Giúp');
      await system.agent
        .delete(`/api/admin/role-grants/${helperGrant}`)
        .set('x-csrf-token', system.csrf)
        .expect(204);
      const after = await exportOf(l);
      expect(after.inPersonLearning[0].confirmedBy).toEqual({ role: null, name: null });
      expect(after.digitalIdentityDeclarations[2].confirmedBy).toEqual({ role: null, name: null });
      expect(JSON.stringify(after)).not.toContain('Lò Thị Giúp');
      expect(await profileView()).not.toContain('Lò Thị Giúp');

      const facts = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM coverage_facts WHERE user_id = $1`, [l.id]))[0]
          .n as number;
      const before = await facts();
      await l.agent
        .delete('/api/me/account')
        .set('x-csrf-token', l.csrf)
        .send({ password: PASSWORD })
        .expect(204);
      // Still counted: every fact, declaration and confirmation stays under the account id; the note is gone.
      expect(await facts()).toBe(before);
      const [kept] = await db.query(
        `SELECT (SELECT count(*)::int FROM declarations WHERE user_id = $1) AS declarations,
                (SELECT count(*)::int FROM universalisation_confirmations WHERE user_id = $1) AS confirmations,
                (SELECT note FROM in_person_learning WHERE user_id = $1) AS note`,
        [l.id],
      );
      expect(kept).toEqual({ declarations: 3, confirmations: 1, note: '' });
      // Never named: the account that keeps them has no name, contact or sign-in any more.
      const [user] = await db.query(`SELECT display_name, email, phone FROM users WHERE id = $1`, [l.id]);
      expect(user).toEqual({ display_name: DELETED_NAME, email: null, phone: null });
      // The other person's note is untouched.
      const [theirs] = await db.query(`SELECT note FROM in_person_learning WHERE user_id = $1`, [other.id]);
      expect(theirs.note).toBe('Ghi chú về người khác');
    });
  });
});
