import type { LocalizedText } from '../catalog';
import type { CompletionRule } from './course-progress';

/** A lesson as the requirements see it: its key, its kind and, for a quiz, its pass mark (whole percent). */
export interface RequirementLesson {
  key: string;
  kind: string;
  passMark?: number;
}

export interface CourseRequirements {
  /** The completion rule the course is held to. */
  completion: CompletionRule;
  /** The quizzes that must be passed, with their pass marks, in outline order. */
  quizzes: Array<{ key: string; passMark: number }>;
  /** What a certificate says the learner did (the credential's `criteria.narrative`). */
  criteria: LocalizedText;
}

/**
 * What a course really requires, in one place for publishing and for the credential: with `rule` (a stored or
 * authored completion rule) it describes that rule; without one it derives the studio's rule from the outline
 * (every lesson completed, every quiz lesson passed). The criteria text names each quiz's pass mark and never
 * mentions a quiz the course does not require.
 */
export function courseRequirements(
  outline: readonly RequirementLesson[],
  rule?: CompletionRule,
): CourseRequirements {
  const completion: CompletionRule = rule ?? {
    lessons: 'all',
    quizzes: outline.filter((l) => l.kind === 'quiz').map((l) => l.key),
  };
  const byKey = new Map(outline.map((l) => [l.key, l]));
  const quizzes = completion.quizzes
    .map((key) => ({ key, passMark: byKey.get(key)?.passMark }))
    .filter((q): q is { key: string; passMark: number } => typeof q.passMark === 'number');
  return { completion, quizzes, criteria: criteriaText(completion, quizzes) };
}

function criteriaText(rule: CompletionRule, quizzes: Array<{ passMark: number }>): LocalizedText {
  const lessonsVi =
    rule.lessons === 'all'
      ? 'Hoàn thành mọi bài học của khóa học'
      : `Hoàn thành ${rule.lessons.length} bài học bắt buộc của khóa học`;
  const lessonsEn =
    rule.lessons === 'all'
      ? 'Completed every lesson of the course'
      : `Completed the ${rule.lessons.length} required lessons of the course`;
  const marks = [...new Set(quizzes.map((q) => q.passMark))];
  const marksText = marks.map((m) => `${m}%`).join(', ');
  let quizVi = '';
  let quizEn = '';
  if (quizzes.length === 1) {
    quizVi = ` và đạt bài kiểm tra của khóa học với số điểm tối thiểu ${marksText}`;
    quizEn = ` and passed its quiz with a score of at least ${marksText}`;
  } else if (quizzes.length > 1) {
    const same = marks.length === 1;
    quizVi = ` và đạt cả ${quizzes.length} bài kiểm tra của khóa học, ${same ? `mỗi bài với số điểm tối thiểu ${marksText}` : `với số điểm tối thiểu lần lượt ${marksText}`}`;
    quizEn = ` and passed all ${quizzes.length} of its quizzes, ${same ? `each with a score of at least ${marksText}` : `with scores of at least ${marksText} respectively`}`;
  }
  return {
    vi: `${lessonsVi}${quizVi} trên nền tảng Học vụ số.`,
    en: `${lessonsEn}${quizEn} on the Học vụ số platform.`,
  };
}
