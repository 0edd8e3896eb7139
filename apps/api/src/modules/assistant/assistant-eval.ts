import { readFileSync } from 'node:fs';
import type { AssistantAnswer, AssistantAskRequest } from '@hocvuso/contracts';
import { isGrounded, splitSentences } from '@hocvuso/domain';
import { assistantLessonTexts, type Queryable } from '@hocvuso/db';
import { parse } from 'yaml';
import { z } from 'zod';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
const evalQuestionSchema = z.union([
  z.strictObject({
    id: z.string(),
    lang: z.enum(['vi', 'en']),
    course: slug,
    lessons: z.array(slug).min(1),
    question: z.string().min(2),
  }),
  z.strictObject({
    id: z.string(),
    lang: z.enum(['vi', 'en']),
    outOfScope: z.literal(true),
    question: z.string().min(2),
  }),
]);
export const assistantEvalSetSchema = z.strictObject({ questions: z.array(evalQuestionSchema).min(1) });
export type AssistantEvalSet = z.infer<typeof assistantEvalSetSchema>;

/** content/assistant-eval.yaml, checked. */
export const loadAssistantEvalSet = (path: string): AssistantEvalSet =>
  assistantEvalSetSchema.parse(parse(readFileSync(path, 'utf8')));

export interface AssistantEvalReport {
  questions: number;
  inScope: number;
  outOfScope: number;
  /** In-scope questions with an expected lesson among the first three citations. */
  hitAt3: number;
  /** Answers (not fallbacks) whose every sentence is found in a passage of a lesson they cite. */
  groundedness: number;
  answered: number;
  /** Questions whose fallback was right: out of scope → fallback, in scope → an answer. */
  fallbackAccuracy: number;
  /** Out-of-scope questions that got the fallback. */
  outOfScopeRefused: number;
  misses: string[];
}

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

/**
 * Asks every question of the set and measures the answers. Groundedness is checked against the lessons' stored
 * passages (what the cited lessons really say), independently of the answer's own `grounded` flag.
 */
export async function runAssistantEval(
  db: Queryable,
  set: AssistantEvalSet,
  ask: (request: AssistantAskRequest) => Promise<AssistantAnswer>,
): Promise<AssistantEvalReport> {
  let hits = 0;
  let inScope = 0;
  let outOfScope = 0;
  let refused = 0;
  let answered = 0;
  let grounded = 0;
  let fallbackRight = 0;
  const misses: string[] = [];
  for (const q of set.questions) {
    const answer = await ask({ question: q.question, lang: q.lang });
    if ('outOfScope' in q) {
      outOfScope++;
      if (answer.fallback) {
        refused++;
        fallbackRight++;
      } else misses.push(`${q.id}: answered an out-of-scope question (${answer.citations[0]?.lessonKey})`);
    } else {
      inScope++;
      if (!answer.fallback) fallbackRight++;
      const top = answer.citations.slice(0, 3);
      if (top.some((c) => c.courseSlug === q.course && q.lessons.includes(c.lessonKey))) hits++;
      else
        misses.push(
          `${q.id}: expected ${q.course}/${q.lessons.join('|')}, got ${top.map((c) => `${c.courseSlug}/${c.lessonKey}`).join(', ') || 'the fallback'}`,
        );
    }
    if (!answer.fallback) {
      answered++;
      const texts = await assistantLessonTexts(
        db,
        answer.citations.map((c) => c.lessonId),
        q.lang,
      );
      if (
        isGrounded(
          splitSentences(answer.answer),
          texts.map((t) => t.body),
        )
      )
        grounded++;
      else misses.push(`${q.id}: answer not found in the cited lessons`);
    }
  }
  return {
    questions: set.questions.length,
    inScope,
    outOfScope,
    hitAt3: share(hits, inScope),
    groundedness: share(grounded, answered),
    answered,
    fallbackAccuracy: share(fallbackRight, set.questions.length),
    outOfScopeRefused: share(refused, outOfScope),
    misses,
  };
}

export function describeEval(r: AssistantEvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  return [
    `assistant eval: ${r.questions} questions (${r.inScope} in scope, ${r.outOfScope} out of scope)`,
    `  retrieval hit@3:     ${pct(r.hitAt3)}`,
    `  groundedness:        ${pct(r.groundedness)} of ${r.answered} answers`,
    `  fallback accuracy:   ${pct(r.fallbackAccuracy)} (out-of-scope refused: ${pct(r.outOfScopeRefused)})`,
    ...r.misses.map((m) => `  miss ${m}`),
  ].join('\n');
}
