import { ConflictError } from '../errors';
import { answerInBankIds, learnerLayout } from '../assessment/attempt-layout';
import { validateAnswers } from '../assessment/answers';
import { learnerView } from '../assessment/learner-view';
import {
  asBankQuestion,
  gradeVideoAnswer,
  type VideoQuestion,
  videoQuestionLayout,
  videoQuestionProblems,
} from './video-questions';

const single = (id: string, at: number, correct = 'b'): VideoQuestion => ({
  id,
  at,
  type: 'single',
  prompt: { vi: 'Câu hỏi?', en: 'Question?' },
  explanation: { vi: 'Vì vậy.', en: 'Because.' },
  options: ['a', 'b', 'c'].map((o) => ({ id: o, text: { vi: `Ý ${o}` }, correct: o === correct })),
});
const tf = (id: string, at: number, answer = true): VideoQuestion => ({
  id,
  at,
  type: 'truefalse',
  answer,
  prompt: { vi: 'Đúng hay sai?' },
  explanation: { vi: 'Giải thích.' },
});

describe('the checks on a video lesson’s pinned questions', () => {
  it('accepts sorted, unique times inside the video', () => {
    expect(videoQuestionProblems([single('a', 10), tf('b', 20.5)], 60)).toEqual([]);
  });

  it('refuses a time at 0, at the end or past it', () => {
    const codes = videoQuestionProblems([single('a', 0), tf('b', 60), tf('c', 61)], 60);
    expect(codes.filter((p) => p.code === 'VIDEO_QUESTION_AT_PAST_END').map((p) => p.path)).toEqual([
      '0.at',
      '1.at',
      '2.at',
    ]);
  });

  it('refuses unsorted and repeated times, naming the later question', () => {
    expect(videoQuestionProblems([single('a', 30), tf('b', 20)], 60)).toEqual([
      expect.objectContaining({ path: '1.at', code: 'VIDEO_QUESTION_AT_NOT_SORTED' }),
    ]);
    expect(videoQuestionProblems([single('a', 30), tf('b', 30)], 60)).toEqual([
      expect.objectContaining({ path: '1.at', code: 'VIDEO_QUESTION_AT_REPEATED' }),
    ]);
  });

  it('refuses repeated question ids and option ids', () => {
    const q = single('a', 10);
    const twice: VideoQuestion = {
      ...q,
      type: 'single',
      options: [
        { id: 'x', text: { vi: '1' }, correct: true },
        { id: 'x', text: { vi: '2' } },
      ],
    };
    const problems = videoQuestionProblems([twice, tf('a', 20)], 60);
    expect(problems.map((p) => [p.path, p.code])).toEqual([
      ['0.options.1.id', 'VIDEO_QUESTION_OPTION_ID_REPEATED'],
      ['1.id', 'VIDEO_QUESTION_ID_REPEATED'],
    ]);
  });

  it('single choice needs exactly one right option, multiple at least one', () => {
    const none: VideoQuestion = {
      ...single('a', 10),
      type: 'single',
      options:
        single('a', 10).type === 'truefalse'
          ? []
          : [
              { id: 'a', text: { vi: '1' } },
              { id: 'b', text: { vi: '2' } },
            ],
    };
    expect(videoQuestionProblems([none], 60)[0]?.code).toBe('VIDEO_QUESTION_CORRECT_COUNT');
    const multi: VideoQuestion = { ...none, type: 'multiple' };
    expect(videoQuestionProblems([multi], 60)[0]?.code).toBe('VIDEO_QUESTION_CORRECT_COUNT');
  });

  it('refuses more than 20 questions and fewer than 2 options', () => {
    const many = Array.from({ length: 21 }, (_, i) => tf(`q${i}`, i + 1));
    expect(videoQuestionProblems(many, 60).map((p) => p.code)).toEqual(['VIDEO_QUESTION_TOO_MANY']);
    const lonely: VideoQuestion = {
      ...single('a', 10),
      type: 'single',
      options: [{ id: 'a', text: { vi: '1' }, correct: true }],
    };
    expect(videoQuestionProblems([lonely], 60).map((p) => p.code)).toEqual(['VIDEO_QUESTION_OPTION_COUNT']);
  });
});

describe('what a learner is shown of a pinned question', () => {
  const keyOf = (seed: string) => (q: string, o: string) =>
    `${seed}:${q}:${o}`.split('').reverse().join('').slice(0, 10);

  it('opaque option ids per learner, the same on every opening; no correctness, no explanation', () => {
    const q = single('otp', 10, 'c');
    const one = videoQuestionLayout(q, 'seed-1', keyOf('seed-1'));
    expect(videoQuestionLayout(q, 'seed-1', keyOf('seed-1'))).toEqual(one);
    const view = learnerView(asBankQuestion(q), one, 'vi');
    expect(Object.keys(view).sort()).toEqual(['id', 'options', 'prompt', 'type']);
    expect(view.options.map((o) => o.id)).not.toContain('c');
    expect(JSON.stringify(view)).not.toMatch(/correct|explanation|Vì vậy/);
    const other = videoQuestionLayout(q, 'seed-2', keyOf('seed-2'));
    expect(other.optionKeys).not.toEqual(one.optionKeys);
  });

  it('true/false is shown as Đúng, Sai with opaque ids, and graded in the lesson’s ids', () => {
    const q = tf('tf', 10, false);
    const layout = videoQuestionLayout(q, 's', keyOf('s'));
    const view = learnerView(asBankQuestion(q), layout, 'vi');
    expect(view.options.map((o) => o.text)).toEqual(['Đúng', 'Sai']);
    expect(view.options.map((o) => o.id)).not.toContain('false');
    const answer = validateAnswers([learnerLayout(layout)], { tf: view.options[1]!.id }).tf!;
    const grade = gradeVideoAnswer(q, answerInBankIds(layout, answer));
    expect(grade).toMatchObject({ correct: true, response: ['false'], correctIds: ['false'] });
  });

  it('a forged option id is refused before grading', () => {
    const q = single('otp', 10, 'a');
    const layout = videoQuestionLayout(q, 's', keyOf('s'));
    expect(() => validateAnswers([learnerLayout(layout)], { otp: 'a' })).toThrow(/not offered/);
  });

  it('a layout of another question is refused', () => {
    const layout = videoQuestionLayout(single('a', 10), 's', keyOf('s'));
    expect(() => learnerView(asBankQuestion(single('b', 10)), layout, 'vi')).toThrow(ConflictError);
  });
});
