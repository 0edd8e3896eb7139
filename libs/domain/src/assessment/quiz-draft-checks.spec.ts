import {
  type ChoiceDraftQuestion,
  type QuizDraft,
  type QuizDraftQuestion,
  quizDraftProblems,
  quizPublishable,
} from './quiz-draft';

const ctx = { languages: ['vi', 'en'], competencies: ['tt02-2025:1.1', 'tt02-2025:4.1'] };
const t = (vi: string, en = `${vi} (en)`) => ({ vi, en });

/** A well-written single-choice question whose right answer is at `at`, options of equal length. */
const single = (id: string, at = 0): ChoiceDraftQuestion => ({
  id,
  type: 'single',
  competency: 'tt02-2025:4.1',
  prompt: t(`Câu hỏi ${id}?`),
  explanation: t('Vì sao đúng.'),
  options: ['Lựa chọn A', 'Lựa chọn B', 'Lựa chọn C', 'Lựa chọn D'].map((text, i) => ({
    id: `${id}o${i}`,
    text: t(text),
    correct: i === at,
  })),
});
const quiz = (questions: QuizDraftQuestion[], settings: Partial<QuizDraft['settings']> = {}): QuizDraft => ({
  settings: {
    questionsPerAttempt: 2,
    passMark: 70,
    timeLimitMinutes: null,
    maxAttempts: 3,
    reveal: 'afterPass',
    retakeCooldownHours: null,
    ...settings,
  },
  questions,
});
const codes = (q: QuizDraft) => quizDraftProblems(q, ctx).map((p) => `${p.code}@${p.path}`);

describe('quizDraftProblems: what a studio quiz needs and what it gives away', () => {
  it('a good quiz of every kind has no problem and may be published', () => {
    const q = quiz([
      single('q1', 0),
      { ...single('q2', 1), type: 'multiple' },
      {
        id: 'q3',
        type: 'truefalse',
        competency: 'tt02-2025:1.1',
        prompt: t('Đúng hay sai?'),
        explanation: t('Giải thích.'),
        answer: false,
      },
      {
        id: 'q4',
        type: 'ordering',
        competency: 'tt02-2025:1.1',
        prompt: t('Sắp xếp'),
        explanation: t('Thứ tự.'),
        items: [
          { id: 'i1', text: t('Bước một') },
          { id: 'i2', text: t('Bước hai') },
        ],
      },
    ]);
    expect(quizDraftProblems(q, ctx)).toEqual([]);
    expect(quizPublishable(quizDraftProblems(q, ctx))).toBe(true);
  });

  it('an empty quiz is blocking', () => {
    const p = quizDraftProblems(quiz([]), ctx);
    expect(p).toEqual([
      expect.objectContaining({ code: 'QUIZ_NO_QUESTIONS', path: 'questions', blocking: true }),
    ]);
  });

  it('a bank smaller than its draw blocks publishing; smaller than twice the draw only warns', () => {
    const small = quizDraftProblems(quiz([single('q1')], { questionsPerAttempt: 2 }), ctx);
    expect(small).toEqual([
      expect.objectContaining({
        code: 'QUIZ_BANK_SMALLER_THAN_DRAW',
        path: 'settings.questionsPerAttempt',
        blocking: true,
        params: { count: 1, draw: 2 },
      }),
    ]);
    const retake = quizDraftProblems(
      quiz([single('q1'), single('q2', 1), single('q3', 2)], { questionsPerAttempt: 2 }),
      ctx,
    );
    expect(retake).toEqual([
      expect.objectContaining({ code: 'QUIZ_BANK_TOO_SMALL_FOR_RETAKE', blocking: false }),
    ]);
    expect(quizPublishable(retake)).toBe(true);
  });

  it('gives every problem at once, each with its path', () => {
    const bad: QuizDraftQuestion = {
      id: 'q1',
      type: 'single',
      competency: null,
      prompt: { vi: '' },
      explanation: { vi: 'Có', en: '' },
      options: [
        { id: 'a', text: t('Giống nhau'), correct: false },
        { id: 'a', text: t('giống  nhau '), correct: false },
      ],
    };
    expect(codes(quiz([bad, single('q1', 1)], { questionsPerAttempt: 1 }))).toEqual([
      'QUIZ_COMPETENCY_MISSING@questions.0.competency',
      'QUIZ_TEXT_MISSING@questions.0.prompt.vi',
      'QUIZ_TEXT_MISSING@questions.0.prompt.en',
      'QUIZ_EXPLANATION_MISSING@questions.0.explanation.en',
      'QUIZ_DUPLICATE_OPTION_ID@questions.0.options.1.id',
      'QUIZ_DUPLICATE_OPTION@questions.0.options.1.text.vi',
      'QUIZ_DUPLICATE_OPTION@questions.0.options.1.text.en',
      'QUIZ_NO_CORRECT_ANSWER@questions.0.options',
      'QUIZ_DUPLICATE_QUESTION_ID@questions.1.id',
    ]);
  });

  it('a missing explanation and a repeated option only warn; no correct answer blocks', () => {
    const warnOnly = quizDraftProblems(
      quiz([{ ...single('q1'), explanation: { vi: '' } }, single('q2', 2)], { questionsPerAttempt: 1 }),
      ctx,
    );
    expect(warnOnly.map((p) => [p.code, p.blocking])).toEqual([
      ['QUIZ_EXPLANATION_MISSING', false],
      ['QUIZ_EXPLANATION_MISSING', false],
    ]);
    const noAnswer = quizDraftProblems(
      quiz([{ ...single('q1'), options: single('q1').type === 'single' ? [] : [] }], {
        questionsPerAttempt: 1,
      }),
      ctx,
    );
    expect(noAnswer.map((p) => p.code)).toContain('QUIZ_NO_CORRECT_ANSWER');
    expect(quizPublishable(noAnswer)).toBe(false);
  });

  it('a single-choice question with two right options blocks; a multiple one with every option right warns', () => {
    const two = single('q1');
    two.options[1]!.correct = true;
    const all: ChoiceDraftQuestion = { ...single('q2'), type: 'multiple' };
    all.options = all.options.map((o) => ({ ...o, correct: true }));
    expect(
      quizDraftProblems(quiz([two, all], { questionsPerAttempt: 1 }), ctx).map((p) => [p.code, p.blocking]),
    ).toEqual([
      ['QUIZ_SINGLE_MANY_CORRECT', true],
      ['QUIZ_ALL_OPTIONS_CORRECT', false],
    ]);
  });

  it('a tag that is not one of the course competencies (another course’s code) blocks', () => {
    const p = quizDraftProblems(
      quiz([{ ...single('q1'), competency: 'digcomp-2.2:5.3' }, single('q2', 1)], { questionsPerAttempt: 1 }),
      ctx,
    );
    expect(p).toEqual([
      expect.objectContaining({
        code: 'QUIZ_COMPETENCY_NOT_IN_COURSE',
        path: 'questions.0.competency',
        blocking: true,
      }),
    ]);
  });
});

