import { QUIZ_PROBLEM_CODES, type QuizProblemCode } from '@hocvuso/domain';
import type { TFunction } from 'i18next';
import type { ProblemTarget } from './draft-problems';
import { studioLanguageName } from './language-name';

/** A problem in plain words: "Bài 2: chưa có nội dung (tiếng Anh)." */
export function problemLabel(t: TFunction, problem: ProblemTarget): string {
  if (problem.kind === 'readiness') {
    const params = problem.params ?? {};
    const key =
      problem.code === 'LESSON_EMPTY' ? `LESSON_EMPTY_${String(params.missing ?? 'body')}` : problem.code;
    return t(`teaching.readiness.${key}`, {
      ...params,
      lesson: problem.lesson,
      defaultValue: problem.message,
    });
  }
  if (problem.kind === 'quiz') {
    const code = (QUIZ_PROBLEM_CODES as readonly string[]).includes(problem.code ?? '')
      ? (problem.code as QuizProblemCode)
      : undefined;
    const where = problem.question
      ? t('teaching.quiz.where.question', { lesson: problem.lesson, question: problem.question })
      : t('teaching.quiz.where.quiz', { lesson: problem.lesson });
    const params = problem.params ?? {};
    // A question pinned in a video (docs/in-video-questions.md): the content format's codes.
    if (problem.code?.startsWith('VIDEO_QUESTION_'))
      return `${where} ${t(`teaching.videos.problems.${problem.code}`, {
        ...params,
        language: problem.lang ? studioLanguageName(t, problem.lang) : '',
        defaultValue: problem.message,
      })}`;
    if (problem.code === 'QUIZ_SETTING_RANGE')
      return `${where} ${t('teaching.quiz.settingRange', { min: params.min ?? '', max: params.max ?? '' })}`;
    const detail = code
      ? t(`teaching.quiz.problems.${code}`, {
          ...params,
          option: problem.option ?? params.other ?? '',
          language: problem.lang ? studioLanguageName(t, problem.lang) : '',
        })
      : problem.message;
    return `${where} ${detail}`;
  }
  return t(`teaching.problems.${problem.kind}`, {
    lesson: problem.lesson,
    item: problem.item,
    n: problem.competency,
    language: problem.lang ? studioLanguageName(t, problem.lang) : '',
    message: problem.message,
  });
}
