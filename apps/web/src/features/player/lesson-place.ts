/** The part of a course outline this needs: modules of lessons, in the order the course gives them. */
export interface OutlineModules {
  modules: ReadonlyArray<{ lessons: ReadonlyArray<{ id: string }> }>;
}

/** Where a lesson sits in its course: "Bài 2/9" is `{ number: 2, total: 9 }`. */
export interface LessonPlace {
  number: number;
  total: number;
}

/**
 * The lesson's number in the whole course (counted across modules, as the course page numbers them) and how many
 * lessons the course has; undefined when the outline does not list it (an outline of another version).
 */
export function lessonPlace(outline: OutlineModules, lessonId: string): LessonPlace | undefined {
  const ids = outline.modules.flatMap((module) => module.lessons.map((lesson) => lesson.id));
  const index = ids.indexOf(lessonId);
  return index < 0 ? undefined : { number: index + 1, total: ids.length };
}

/** The number the first lesson of each module carries, so that every module's list continues the count. */
export function moduleStarts(outline: OutlineModules): number[] {
  const starts: number[] = [];
  let next = 1;
  for (const module of outline.modules) {
    starts.push(next);
    next += module.lessons.length;
  }
  return starts;
}
