import { SUB_GROUPS, type SubGroup } from '../catalog/target-groups';
import { competenciesCounting, type CompetencyMapping } from '../coverage/universalisation';

/**
 * The placement test's pure rules (docs/placement.md): which competencies a learner masters from their answers,
 * the personal path of courses that skips what they master, the next course, and when a retake opens.
 */

/** One graded placement item: the competency it checks (`framework:code`) and whether it was exactly right. */
export interface PlacementItemResult {
  competency: string;
  correct: boolean;
}

/** Hours after a submitted placement before the learner may take it again. */
export const PLACEMENT_RETAKE_HOURS = 24;

/** Items in one placement test file (the content loader refuses fewer or more). */
export const PLACEMENT_MIN_ITEMS = 8;
export const PLACEMENT_MAX_ITEMS = 12;

/**
 * The competencies a learner masters: every item of the competency answered exactly right (a partly right
 * multiple choice is not right). A competency with no item is never mastered (nothing shows it). Returned in
 * the order the competencies first appear among the items, without repeats.
 */
export function masteredCompetencies(items: readonly PlacementItemResult[]): string[] {
  const allRight = new Map<string, boolean>();
  for (const item of items)
    allRight.set(item.competency, (allRight.get(item.competency) ?? true) && item.correct);
  return [...allRight].filter(([, right]) => right).map(([competency]) => competency);
}

/** A published course as the path rule sees it. */
export interface PathCourseInput {
  id: string;
  /** The course's competencies (every framework); a null level counts as level 1. */
  competencies: ReadonlyArray<{ framework: string; code: string; level: number | null }>;
  /** The learner completed it (any version). */
  completed: boolean;
  /** The learner is enrolled and has not completed it. */
  enrolled: boolean;
  /** The sub-groups the course is made for (its current version's `subGroups`); none: made for everyone. */
  subGroups?: readonly string[];
  /**
   * The course targets the learner's group (default true). A course of another group is an input only because it is
   * made for one of the learner's sub-groups; it joins the path only for that ({@link learningPath}).
   */
  inGroup?: boolean;
}

/** One course of a learner's path. */
export interface PathEntry {
  courseId: string;
  /** The lowest level among the course's competencies of the path's framework. */
  level: number;
  /** The course's competencies of the framework the learner has not mastered (`framework:code`), in framework order. */
  toLearn: string[];
  enrolled: boolean;
  /**
   * The learner's sub-groups the course is made for, in {@link SUB_GROUPS} order: why it is on the path and ahead of
   * the general courses of its level. Empty for a course on the path for the group alone.
   */
  forSubGroups: SubGroup[];
}

/** What {@link learningPath} needs. */
export interface LearningPathInput {
  /** The group's framework: only its competencies count. */
  framework: string;
  /** Competency codes of the framework in the framework's own order (foundations first): the prerequisite order. */
  competencyOrder: readonly string[];
  /** `framework:code` of the competencies the learner masters. */
  mastered: readonly string[];
  /** The published courses of the learner's target group. */
  courses: readonly PathCourseInput[];
  /**
   * Competencies of other frameworks (`framework:code`) that stand for one of the framework's codes: the equivalences
   * of content/frameworks/mappings.yaml ({@link pathEquivalents}). A course tagged with one teaches that code.
   */
  equivalents?: ReadonlyMap<string, string>;
  /** The sub-groups of the learner's profile (unknown codes and repeats are ignored); none: the path ignores sub-groups. */
  subGroups?: readonly string[];
}

/** The mapping relation under which another framework's competency is the same competency on a path. */
export const PATH_MAPPING_RELATIONS = ['equivalent'] as const;

/**
 * For each competency of the group's framework, the competencies of other frameworks equivalent to it (followed in
 * both directions and through other frameworks, as coverage's universalisation rule does): `framework:code` → code.
 * Only `equivalent` links count: a `related` competency is a neighbour, and a learner who masters one has not shown
 * the other. A foreign competency equivalent to two codes stands for the first in the framework's order.
 */
export function pathEquivalents(
  framework: string,
  competencyOrder: readonly string[],
  mappings: readonly CompetencyMapping[],
): Map<string, string> {
  const equivalents = new Map<string, string>();
  for (const code of competencyOrder)
    for (const ref of competenciesCounting({ framework, code }, mappings, PATH_MAPPING_RELATIONS))
      if (!ref.startsWith(`${framework}:`) && !equivalents.has(ref)) equivalents.set(ref, code);
  return equivalents;
}