describe('quizDraftProblems: answers clustered by position or length', () => {
  it('warns when more than 60 % of single-choice answers stand at the same position', () => {
    const qs = ['q1', 'q2', 'q3', 'q4', 'q5'].map((id, i) => single(id, i < 4 ? 2 : 0));
    const p = quizDraftProblems(quiz(qs, { questionsPerAttempt: 2 }), ctx);
    expect(p).toEqual([
      expect.objectContaining({
        code: 'QUIZ_ANSWERS_SAME_POSITION',
        blocking: false,
        params: { position: 3, count: 4, of: 5 },
      }),
    ]);
  });

  it('does not warn at 60 % or below, nor under five questions', () => {
    const spread = ['q1', 'q2', 'q3', 'q4', 'q5'].map((id, i) => single(id, i < 3 ? 1 : i - 1));
    expect(codes(quiz(spread, { questionsPerAttempt: 2 }))).toEqual([]);
    const few = ['q1', 'q2', 'q3', 'q4'].map((id) => single(id, 0));
    expect(codes(quiz(few, { questionsPerAttempt: 2 }))).toEqual([]);
  });

  it('warns when the right option is the longest in most choice questions, in any language', () => {
    const longest = (id: string, at: number): QuizDraftQuestion => {
      const q = single(id, at);
      q.options[at]!.text = { ...q.options[at]!.text, en: 'The one option that is clearly the longest' };
      return q;
    };
    const qs = ['q1', 'q2', 'q3', 'q4', 'q5'].map((id, i) => longest(id, i % 4));
    expect(quizDraftProblems(quiz(qs, { questionsPerAttempt: 2 }), ctx)).toEqual([
      expect.objectContaining({ code: 'QUIZ_ANSWERS_LONGEST', params: { count: 5, of: 5, lang: 'en' } }),
    ]);
  });
});
