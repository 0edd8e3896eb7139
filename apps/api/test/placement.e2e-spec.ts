import { randomUUID } from 'node:crypto';
import { type BankQuestion, SUB_GROUPS } from '@hocvuso/domain';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  type Browser,
  expectErrorShape,
  placeLearner,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

/** Placement test and personal path (docs/placement.md). */
jest.setTimeout(180_000);

type Layout = Array<{ id: string; optionOrder: string[]; optionKeys?: string[] }>;

describe('placement test and personal path', () => {
  let t: TestApp;
  let db: DataSource;
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  async function learner(targetGroups: string[] = ['citizens'], subGroups: string[] = []) {
    const l = await signedUpLearner(t.http);
    if (targetGroups.length > 0) await placeLearner(l, null, { targetGroups, subGroups });
    return l;
  }
  const start = (l: Browser, body: object = {}) => l.post('/api/placement/attempts').send(body);
  const submit = (l: Browser, id: string, answers: object) =>
    l.post(`/api/placement/attempts/${id}/submit`).send({ answers });

  /** The answers (in the attempt's shown ids) that are all right, or all wrong. */
  async function answersFor(attemptId: string, right: boolean): Promise<Record<string, string | string[]>> {
    const [row] = await db.query(
      `SELECT p.questions, a.layout FROM placement_attempts a JOIN placement_tests p ON p.target_group = a.target_group
        WHERE a.id = $1`,
      [attemptId],
    );
    const byId = new Map((row.questions as BankQuestion[]).map((q) => [q.id, q]));
    return Object.fromEntries(
      (row.layout as Layout).map((l) => {
        const k = (bankId: string) => l.optionKeys?.[l.optionOrder.indexOf(bankId)] ?? bankId;
        const q = byId.get(l.id)!;
        switch (q.type) {
          case 'single':
            return [l.id, k(q.options.find((o) => (o.correct === true) === right)!.id)];
          case 'multiple':
            return [l.id, q.options.filter((o) => (o.correct === true) === right).map((o) => k(o.id))];
          case 'truefalse':
            return [l.id, k(String(right ? q.answer : !q.answer))];
          case 'ordering':
            return [l.id, (right ? q.items : [...q.items].reverse()).map((i) => k(i.id))];
        }
      }),
    );
  }

  /** The published courses of a group with at least one Circular 02 competency, by id. */
  async function groupCoursesOfFramework(group: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT DISTINCT c.id FROM courses c JOIN course_versions v ON v.id = c.current_version_id
         JOIN course_version_competencies cc ON cc.course_version_id = v.id AND cc.framework_id = 'tt02-2025'
        WHERE c.published AND $1 = ANY (v.target_groups) ORDER BY c.id`,
      [group],
    );
    return rows.map((r) => r.id);
  }

  /**
   * The courses a learner of `group` with `subGroups` gets when nothing is mastered: the group's courses made for
   * everyone or for one of the sub-groups, and every course made for one of the sub-groups, with a Circular 02 competency.
   */
  async function subGroupPathCourses(group: string, subGroups: string[]): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `SELECT DISTINCT c.id FROM courses c JOIN course_versions v ON v.id = c.current_version_id
         JOIN course_version_competencies cc ON cc.course_version_id = v.id AND cc.framework_id = 'tt02-2025'
        WHERE c.published
          AND (v.sub_groups && $2::text[] OR ($1 = ANY (v.target_groups) AND cardinality(v.sub_groups) = 0))
        ORDER BY c.id`,
      [group, subGroups],
    );
    return rows.map((r) => r.id);
  }

  /** Courses of a group whose Circular 02 competencies are all among `mastered` (they must be skipped). */
  async function fullyMasteredCourses(group: string, mastered: string[]): Promise<string[]> {
    const rows: Array<{ id: string; codes: string[] }> = await db.query(
      `SELECT c.id, array_agg(cc.framework_id || ':' || cc.code) AS codes
         FROM courses c JOIN course_versions v ON v.id = c.current_version_id
         JOIN course_version_competencies cc ON cc.course_version_id = v.id AND cc.framework_id = 'tt02-2025'
        WHERE c.published AND $1 = ANY (v.target_groups) GROUP BY c.id`,
      [group],
    );
    return rows.filter((r) => r.codes.every((c) => mastered.includes(c))).map((r) => r.id);
  }

  it('serves every item of the group test without the key, with opaque option ids new in every attempt', async () => {
    const a = await learner();
    const b = await learner();
    const first = await start(a).expect(201);
    const second = await start(b).expect(201);
    expect(first.headers['cache-control']).toBe('no-store');
    const body = first.body;
    expect(body).toMatchObject({
      targetGroup: 'citizens',
      framework: 'tt02-2025',
      status: 'open',
      result: null,
    });
    const [test] = await db.query(`SELECT questions FROM placement_tests WHERE target_group = 'citizens'`);
    const bank = test.questions as BankQuestion[];
    expect(body.questions).toHaveLength(bank.length);
    expect(body.questions.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/"correct"|"answer"|"explanation"/);
    const bankOptionIds = new Set(
      bank.flatMap((q) => (q.type === 'single' || q.type === 'multiple' ? q.options.map((o) => o.id) : [])),
    );
    for (const q of body.questions) {
      expect(q.competency).toMatch(/^tt02-2025:/);
      if (q.type === 'single' || q.type === 'multiple')
        for (const o of q.options) expect(bankOptionIds.has(o.id)).toBe(false);
    }
    const idsOf = (r: { questions: Array<{ id: string; options: Array<{ id: string }> }> }) =>
      new Set(r.questions.flatMap((q) => q.options.map((o) => `${q.id}/${o.id}`)));
    const overlap = [...idsOf(body)].filter(
      (id) => idsOf(second.body).has(id) && !/\/(true|false)$/.test(id),
    );
    expect(overlap).toEqual([]);
    // starting again resumes the same attempt
    const again = await start(a).expect(200);
    expect(again.body.id).toBe(body.id);
    expect(again.body.questions).toEqual(body.questions);
  });

  it('all right: every tested competency mastered, and the path skips courses that teach only those', async () => {
    const l = await learner();
    const { body: attempt } = await start(l).expect(201);
    const res = await submit(l, attempt.id, await answersFor(attempt.id, true)).expect(200);
    const tested = [...new Set(attempt.questions.map((q: { competency: string }) => q.competency))];
    expect(res.body.status).toBe('submitted');
    expect(res.body.result.correct).toBe(attempt.questions.length);
    expect(res.body.result.mastered.map((m: { competency: string }) => m.competency).sort()).toEqual(
      [...tested].sort(),
    );
    expect(res.body.result.notMastered).toEqual([]);
    const path: Array<{ courseId: string; level: number; toLearn: Array<{ competency: string }> }> =
      res.body.result.path;
    const skipped = await fullyMasteredCourses('citizens', tested as string[]);
    expect(skipped.length).toBeGreaterThan(0);
    for (const id of skipped) expect(path.map((p) => p.courseId)).not.toContain(id);
    expect(path.length).toBeGreaterThan(0);
    for (const p of path) {
      expect(p.toLearn.length).toBeGreaterThan(0);
      for (const c of p.toLearn) expect(tested).not.toContain(c.competency);
    }
    const levels = path.map((p) => p.level);
    expect(levels).toEqual([...levels].sort((x, y) => x - y));
  });

  it('all wrong: nothing mastered, the path holds every group course of the framework and My learning shows it', async () => {
    const l = await learner();
    const before = await l.agent.get('/api/me/path').expect(200);
    expect(before.body).toMatchObject({
      targetGroup: 'citizens',
      latest: null,
      path: [],
      next: null,
      openAttemptId: null,
    });
    const { body: attempt } = await start(l).expect(201);
    const open = await l.agent.get('/api/me/path').expect(200);
    expect(open.body.openAttemptId).toBe(attempt.id);
    const res = await submit(l, attempt.id, await answersFor(attempt.id, false)).expect(200);
    expect(res.body.result.correct).toBe(0);
    expect(res.body.result.mastered).toEqual([]);
    const ids = res.body.result.path.map((p: { courseId: string }) => p.courseId);
    expect(ids).toContain('online-scams');
    // nothing mastered, nothing completed: every group course teaching a Circular 02 competency, each once
    expect([...ids].sort()).toEqual((await groupCoursesOfFramework('citizens')).sort());
    // no sub-group in the profile: no course is on the path for one
    for (const p of res.body.result.path) expect(p.forSubGroups).toEqual([]);
    const mine = await l.agent.get('/api/me/path').expect(200);
    expect(mine.body.path).toEqual(res.body.result.path);
    expect(mine.body.next).toEqual(mine.body.path[0]);
    expect(mine.body.latest).toMatchObject({ attemptId: attempt.id, mastered: [] });
    // a completed course leaves the path; enrolling marks it
    await l.post(`/api/courses/${mine.body.path[1].courseId}/enrol`).send({}).expect(201);
    const first = mine.body.path[0].courseId as string;
    await l.post(`/api/courses/${first}/enrol`).send({}).expect(201);
    await db.query(
      `UPDATE enrolments SET status = 'completed', completed_at = now() WHERE user_id = $1 AND course_id = $2`,
      [l.id, first],
    );
    const after = await l.agent.get('/api/me/path').expect(200);
    expect(after.body.path.map((p: { courseId: string }) => p.courseId)).not.toContain(first);
    expect(after.body.next.courseId).toBe(mine.body.path[1].courseId);
    expect(after.body.next.enrolled).toBe(true);
  });

  type PathItem = { courseId: string; level: number; enrolled: boolean; forSubGroups: string[] };
  /** The path after an all-wrong placement (nothing mastered), from the result and from My learning. */
  async function placedPath(l: Browser): Promise<{ attemptId: string; path: PathItem[] }> {
    const { body: attempt } = await start(l).expect(201);
    const res = await submit(l, attempt.id, await answersFor(attempt.id, false)).expect(200);
    const mine = await l.agent.get('/api/me/path').expect(200);
    expect(mine.body.path).toEqual(res.body.result.path);
    return { attemptId: attempt.id, path: res.body.result.path };
  }
  /** Inside each level, the courses made for the learner's sub-groups come before the general ones. */
  function expectSubGroupCoursesFirstInLevel(path: PathItem[]): void {
    for (const level of new Set(path.map((p) => p.level))) {
      const forThem = path.filter((p) => p.level === level).map((p) => p.forSubGroups.length > 0);
      expect(forThem).toEqual([...forThem].sort((a, b) => Number(b) - Number(a)));
    }
  }
  const setSubGroups = (l: Browser, subGroups: unknown) =>
    l.agent
      .put('/api/me/profile')
      .set('x-csrf-token', l.csrf)
      .send({
        targetGroups: ['citizens'],
        subGroups,
        unitId: null,
        organisationId: null,
        language: 'vi',
        accessibility: {},
      });

  it('a citizen with a disability: the course made for them is next, and courses only for other sub-groups stay off', async () => {
    const l = await learner(['citizens'], ['people-with-disabilities']);
    const { path } = await placedPath(l);
    const ids = path.map((p) => p.courseId);
    expect([...ids].sort()).toEqual(await subGroupPathCourses('citizens', ['people-with-disabilities']));
    expect(path.find((p) => p.courseId === 'digital-skills-for-people-with-disabilities')).toMatchObject({
      forSubGroups: ['people-with-disabilities'],
    });
    expectSubGroupCoursesFirstInLevel(path);
    // made only for older adults, ethnic minorities or small traders: not on this learner's path
    for (const id of ['smartphone-basics', 'online-health', 'easy-vietnamese-first-steps', 'selling-online'])
      expect(ids).not.toContain(id);
    // general courses stay
    expect(ids).toContain('online-scams');
    expect(path.filter((p) => p.forSubGroups.length === 0).length).toBeGreaterThan(0);
    const mine = await l.agent.get('/api/me/path').expect(200);
    expect(mine.body.next.courseId).toBe('digital-skills-for-people-with-disabilities');
    // another learner's sub-groups change nothing for a learner without any
    const plain = await learner();
    const { path: plainPath } = await placedPath(plain);
    expect(plainPath.every((p) => p.forSubGroups.length === 0)).toBe(true);
    expect(plainPath.map((p) => p.courseId)).toContain('smartphone-basics');
  });

  it('an older adult in another group gets the courses made for older adults of any group, first in their level', async () => {
    const l = await learner(['enterprise-workers'], ['older-adults']);
    const { path } = await placedPath(l);
    const ids = path.map((p) => p.courseId);
    expect([...ids].sort()).toEqual(await subGroupPathCourses('enterprise-workers', ['older-adults']));
    // smartphone-basics and online-health target citizens only: they join for the sub-group
    for (const id of ['smartphone-basics', 'online-health'])
      expect(path.find((p) => p.courseId === id)).toMatchObject({ forSubGroups: ['older-adults'] });
    // made for small traders and farmers only, although it targets enterprise workers
    expect(ids).not.toContain('digital-tools-for-production');
    expectSubGroupCoursesFirstInLevel(path);
    expect(path[0]!.forSubGroups).toEqual(['older-adults']);
  });

  it('the path follows the profile’s sub-groups when read; several are named, unknown ones change nothing', async () => {
    const l = await learner(['citizens'], ['people-with-disabilities']);
    const { attemptId } = await placedPath(l);
    await setSubGroups(l, ['people-with-disabilities', 'older-adults']).expect(200);
    const both = (await l.agent.get('/api/me/path').expect(200)).body.path as PathItem[];
    expect(
      both.find((p) => p.courseId === 'digital-skills-for-people-with-disabilities')!.forSubGroups,
    ).toEqual(['older-adults', 'people-with-disabilities']);
    expect(both.find((p) => p.courseId === 'smartphone-basics')!.forSubGroups).toEqual(['older-adults']);
    expect([...both.map((p) => p.courseId)].sort()).toEqual(
      await subGroupPathCourses('citizens', ['people-with-disabilities', 'older-adults']),
    );
    // the stored result shows the path as it is now, too
    const result = await l.agent.get(`/api/placement/attempts/${attemptId}`).expect(200);
    expect(result.body.result.path).toEqual(both);
    // none: the group's whole path again
    await setSubGroups(l, []).expect(200);
    const none = (await l.agent.get('/api/me/path').expect(200)).body.path as PathItem[];
    expect([...none.map((p) => p.courseId)].sort()).toEqual(
      (await groupCoursesOfFramework('citizens')).sort(),
    );
    // codes the platform does not know, stored by an older import, count as no sub-group
    await db.query(`UPDATE learner_profiles SET sub_groups = '{veterans,OLDER-ADULTS}' WHERE user_id = $1`, [
      l.id,
    ]);
    expect((await l.agent.get('/api/me/path').expect(200)).body.path).toEqual(none);
  });

  it('refuses forged sub-groups in the profile and keeps the path; 50 parallel reads agree', async () => {
    const l = await learner(['citizens'], ['people-with-disabilities']);
    const { path } = await placedPath(l);
    const forgedBodies: Array<[unknown, string]> = [
      [['veterans'], 'VALIDATION_FAILED'],
      [['older-adults\u0000'], 'INVALID_TEXT'],
      [['older-adults\u200b'], 'VALIDATION_FAILED'],
      [['OLDER-ADULTS'], 'VALIDATION_FAILED'],
      [[...SUB_GROUPS, 'older-adults'], 'VALIDATION_FAILED'],
      [['x'.repeat(100_000)], 'VALIDATION_FAILED'],
      ['older-adults', 'VALIDATION_FAILED'],
      [[{ code: 'older-adults' }], 'VALIDATION_FAILED'],
    ];
    for (const [forged, code] of forgedBodies)
      expectErrorShape((await setSubGroups(l, forged).expect(400)).body, 400, code);
    const profile = await db.query(`SELECT sub_groups FROM learner_profiles WHERE user_id = $1`, [l.id]);
    expect(profile[0].sub_groups).toEqual(['people-with-disabilities']);
    const reads = await Promise.all(Array.from({ length: 50 }, () => l.agent.get('/api/me/path')));
    for (const r of reads) {
      expect(r.status).toBe(200);
      expect(r.body.path).toEqual(path);
    }
  });

  it('50 parallel submits of one attempt: one graded result, every answer the same', async () => {
    const l = await learner();
    const { body: attempt } = await start(l).expect(201);
    const right = await answersFor(attempt.id, true);
    const results = await Promise.all(Array.from({ length: 50 }, () => submit(l, attempt.id, right)));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.filter((r) => r.body.replayed !== true)).toHaveLength(1);
    for (const r of results) expect(r.body.result).toEqual(results[0]!.body.result);
    const rows = await db.query(
      `SELECT count(*)::int AS n, count(submitted_at)::int AS graded FROM placement_attempts WHERE user_id = $1`,
      [l.id],
    );
    expect(rows[0]).toEqual({ n: 1, graded: 1 });
    // a replay with other answers changes nothing
    const replay = await submit(l, attempt.id, await answersFor(attempt.id, false)).expect(200);
    expect(replay.body.replayed).toBe(true);
    expect(replay.body.result).toEqual(results[0]!.body.result);
  });

  it('refuses forged bodies with stable codes and saves nothing', async () => {
    const l = await learner();
    const other = await learner();
    const { body: attempt } = await start(l).expect(201);
    const right = await answersFor(attempt.id, true);
    const [q0] = attempt.questions as Array<{ id: string; type: string; options: Array<{ id: string }> }>;
    // an item that was not served
    expectErrorShape((await submit(l, attempt.id, { ...right, 'not-served': 'x' }).expect(400)).body, 400);
    expectErrorShape(
      (await submit(l, attempt.id, { 'not-served': 'x' }).expect(400)).body,
      400,
      'INVALID_ANSWERS',
    );
    // a bank option id in place of the attempt's opaque one
    const [test] = await db.query(`SELECT questions FROM placement_tests WHERE target_group = 'citizens'`);
    const single = (test.questions as BankQuestion[]).find((q) => q.type === 'single')!;
    const bankId = single.type === 'single' ? single.options.find((o) => o.correct)!.id : 'x';
    expectErrorShape(
      (await submit(l, attempt.id, { [single.id]: bankId }).expect(400)).body,
      400,
      'INVALID_ANSWERS',
    );
    // another learner's attempt, a made-up id and a non-uuid all look the same
    expectErrorShape(
      (await submit(other, attempt.id, right).expect(404)).body,
      404,
      'PLACEMENT_ATTEMPT_NOT_FOUND',
    );
    expectErrorShape(
      (await other.agent.get(`/api/placement/attempts/${attempt.id}`).expect(404)).body,
      404,
      'PLACEMENT_ATTEMPT_NOT_FOUND',
    );
    expectErrorShape(
      (await submit(l, randomUUID(), right).expect(404)).body,
      404,
      'PLACEMENT_ATTEMPT_NOT_FOUND',
    );
    expectErrorShape((await submit(l, '../x', right).expect(404)).body, 404);
    // huge arrays, too many keys, wrong shapes, NUL and zero-width ids
    expectErrorShape(
      (await submit(l, attempt.id, { [q0!.id]: Array(5000).fill('a') }).expect(400)).body,
      400,
      'VALIDATION_FAILED',
    );
    const many = Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`q${i}`, 'a']));
    expectErrorShape((await submit(l, attempt.id, many).expect(400)).body, 400, 'VALIDATION_FAILED');
    expectErrorShape(
      (await l.post(`/api/placement/attempts/${attempt.id}/submit`).send({ answers: [] }).expect(400)).body,
      400,
    );
    expectErrorShape(
      (await submit(l, attempt.id, { [`${q0!.id}\u0000`]: 'a' }).expect(400)).body,
      400,
      'INVALID_TEXT',
    );
    expectErrorShape(
      (await submit(l, attempt.id, { [q0!.id]: `${q0!.options[0]!.id}\u200b` }).expect(400)).body,
      400,
      'INVALID_ANSWERS',
    );
    expectErrorShape(
      (
        await l
          .post(`/api/placement/attempts/${attempt.id}/submit`)
          .send({ answers: right, extra: 1 })
          .expect(400)
      ).body,
      400,
      'VALIDATION_FAILED',
    );
    const [row] = await db.query(`SELECT submitted_at FROM placement_attempts WHERE id = $1`, [attempt.id]);
    expect(row.submitted_at).toBeNull();
    // the real answers still go through afterwards
    await submit(l, attempt.id, right).expect(200);
  });

  it('the data export lists the learner’s placement attempts with their answers and mastered competencies', async () => {
    const l = await learner();
    const { body: attempt } = await start(l).expect(201);
    await submit(l, attempt.id, await answersFor(attempt.id, true)).expect(200);
    const data = (await l.agent.get('/api/me/data-export').expect(200)).body;
    expect(data.placementAttempts).toEqual([
      expect.objectContaining({
        id: attempt.id,
        targetGroup: 'citizens',
        framework: 'tt02-2025',
        submittedAt: expect.any(String),
        answers: expect.any(Object),
        mastered: expect.arrayContaining([attempt.questions[0].competency]),
      }),
    ]);
    // the export holds bank ids (what was chosen), never the attempt's opaque ids
    expect(Object.keys(data.placementAttempts[0].answers).sort()).toEqual(
      attempt.questions.map((q: { id: string }) => q.id).sort(),
    );
  });

  it('retake after the cool-down, by the database clock', async () => {
    const l = await learner();
    const { body: attempt } = await start(l).expect(201);
    const done = await submit(l, attempt.id, await answersFor(attempt.id, false)).expect(200);
    expect(Date.parse(done.body.retakeAt) - Date.parse(done.body.submittedAt)).toBe(24 * 3600 * 1000);
    const soon = await start(l).expect(409);
    expectErrorShape(soon.body, 409, 'PLACEMENT_RETAKE_TOO_SOON');
    expect(soon.body.details.retakeAt).toBe(done.body.retakeAt);
    await db.query(
      `UPDATE placement_attempts SET submitted_at = submitted_at - interval '24 hours 1 second' WHERE id = $1`,
      [attempt.id],
    );
    const again = await start(l).expect(201);
    expect(again.body.id).not.toBe(attempt.id);
    // the latest submitted result still drives the path until the new one is submitted
    const mine = await l.agent.get('/api/me/path').expect(200);
    expect(mine.body).toMatchObject({ openAttemptId: again.body.id, latest: { attemptId: attempt.id } });
  });

  it('the group comes from the profile; a learner without one chooses, and only among their own', async () => {
    const none = await learner([]);
    expectErrorShape((await start(none).expect(400)).body, 400, 'PLACEMENT_GROUP_REQUIRED');
    const choices = await none.agent.get('/api/me/path').expect(200);
    expect(choices.body.targetGroup).toBeNull();
    expect(choices.body.groups.map((g: { code: string }) => g.code).sort()).toEqual([
      'citizens',
      'enterprise-workers',
      'public-servants',
      'students',
    ]);
    expectErrorShape(
      (await start(none, { targetGroup: 'ALIENS' }).expect(400)).body,
      400,
      'VALIDATION_FAILED',
    );
    expectErrorShape(
      (await start(none, { targetGroup: 'aliens' }).expect(404)).body,
      404,
      'PLACEMENT_TEST_NOT_FOUND',
    );
    const chosen = await start(none, { targetGroup: 'students' }).expect(201);
    expect(chosen.body.targetGroup).toBe('students');

    const two = await learner(['citizens', 'public-servants']);
    expectErrorShape((await start(two).expect(400)).body, 400, 'PLACEMENT_GROUP_REQUIRED');
    expectErrorShape(
      (await start(two, { targetGroup: 'students' }).expect(400)).body,
      400,
      'PLACEMENT_GROUP_NOT_IN_PROFILE',
    );
    expect((await start(two, { targetGroup: 'public-servants' }).expect(201)).body.targetGroup).toBe(
      'public-servants',
    );
  });

  it('50 parallel starts make one attempt; signed-out callers get 401', async () => {
    const l = await learner(['enterprise-workers']);
    const results = await Promise.all(Array.from({ length: 50 }, () => start(l)));
    expect(results.every((r) => r.status === 201 || r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [row] = await db.query(`SELECT count(*)::int AS n FROM placement_attempts WHERE user_id = $1`, [
      l.id,
    ]);
    expect(row.n).toBe(1);
    expectErrorShape((await request(t.http).get('/api/me/path').expect(401)).body, 401);
  });
});
