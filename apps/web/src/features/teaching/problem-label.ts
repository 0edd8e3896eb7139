import type { TFunction } from 'i18next';
import type { ProblemTarget } from './draft-problems';

/** A problem in plain words: "Bài 2: chưa có nội dung (tiếng Anh)." */
export function problemLabel(t: TFunction, problem: ProblemTarget): string {
  return t(`teaching.problems.${problem.kind}`, {
    lesson: problem.lesson,
    item: problem.item,
    n: problem.competency,
    language: problem.lang ? t(`teaching.lang.${problem.lang}`) : '',
    message: problem.message,
  });
}
