import { createHmac } from 'node:crypto';
import { validateAnswers } from './answers';
import { answerInBankIds, buildAttempt, learnerLayout } from './attempt-layout';
import { gradeAttempt } from './grading';
import { feedbackView, learnerView } from './learner-view';
import type { BankQuestion } from './question-bank';
import {
  multipleQuestion,
  orderingQuestion,
  singleQuestion,
  trueFalseQuestion,
} from './question-builders.spec-helper';

/** The server's derivation: HMAC of the attempt's secret seed over question and option, truncated. */
const keyOf = (seed: string) => (q: string, o: string) =>
  createHmac('sha256', seed).update(`${q}\u0000${o}`).digest('base64url').slice(0, 10);

const bank: BankQuestion[] = [
  singleQuestion(),
  multipleQuestion(),
  trueFalseQuestion({ answer: false }),
  orderingQuestion(),
];

describe('opaque option ids per attempt', () => {
  it('shows ids that are not the bank ids and differ from one attempt to the next', () => {
    const one = buildAttempt(bank, 4, 'seed-1', { keyOf: keyOf('seed-1') });
    const two = buildAttempt(bank, 4, 'seed-2', { keyOf: keyOf('seed-2') });
    for (const q of one) {
      const view = learnerView(
        bank.find((b) => b.id === q.id)!,
        q,
        'vi',
      );
      for (const o of view.options) expect(['a', 'b', 'c', 'd', 'e', 'true', 'false']).not.toContain(o.id);
      const other = two.find((x) => x.id === q.id)!;
      expect(new Set([...q.optionKeys!, ...other.optionKeys!]).size).toBe(q.optionKeys!.length * 2);
    }
  });

  it('grades answers given in shown ids, and refuses bank ids (guessing `a` no longer works)', () => {
    const layout = buildAttempt(bank, 4, 'seed-3', { keyOf: keyOf('seed-3') });
    const shown = layout.map(learnerLayout);
    const right: Record<string, string | string[]> = {};
    for (const q of layout) {
      const b = bank.find((x) => x.id === q.id)!;
      const key = (id: string) => q.optionKeys![q.optionOrder.indexOf(id)]!;
      if (b.type === 'single') right[q.id] = key(b.options.find((o) => o.correct)!.id);
      if (b.type === 'multiple') right[q.id] = b.options.filter((o) => o.correct).map((o) => key(o.id));
      if (b.type === 'truefalse') right[q.id] = key(String(b.answer));
      if (b.type === 'ordering') right[q.id] = b.items.map((i) => key(i.id));
    }
    const valid = validateAnswers(shown, right);
    const inBank = Object.fromEntries(layout.map((q) => [q.id, answerInBankIds(q, valid[q.id]!)]));
    const ordered = layout.map((q) => bank.find((b) => b.id === q.id)!);
    expect(gradeAttempt(ordered, inBank, 100).passed).toBe(true);

    const single = layout.find((q) => q.type === 'single')!;
    expect(() => validateAnswers(shown, { [single.id]: 'a' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ANSWERS' }),
    );
    const ordering = layout.find((q) => q.type === 'ordering')!;
    expect(() => validateAnswers(shown, { [ordering.id]: ['a', 'b', 'c'] })).toThrow(
      expect.objectContaining({ code: 'INVALID_ANSWERS' }),
    );
  });

  it('sorting the shown ids of ordering questions does not give the right order in most attempts', () => {
    const ordering = orderingQuestion();
    let solvedBySorting = 0;
    for (let n = 0; n < 200; n++) {
      const [q] = buildAttempt([ordering], 1, `s-${n}`, { keyOf: keyOf(`s-${n}`) });
      const sorted = [...q!.optionKeys!].sort().map((k) => q!.optionOrder[q!.optionKeys!.indexOf(k)]);
      if (sorted.join() === ordering.items.map((i) => i.id).join()) solvedBySorting += 1;
    }
    expect(solvedBySorting).toBeLessThan(40);
  });

  it('feedback speaks in shown ids, and hides key and explanation when not revealed', () => {
    const [layout] = buildAttempt([singleQuestion()], 1, 'seed-4', { keyOf: keyOf('seed-4') });
    const revealed = feedbackView(singleQuestion(), 'b', 'en', layout);
    expect(revealed.correctOptionIds).toEqual([layout!.optionKeys![layout!.optionOrder.indexOf('a')]]);
    expect(revealed.selected).toEqual([layout!.optionKeys![layout!.optionOrder.indexOf('b')]]);
    const hidden = feedbackView(singleQuestion(), 'b', 'en', layout, false);
    expect(hidden).toMatchObject({
      correct: false,
      correctOptionIds: null,
      explanation: null,
      competency: 'tt02-2025:4.1',
    });
    expect(JSON.stringify(hidden)).not.toContain('Long, mixed characters.');
  });

  it('prefers questions not in `avoid`, and fills from them only when the bank runs short', () => {
    const many: BankQuestion[] = Array.from({ length: 10 }, (_, i) => singleQuestion({ id: `q${i}` }));
    const avoid = new Set(['q0', 'q1', 'q2', 'q3', 'q4']);
    const picked = buildAttempt(many, 5, 'seed-5', { avoid }).map((q) => q.id);
    expect(picked.filter((id) => avoid.has(id))).toEqual([]);
    const more = buildAttempt(many, 7, 'seed-5', { avoid }).map((q) => q.id);
    expect(more.filter((id) => avoid.has(id))).toHaveLength(2);
  });
});
