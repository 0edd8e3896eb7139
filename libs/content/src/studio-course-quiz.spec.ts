import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import { type BankQuestion, correctOptionIds } from '@hocvuso/domain';
import type { CompetencyIndex } from './assemble-course';
import { bankFileSchema, lessonFrontMatterSchema } from './schemas';
import { buildStudioCourse } from './studio-course';

const competencies: CompetencyIndex = new Map([
  ['tt02-2025:1.1', { name: { vi: 'Duyệt, tìm kiếm', en: 'Browsing' }, levels: [1, 2, 3, 4, 5, 6, 7, 8] }],
  ['tt02-2025:4.1', { name: { vi: 'Bảo vệ thiết bị', en: 'Devices' }, levels: [1, 2, 3, 4, 5, 6, 7, 8] }],
]);
const t = (vi: string) => ({ vi, en: `${vi} (en)` });

const withQuiz = (questions: unknown[], settings: Record<string, unknown> = {}): StudioDraft =>
  studioDraftSchema.parse({
    languages: ['vi', 'en'],
    title: t('Dùng Zalo an toàn'),
    summary: t('Nhắn tin an toàn.'),
    description: { vi: '' },
    targetGroups: ['citizens'],
    competencies: [
      { framework: 'tt02-2025', code: '1.1', level: 2 },
      { framework: 'tt02-2025', code: '4.1', level: null },
    ],
    lessons: [
      { key: 'mo-dau', kind: 'text', title: t('Mở đầu'), minutes: 5, body: t('Xin chào.') },
      {
        key: 'kiem-tra',
        kind: 'quiz',
        title: t('Kiểm tra'),
        minutes: 10,
        instructions: t('Trả lời **mọi** câu.'),
        settings: { questionsPerAttempt: 2, passMark: 80, maxAttempts: 3, timeLimitMinutes: 15, ...settings },
        questions,
      },
    ],
  });

const questions = [
  {
    id: 'q1',
    type: 'single',
    competency: 'tt02-2025:4.1',
    prompt: t('Mật khẩu nào mạnh?'),
    explanation: t('Dài và trộn ký tự.'),
    options: [
      { id: 'correct', text: t('k7#Lp9!qZ2'), correct: true },
      { id: 'wrong', text: t('123456') },
    ],
  },
  {
    id: 'q2',
    type: 'multiple',
    competency: 'tt02-2025:1.1',
    prompt: t('Dấu hiệu lừa đảo?'),
    explanation: t('Hối thúc và xin mã.'),
    options: [
      { id: 'a', text: t('Hối thúc'), correct: true },
      { id: 'b', text: t('Xin mã OTP'), correct: true },
      { id: 'c', text: t('Giờ hành chính') },
    ],
  },
  {
    id: 'q3',
    type: 'truefalse',
    competency: 'tt02-2025:1.1',
    prompt: t('Có nên chia sẻ OTP?'),
    explanation: t('Không bao giờ.'),
    answer: false,
  },
  {
    id: 'q4',
    type: 'ordering',
    competency: 'tt02-2025:4.1',
    prompt: t('Sắp xếp các bước'),
    explanation: t('Mở, đăng nhập, đổi.'),
    items: [
      { id: 'i1', text: t('Mở ứng dụng') },
      { id: 'i2', text: t('Đăng nhập') },
      { id: 'i3', text: t('Đổi mật khẩu') },
    ],
  },
];

