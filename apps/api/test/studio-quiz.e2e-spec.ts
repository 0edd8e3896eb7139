import { randomBytes, randomUUID } from 'node:crypto';
import { issueCertificate } from '@hocvuso/issuance';
import { LocalDiskStorage } from '@hocvuso/storage';
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { completeCourse, correctAnswers } from './support/learning-world';
import { approveForPublish } from './support/review-world';
import {
  type Browser,
  expectErrorShape,
  signedInDemo,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

type Signed = Browser & { id: string; email: string };
const t2 = (vi: string) => ({ vi, en: `${vi} (EN)` });

/** Ten questions of every kind, right answers spread over positions, options of even length. */
const questions = () =>
  Array.from({ length: 10 }, (_, i) => {
    const base = {
      id: `cau-${i + 1}`,
      competency: i % 2 ? 'tt02-2025:1.1' : 'tt02-2025:4.1',
      prompt: t2(`Câu hỏi số ${i + 1}: chọn cách làm an toàn?`),
      explanation: t2(`Giải thích cho câu ${i + 1}.`),
    };
    if (i % 4 === 2) return { ...base, type: 'truefalse', answer: i % 8 === 2 };
    if (i % 4 === 3)
      return {
        ...base,
        type: 'ordering',
        items: ['Mở ứng dụng', 'Đăng nhập', 'Kiểm tra'].map((text, j) => ({ id: `b${j}`, text: t2(text) })),
      };
    return {
      ...base,
      type: i % 4 === 1 ? 'multiple' : 'single',
      options: ['Cách làm A', 'Cách làm B', 'Cách làm C', 'Cách làm D'].map((text, j) => ({
        id: `l${j}`,
        text: t2(text),
        correct: j === i % 4 || (i % 4 === 1 && j === 3),
      })),
    };
  });

const draft = (title: string, withQuiz: boolean, quiz: Record<string, unknown> = {}) => ({
  defaultLanguage: 'vi',
  languages: ['vi', 'en'],
  title: t2(title),
  summary: t2('Những điều cơ bản.'),
  description: { vi: '' },
  targetGroups: ['citizens'],
  competencies: [
    { framework: 'tt02-2025', code: '1.1', level: 1 },
    { framework: 'tt02-2025', code: '4.1', level: null },
  ],
  certificate: true,
  lessons: [
    { key: 'gioi-thieu', kind: 'text', title: t2('Giới thiệu'), minutes: 5, body: t2('Chào mừng các bác.') },
    ...(withQuiz
      ? [
          {
            key: 'kiem-tra',
            kind: 'quiz',
            title: t2('Bài kiểm tra'),
            minutes: 10,
            instructions: t2('Trả lời mọi câu hỏi.'),
            settings: { questionsPerAttempt: 5, passMark: 80, maxAttempts: 3, timeLimitMinutes: 20 },
            questions: questions(),
            ...quiz,
          },
        ]
      : []),
  ],
});

/**
 * The studio's quiz editor end to end: a teacher builds a quiz, publishes it, a learner passes it and gets a
 * certificate whose criteria name the pass mark; a course without a quiz never claims one; forged quiz bodies
 * are refused with the error shape and change nothing; another teacher's course is out of reach.
 */
describe('studio quizzes', () => {
  let t: TestApp;
  let world: FreshDatabase;
  let db: DataSource;
  const teachers: Record<'a' | 'b', Signed> = {} as never;
  const tag = randomBytes(3).toString('hex');
  const course = (name: string) => `${name}-${tag}`;

  const put = (b: Browser, url: string) => b.agent.put(url).set('x-csrf-token', b.csrf);
  const revisionOf = async (b: Browser, id: string) =>
    (await b.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.revision as number;
  const create = async (b: Signed, id: string) =>
    b.post('/api/teaching/courses').send({ id, title: 'Khoá có bài kiểm tra' }).expect(201);
  const save = async (b: Signed, id: string, document: unknown, status = 200) =>
    put(b, `/api/teaching/courses/${id}/draft`)
      .send({ revision: await revisionOf(b, id), document })
      .expect(status);
  const publish = async (b: Signed, id: string) =>
    b
      .post(`/api/teaching/courses/${id}/publish`)
      .send({ revision: await approveForPublish(t.http, b, id) })
      .expect(200);
  const issued = async (learnerId: string, courseId: string) => {
    const [req] = await db.query(
      `SELECT r.id FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id
        WHERE e.user_id = $1 AND e.course_id = $2`,
      [learnerId, courseId],
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
    const [cert] = await db.query(
      `SELECT credential FROM certificates WHERE enrolment_id IN
      (SELECT id FROM enrolments WHERE user_id = $1 AND course_id = $2)`,
      [learnerId, courseId],
    );
    return cert.credential as { credentialSubject: { achievement: { criteria: { narrative: string } } } };
  };

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({ DATABASE_URL: world.url, HEARTBEAT_RATE_LIMIT_PER_MINUTE: '1000' });
    const system = await signedInDemo(t.http);
    for (const key of ['a', 'b'] as const) {
      const teacher = await signedUpLearner(t.http, `Giáo viên ${key.toUpperCase()}`);
      await system.post('/api/admin/role-grants').send({ userId: teacher.id, role: 'teacher' }).expect(201);
      teachers[key] = teacher;
    }
  });
  afterAll(async () => {
    await t.close();
    await world.drop();
  });

  it('a teacher builds a quiz and publishes it; a learner passes it and the certificate names the pass mark', async () => {
    const a = teachers.a;
    const id = course('co-kiem-tra');
    await create(a, id);
    await save(a, id, draft('Khoá có kiểm tra', true));
    const saved = (await a.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.document;
    expect(saved.lessons[1].questions).toHaveLength(10);
    expect(saved.lessons[1].settings).toEqual({
      questionsPerAttempt: 5,
      passMark: 80,
      maxAttempts: 3,
      timeLimitMinutes: 20,
      reveal: 'afterPass',
      retakeCooldownHours: null,
    });
    expect((await publish(a, id)).body).toEqual({ versionNo: 1, changed: true, lessonChanges: [] });

    // The published bank is the content format's, with ids that say nothing about the answers.
    const [bank] = await db.query(`SELECT questions FROM question_banks WHERE course_id = $1`, [id]);
    const optionIds = (
      bank.questions as Array<{ options?: Array<{ id: string }>; items?: Array<{ id: string }> }>
    ).flatMap((q) => [...(q.options ?? []), ...(q.items ?? [])].map((o) => o.id));
    expect(optionIds.length).toBeGreaterThan(20);
    for (const o of optionIds) expect(o).toMatch(/^o[0-9a-f]{10}$/);

    // A learner who does not know the answers fails and is not complete.
    const guesser = await signedUpLearner(t.http);
    await guesser.post(`/api/courses/${id}/enrol`).send({}).expect(201);
    const page = (await guesser.agent.get(`/api/courses/${id}`).expect(200)).body;
    const quizLesson = page.modules[0].lessons.find((l: { key: string }) => l.key === 'kiem-tra');
    const attempt = (await guesser.post(`/api/lessons/${quizLesson.id}/quiz-attempts`).send({}).expect(201))
      .body;
    expect(attempt.questions).toHaveLength(5);
    expect(JSON.stringify(attempt)).not.toMatch(/"correct"|explanation/);
    const failed = await guesser
      .post(`/api/quiz-attempts/${attempt.id}/submit`)
      .set('idempotency-key', randomUUID())
      .send({ answers: {} })
      .expect(200);
    expect(failed.body.result.passed).toBe(false);
    expect(
      await db.query(
        `SELECT 1 FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id
      WHERE e.user_id = $1`,
        [guesser.id],
      ),
    ).toHaveLength(0);

    // The honest learner passes and is certified for exactly what the course required.
    const { l, last } = await completeCourse(t, db, id);
    expect(last.body).toMatchObject({ passMark: 80, result: { passed: true } });
    const credential = await issued(l.id, id);
    expect(credential.credentialSubject.achievement.criteria.narrative).toBe(
      'Hoàn thành mọi bài học của khóa học và đạt bài kiểm tra của khóa học với số điểm tối thiểu 80% trên nền tảng Học vụ số.',
    );
  });

  it('a studio course without a quiz is certified with criteria that do not mention a quiz', async () => {
    const a = teachers.a;
    const id = course('khong-kiem-tra');
    await create(a, id);
    await save(a, id, draft('Khoá không kiểm tra', false));
    await publish(a, id);
    const { l } = await completeCourse(t, db, id);
    const narrative = (await issued(l.id, id)).credentialSubject.achievement.criteria.narrative;
    expect(narrative).toBe('Hoàn thành mọi bài học của khóa học trên nền tảng Học vụ số.');
    expect(narrative).not.toMatch(/kiểm tra/);
  });

  it('submitting for review refuses an invalid quiz with every reason listed, and writes nothing', async () => {
    const a = teachers.a;
    const id = course('kiem-tra-loi');
    await create(a, id);
    const qs = questions().slice(0, 3);
    (qs[0] as { options: Array<{ correct: boolean }> }).options.forEach((o) => (o.correct = false));
    (qs[1] as { prompt: { vi: string } }).prompt.vi = '';
    // Warnings (a missing explanation) save and do not refuse; a bank smaller than its draw does.
    (qs[2] as { explanation: { vi: string } }).explanation.vi = '';
    await save(a, id, draft('Khoá lỗi', true, { questions: qs }));
    const refused = await a
      .post(`/api/teaching/courses/${id}/submit-for-review`)
      .send({ revision: await revisionOf(a, id) })
      .expect(400);
    expectErrorShape(refused.body, 400, 'DRAFT_INCOMPLETE');
    expect(
      refused.body.details.problems.map((p: { code?: string; field: string }) => `${p.code}@${p.field}`),
    ).toEqual([
      'QUIZ_BANK_SMALLER_THAN_DRAW@lessons.1.settings.questionsPerAttempt',
      'QUIZ_NO_CORRECT_ANSWER@lessons.1.questions.0.options',
      'QUIZ_TEXT_MISSING@lessons.1.questions.1.prompt.vi',
    ]);
    expect(await db.query(`SELECT 1 FROM course_versions WHERE course_id = $1`, [id])).toEqual([]);
    expect(await db.query(`SELECT 1 FROM question_banks WHERE course_id = $1`, [id])).toEqual([]);
  });

  it('refuses forged quiz bodies with the error shape and changes nothing', async () => {
    const a = teachers.a;
    const id = course('gia-mao');
    await create(a, id);
    await save(a, id, draft('Khoá thật', true));
    const rev = await revisionOf(a, id);
    const q0 = questions()[0]!;
    const forged: Array<[string, Record<string, unknown>, number, string]> = [
      ['no option', { questions: [{ ...q0, options: [] }] }, 400, 'lessons.1.questions.0.options'],
      [
        'eleven options',
        {
          questions: [
            { ...q0, options: Array.from({ length: 11 }, (_, i) => ({ id: `x${i}`, text: { vi: `${i}` } })) },
          ],
        },
        400,
        'lessons.1.questions.0.options',
      ],
      [
        '10,000 options',
        {
          questions: [
            {
              ...q0,
              options: Array.from({ length: 10_000 }, (_, i) => ({ id: `x${i}`, text: { vi: 'a' } })),
            },
          ],
        },
        413,
        '',
      ],
      [
        'a draw of 0',
        { settings: { questionsPerAttempt: 0, passMark: 80 } },
        400,
        'lessons.1.settings.questionsPerAttempt',
      ],
      [
        'a pass mark of 150',
        { settings: { questionsPerAttempt: 5, passMark: 150 } },
        400,
        'lessons.1.settings.passMark',
      ],
      [
        'another course’s competency',
        { questions: [{ ...q0, competency: 'digcomp-2.2:5.3' }] },
        400,
        'lessons.1.questions.0.competency',
      ],
      [
        'a NUL in a prompt',
        { questions: [{ ...q0, prompt: { vi: 'a\u0000b' } }] },
        400,
        'lessons.1.questions.0.prompt.vi',
      ],
      [
        'a zero-width space in an option',
        {
          questions: [
            {
              ...q0,
              options: [
                { id: 'a', text: { vi: 'x\u200by' } },
                { id: 'b', text: { vi: 'z' } },
              ],
            },
          ],
        },
        400,
        'lessons.1.questions.0.options.0.text.vi',
      ],
      ['an unknown kind', { questions: [{ ...q0, type: 'essay' }] }, 400, 'lessons.1.questions.0.type'],
      [
        'an unknown reveal',
        { settings: { questionsPerAttempt: 5, passMark: 80, reveal: 'always' } },
        400,
        'lessons.1.settings.reveal',
      ],
    ];
    for (const [what, quiz, status, field] of forged) {
      const res = await put(a, `/api/teaching/courses/${id}/draft`).send({
        revision: rev,
        document: draft('Khoá giả', true, quiz),
      });
      expect([what, res.status]).toEqual([what, status]);
      expectErrorShape(res.body, status);
      if (field)
        expect([what, JSON.stringify(res.body.details)]).toEqual([what, expect.stringContaining(field)]);
    }
    expect(await revisionOf(a, id)).toBe(rev);
    const kept = (await a.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft.document;
    expect(kept.title.vi).toBe('Khoá thật');
  });

  it('RTL overrides are refused, Arabic or Hebrew text is kept as written, and parallel saves of one revision keep one', async () => {
    const a = teachers.a;
    const id = course('song-song');
    await create(a, id);
    const rev = await revisionOf(a, id);
    const q0 = questions()[0]!;
    const override = await put(a, `/api/teaching/courses/${id}/draft`).send({
      revision: rev,
      document: draft('Khoá', true, { questions: [{ ...q0, prompt: { vi: 'abc\u202Efdp.exe' } }] }),
    });
    expect(override.status).toBe(400);
    expectErrorShape(override.body, 400);
    // Two co-editors save the same revision at once: one wins, the other is told to reload; nothing is mixed.
    const results = await Promise.all(
      ['Một', 'Hai'].map((who) =>
        put(a, `/api/teaching/courses/${id}/draft`).send({
          revision: rev,
          document: draft(`Khoá ${who}`, true, { questions: [{ ...q0, prompt: { vi: `مرحبا ${who}` } }] }),
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expectErrorShape(loser.body, 409, 'DRAFT_CONFLICT');
    const kept = (await a.agent.get(`/api/teaching/courses/${id}`).expect(200)).body.draft;
    expect(kept.revision).toBe(rev + 1);
    const who = kept.document.title.vi.replace('Khoá ', '');
    expect(kept.document.lessons[1].questions[0].prompt.vi).toBe(`مرحبا ${who}`);
  });

  it('another teacher can neither save a quiz into the course nor publish it', async () => {
    const id = course('cua-a');
    await create(teachers.a, id);
    const b = teachers.b;
    const saveRes = await put(b, `/api/teaching/courses/${id}/draft`).send({
      revision: 1,
      document: draft('Chiếm', true),
    });
    expect(saveRes.status).toBe(404);
    expectErrorShape(saveRes.body, 404, 'COURSE_NOT_FOUND');
    const pub = await b.post(`/api/teaching/courses/${id}/publish`).send({ revision: 1 });
    expect(pub.status).toBe(404);
    expectErrorShape(pub.body, 404, 'COURSE_NOT_FOUND');
    expect(await revisionOf(teachers.a, id)).toBe(1);
  });

  it('answers in a studio quiz are graded like a file course: right answers pass', async () => {
    const id = course('cham-diem');
    await create(teachers.a, id);
    await save(teachers.a, id, draft('Khoá chấm điểm', true));
    await publish(teachers.a, id);
    const l = await signedUpLearner(t.http);
    await l.post(`/api/courses/${id}/enrol`).send({}).expect(201);
    const page = (await l.agent.get(`/api/courses/${id}`).expect(200)).body;
    const quizId = page.modules[0].lessons[1].id;
    const attempt = (await l.post(`/api/lessons/${quizId}/quiz-attempts`).send({}).expect(201)).body;
    const res = await l
      .post(`/api/quiz-attempts/${attempt.id}/submit`)
      .set('idempotency-key', randomUUID())
      .send({ answers: await correctAnswers(db, attempt.id) })
      .expect(200);
    expect(res.body.result).toMatchObject({ passed: true, scorePercent: 100, revealed: true });
    expect(
      res.body.result.questions.every((q: { explanation: string | null }) =>
        q.explanation?.startsWith('Giải thích'),
      ),
    ).toBe(true);
  });
});