/** The course's competencies as codes of the path's framework: its own, and those equivalent to one. */
function ownCompetencies(
  course: PathCourseInput,
  framework: string,
  equivalents: ReadonlyMap<string, string> | undefined,
): Array<{ code: string; level: number | null }> {
  const own: Array<{ code: string; level: number | null }> = [];
  for (const c of course.competencies) {
    const code = c.framework === framework ? c.code : equivalents?.get(`${c.framework}:${c.code}`);
    if (code !== undefined) own.push({ code, level: c.level });
  }
  return own;
}

/** The known sub-groups among `codes`, once each, in {@link SUB_GROUPS} order. */
function knownSubGroups(codes: readonly string[] | undefined): SubGroup[] {
  const given = new Set(codes ?? []);
  return SUB_GROUPS.filter((s) => given.has(s));
}

/**
 * Whether a course belongs on the learner's path as far as sub-groups go, and for which of the learner's sub-groups
 * it is made. A learner who declares no sub-group gets the group's courses, as before sub-groups counted. A learner
 * who declares some gets the group's courses made for everyone, and every course made for one of their sub-groups
 * (of any group); a course made only for other sub-groups is left out.
 */
function subGroupFit(
  course: PathCourseInput,
  learner: readonly SubGroup[],
): { joins: boolean; forSubGroups: SubGroup[] } {
  const inGroup = course.inGroup ?? true;
  if (learner.length === 0) return { joins: inGroup, forSubGroups: [] };
  const madeFor = knownSubGroups(course.subGroups);
  const forSubGroups = madeFor.filter((s) => learner.includes(s));
  return { joins: forSubGroups.length > 0 || (inGroup && madeFor.length === 0), forSubGroups };
}

/**
 * The personal path: the group's published courses that teach at least one competency of the group's framework
 * the learner does not master, leaving out courses the learner completed. A competency of another framework counts
 * as the framework's code it is equivalent to (`equivalents`); courses without either are not on it. Ordered by level (lowest first), then by where their first competency to learn stands
 * in the framework (its prerequisite order), then by course id, so equal inputs always give the same path. A
 * competency of the course missing from `competencyOrder` sorts after every known one. With the learner's
 * sub-groups ({@link subGroupFit}), the courses made for them come first within their level, and courses made only
 * for other sub-groups are left out; a sub-group never puts on the path a course that teaches nothing left to learn.
 */
export function learningPath(input: LearningPathInput): PathEntry[] {
  const mastered = new Set(input.mastered);
  const rank = new Map(input.competencyOrder.map((code, i) => [code, i]));
  const rankOf = (code: string) => rank.get(code) ?? Number.MAX_SAFE_INTEGER;
  const learner = knownSubGroups(input.subGroups);
  const entries: Array<PathEntry & { first: number }> = [];
  for (const course of input.courses) {
    if (course.completed) continue;
    const { joins, forSubGroups } = subGroupFit(course, learner);
    if (!joins) continue;
    const own = ownCompetencies(course, input.framework, input.equivalents);
    if (own.length === 0) continue;
    const toLearn = [...new Set(own.map((c) => c.code))]
      .filter((code) => !mastered.has(`${input.framework}:${code}`))
      .sort((a, b) => rankOf(a) - rankOf(b) || a.localeCompare(b));
    if (toLearn.length === 0) continue;
    entries.push({
      courseId: course.id,
      level: Math.min(...own.map((c) => c.level ?? 1)),
      toLearn: toLearn.map((code) => `${input.framework}:${code}`),
      enrolled: course.enrolled,
      forSubGroups,
      first: rankOf(toLearn[0]!),
    });
  }
  const general = (e: PathEntry) => (e.forSubGroups.length > 0 ? 0 : 1);
  entries.sort(
    (a, b) =>
      a.level - b.level ||
      general(a) - general(b) ||
      a.first - b.first ||
      (a.courseId < b.courseId ? -1 : a.courseId > b.courseId ? 1 : 0),
  );
  return entries.map(({ first: _first, ...entry }) => entry);
}

/** The next course of a path: its first course (completed courses are never on it); null for an empty path. */
export function nextOnPath<T>(path: readonly T[]): T | null {
  return path[0] ?? null;
}

/** When a learner whose last placement was submitted at `submittedAt` may take it again. */
export function placementRetakeAt(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + PLACEMENT_RETAKE_HOURS * 3_600_000);
}