describe('buildStudioCourse with a quiz: the same quiz a file course has', () => {
  it('publishes a quiz lesson with its own bank in the content format, required by the completion rule', () => {
    const result = buildStudioCourse('zalo', '1', withQuiz(questions), competencies);
    expect(result.problems).toEqual([]);
    const course = result.course!;
    expect(course.completion).toEqual({ lessons: 'all', quizzes: ['kiem-tra'] });
    expect(course.banks).toHaveLength(1);
    const bank = course.banks[0]!;
    // The bank parses as a content bank file would.
    expect(bankFileSchema.safeParse({ id: bank.key, questions: bank.questions }).success).toBe(true);
    const lesson = course.lessons[1]!;
    expect(lesson.kind).toBe('quiz');
    expect(lesson.bodyHtml.vi).toContain('<strong>mọi</strong>');
    expect(lesson.competencies.sort()).toEqual(['tt02-2025:1.1', 'tt02-2025:4.1']);
    const quiz = lesson.data.quiz as Record<string, unknown>;
    expect(quiz).toEqual({
      bank: 'kiem-tra',
      questionsPerAttempt: 2,
      passMark: 80,
      timeLimitMinutes: 15,
      maxAttempts: 3,
      reveal: 'afterPass',
      bankHash: bank.contentHash,
    });
    // The front matter a file course would carry for it parses too.
    const { bankHash: _hash, ...front } = quiz;
    expect(
      lessonFrontMatterSchema.safeParse({
        id: 'kiem-tra',
        kind: 'quiz',
        title: 'Kiểm tra',
        minutes: 10,
        quiz: front,
      }).success,
    ).toBe(true);
  });

  it('option and item ids say nothing about the answer: opaque, same shape, stable across publishes', () => {
    const bank = buildStudioCourse('zalo', '1', withQuiz(questions), competencies).course!.banks[0]!;
    const qs = bank.questions as BankQuestion[];
    const ids = qs.flatMap((q) =>
      q.type === 'single' || q.type === 'multiple'
        ? q.options.map((o) => o.id)
        : q.type === 'ordering'
          ? q.items.map((i) => i.id)
          : [],
    );
    for (const id of ids) expect(id).toMatch(/^o[0-9a-f]{10}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(JSON.stringify(bank.questions)).not.toMatch(/"id":"(correct|wrong|i1|i2|i3)"/);
    // The right answers are still the right ones.
    expect(correctOptionIds(qs[0]!)).toHaveLength(1);
    expect(correctOptionIds(qs[1]!)).toHaveLength(2);
    expect(correctOptionIds(qs[2]!)).toEqual(['false']);
    const again = buildStudioCourse('zalo', '2', withQuiz(questions), competencies).course!.banks[0]!;
    expect(again.contentHash).toBe(bank.contentHash);
    // Another course with the same editor ids gets other published ids.
    const other = buildStudioCourse('khac', '1', withQuiz(questions), competencies).course!.banks[0]!;
    expect((other.questions as BankQuestion[])[0]).not.toEqual(qs[0]);
  });

  it('refuses to publish with every blocking quiz problem listed by field and code; warnings do not block', () => {
    const bad = [
      {
        ...questions[0],
        options: [
          { id: 'a', text: t('Một') },
          { id: 'b', text: { vi: '' } },
        ],
      },
      { ...questions[2], explanation: { vi: '' } },
    ];
    const result = buildStudioCourse('zalo', '1', withQuiz(bad, { questionsPerAttempt: 3 }), competencies);
    expect(result.course).toBeUndefined();
    expect(result.problems.map((p) => `${p.code}@${p.field}`)).toEqual([
      'QUIZ_BANK_SMALLER_THAN_DRAW@lessons.1.settings.questionsPerAttempt',
      'QUIZ_TEXT_MISSING@lessons.1.questions.0.options.1.text.vi',
      'QUIZ_TEXT_MISSING@lessons.1.questions.0.options.1.text.en',
      'QUIZ_NO_CORRECT_ANSWER@lessons.1.questions.0.options',
    ]);
    expect(result.problems.every((p) => p.blocking)).toBe(true);
  });

  it('a course without a quiz keeps an all-lessons rule with no quiz', () => {
    const draft = withQuiz(questions);
    draft.lessons = draft.lessons.filter((l) => l.kind !== 'quiz');
    expect(buildStudioCourse('zalo', '1', draft, competencies).course!.completion).toEqual({
      lessons: 'all',
      quizzes: [],
    });
  });
});

describe('studioDraftSchema: the quiz at the edge', () => {
  const parse = (qs: unknown[], settings: Record<string, unknown> = {}) => {
    try {
      withQuiz(qs, settings);
      return 'ok';
    } catch (e) {
      return (e as { issues: Array<{ path: unknown[] }> }).issues.map((i) => i.path.join('.')).join(' ');
    }
  };
  it('refuses a question with no option, too many options, a draw of 0, a pass mark of 150', () => {
    expect(parse([{ ...questions[0], options: [] }])).toBe('lessons.1.questions.0.options');
    const many = Array.from({ length: 11 }, (_, i) => ({ id: `o${i}`, text: t(`${i}`) }));
    expect(parse([{ ...questions[0], options: many }])).toBe('lessons.1.questions.0.options');
    expect(parse(questions, { questionsPerAttempt: 0 })).toBe('lessons.1.settings.questionsPerAttempt');
    expect(parse(questions, { passMark: 150 })).toBe('lessons.1.settings.passMark');
  });
  it('refuses a competency the course does not list, NUL and zero-width characters', () => {
    expect(parse([{ ...questions[0], competency: 'digcomp-2.2:5.3' }])).toBe(
      'lessons.1.questions.0.competency',
    );
    expect(parse([{ ...questions[0], prompt: { vi: 'a\u0000b' } }])).toBe('lessons.1.questions.0.prompt.vi');
    expect(parse([{ ...questions[0], prompt: { vi: 'a\u200bb' } }])).toBe('lessons.1.questions.0.prompt.vi');
  });
  it('stores text NFC', () => {
    const draft = withQuiz([{ ...questions[0], prompt: { vi: 'Hoa\u0300' } }]);
    const quiz = draft.lessons[1] as Extract<StudioDraft['lessons'][number], { kind: 'quiz' }>;
    expect(quiz.questions[0]!.prompt.vi).toBe('Hoà');
  });
});
