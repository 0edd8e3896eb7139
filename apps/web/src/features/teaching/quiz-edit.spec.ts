import { describe, expect, it } from '@jest/globals';
import type { StudioDraft } from '@hocvuso/contracts';
import {
  addQuestion,
  changeKind,
  type ChoiceQuestion,
  moveOption,
  moveQuestion,
  newQuestion,
  newQuizLesson,
  quizProblems,
  removeOption,
  setCorrect,
  untagRemoved,
} from './quiz-edit';
import { describeProblem, incompleteProblems } from './draft-problems';

const langs = ['vi', 'en'] as const;

describe('quiz editing', () => {
  it('a new question of each kind has fresh random ids, never a hint at the answer', () => {
    const q = newQuestion('single', langs, 'tt02-2025:1.1') as ChoiceQuestion;
    expect(q.options).toHaveLength(4);
    expect(new Set(q.options.map((o) => o.id)).size).toBe(4);
    for (const o of q.options) expect(o.id).toMatch(/^o-[0-9a-f]{10}$/);
    expect(newQuestion('ordering', langs, null)).toMatchObject({
      type: 'ordering',
      items: expect.any(Array),
    });
    expect(newQuestion('truefalse', langs, null)).toMatchObject({ type: 'truefalse', answer: true });
  });

  it('marking an option right in a single-choice question unmarks the others; multiple keeps them', () => {
    const single = newQuestion('single', langs, null) as ChoiceQuestion;
    const one = setCorrect(setCorrect(single, 0, true), 2, true);
    expect(one.options.map((o) => o.correct)).toEqual([false, false, true, false]);
    const multiple = newQuestion('multiple', langs, null) as ChoiceQuestion;
    const two = setCorrect(setCorrect(multiple, 0, true), 2, true);
    expect(two.options.map((o) => o.correct)).toEqual([true, false, true, false]);
  });

  it('moves questions and options with buttons, stays put at the ends, keeps two options at least', () => {
    let lesson = newQuizLesson('kiem-tra', langs);
    const a = newQuestion('single', langs, null);
    const b = newQuestion('truefalse', langs, null);
    lesson = addQuestion(addQuestion(lesson, a), b);
    expect(moveQuestion(lesson, 1, -1).questions.map((q) => q.id)).toEqual([b.id, a.id]);
    expect(moveQuestion(lesson, 1, 1).questions.map((q) => q.id)).toEqual([a.id, b.id]);
    const q = a as ChoiceQuestion;
    expect(moveOption(q, 0, 1).options.map((o) => o.id)).toEqual([
      q.options[1]!.id,
      q.options[0]!.id,
      q.options[2]!.id,
      q.options[3]!.id,
    ]);
    const two = removeOption(removeOption(q, 0), 0);
    expect(removeOption(two, 0).options).toHaveLength(2);
  });

  it('changing the kind keeps the texts; single keeps one right option', () => {
    const multiple = setCorrect(
      setCorrect(newQuestion('multiple', langs, null) as ChoiceQuestion, 1, true),
      3,
      true,
    );
    const single = changeKind(multiple, 'single', langs) as ChoiceQuestion;
    expect(single.options.map((o) => o.correct)).toEqual([false, true, false, false]);
    expect(changeKind(single, 'ordering', langs)).toMatchObject({
      type: 'ordering',
      items: expect.any(Array),
    });
  });

  it('untags questions of a removed competency and reports quiz problems by draft path', () => {
    const q = { ...newQuestion('truefalse', ['vi'], 'tt02-2025:1.1'), prompt: { vi: 'Đúng không?' } };
    const draft = {
      defaultLanguage: 'vi',
      languages: ['vi'],
      competencies: [],
      lessons: [{ ...newQuizLesson('kiem-tra', ['vi']), questions: [q] }],
    } as unknown as StudioDraft;
    const untagged = untagRemoved(draft);
    expect(
      (untagged.lessons[0] as { questions: Array<{ competency: unknown }> }).questions[0]!.competency,
    ).toBeNull();
    expect(quizProblems(untagged).map((p) => [p.field, p.code, p.blocking])).toEqual([
      ['lessons.0.settings.questionsPerAttempt', 'QUIZ_BANK_SMALLER_THAN_DRAW', true],
      ['lessons.0.questions.0.competency', 'QUIZ_COMPETENCY_MISSING', true],
      ['lessons.0.questions.0.explanation.vi', 'QUIZ_EXPLANATION_MISSING', false],
    ]);
  });
});

describe('quiz problems point at the control that fixes them', () => {
  it('maps quiz paths from the api or the editor to field ids, keeping the code', () => {
    const [p] = incompleteProblems({
      problems: [
        {
          field: 'lessons.2.questions.1.options.0.text.en',
          message: 'the text is missing in en',
          code: 'QUIZ_TEXT_MISSING',
          blocking: true,
          params: { lang: 'en' },
        },
      ],
    });
    expect(describeProblem(p!)).toMatchObject({
      kind: 'quiz',
      lesson: 3,
      question: 2,
      option: 1,
      lang: 'en',
      code: 'QUIZ_TEXT_MISSING',
      blocking: true,
      targetId: 'lesson-2-q-1-opt-0-en',
    });
    const at = (field: string) => describeProblem({ field, message: '' }).targetId;
    expect(at('lessons.0.settings.passMark')).toBe('lesson-0-quiz-passMark');
    expect(at('document.lessons.0.settings.questionsPerAttempt')).toBe('lesson-0-quiz-questionsPerAttempt');
    expect(at('lessons.0.questions')).toBe('lesson-0-add-question');
    expect(at('lessons.0.questions.3.options')).toBe('lesson-0-q-3-opt-0-correct');
    expect(at('lessons.0.questions.3.competency')).toBe('lesson-0-q-3-competency');
    expect(at('lessons.0.questions.3.prompt.vi')).toBe('lesson-0-q-3-prompt-vi');
    expect(at('lessons.0.questions.3.items.2.text.vi')).toBe('lesson-0-q-3-opt-2-vi');
  });
});

describe('quiz settings before saving', () => {
  it('an empty pass mark or a draw of 0 is caught before the api is asked; empty optional settings are fine', async () => {
    const { saveProblems } = await import('./draft-problems');
    const lesson = newQuizLesson('kiem-tra', ['vi']);
    const draft = (settings: Partial<typeof lesson.settings>) =>
      ({ lessons: [{ ...lesson, settings: { ...lesson.settings, ...settings } }] }) as unknown as StudioDraft;
    expect(saveProblems(draft({ timeLimitMinutes: null, maxAttempts: null }))).toEqual([]);
    expect(
      saveProblems(draft({ passMark: Number.NaN, questionsPerAttempt: 0 })).map((p) => [p.field, p.code]),
    ).toEqual([
      ['lessons.0.settings.questionsPerAttempt', 'QUIZ_SETTING_RANGE'],
      ['lessons.0.settings.passMark', 'QUIZ_SETTING_RANGE'],
    ]);
  });
});
