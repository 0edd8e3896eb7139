/** The completion rule of a course, as written in its course.yaml. */
export interface CompletionRule {
  /** `all`, or the lesson keys that must be completed. */
  lessons: 'all' | string[];
  /** Quiz lesson keys that must be passed. */
  quizzes: string[];
}

export interface LessonState {
  key: string;
  completed: boolean;
  /** For quiz lessons: whether a passing attempt exists. */
  passed?: boolean;
}

export interface CourseProgress {
  completedLessons: number;
  totalLessons: number;
  /** Whole percent, 0..100, rounded down so 100 means really everything. */
  percent: number;
  /** The first lesson in outline order that is not completed; undefined when all are. */
  nextLessonKey?: string;
}

/** Progress over the outline (lessons in order). */
export function courseProgress(outline: LessonState[]): CourseProgress {
  const totalLessons = outline.length;
  const completedLessons = outline.filter((l) => l.completed).length;
  const percent = totalLessons === 0 ? 0 : Math.floor((completedLessons * 100) / totalLessons);
  return { completedLessons, totalLessons, percent, nextLessonKey: outline.find((l) => !l.completed)?.key };
}

/**
 * Whether the course completion rule is met. Unknown lesson keys in the rule make the course impossible to
 * complete (the importer refuses such content, so this is a guard, not a path).
 */
export function isCourseComplete(rule: CompletionRule, outline: LessonState[]): boolean {
  if (outline.length === 0) return false;
  const byKey = new Map(outline.map((l) => [l.key, l]));
  const required = rule.lessons === 'all' ? outline.map((l) => l.key) : rule.lessons;
  const lessonsDone = required.every((key) => byKey.get(key)?.completed === true);
  const quizzesPassed = rule.quizzes.every((key) => byKey.get(key)?.passed === true);
  return lessonsDone && quizzesPassed;
}
