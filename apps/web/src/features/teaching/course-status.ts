/**
 * Where a course stands, as the teacher sees it: a draft never published, published as saved, published with
 * saved changes not yet published, or taken out of the catalogue after having been published.
 */
export type CourseStatus = 'draft' | 'published' | 'changed' | 'unpublished';

export interface CourseState {
  source: 'content' | 'studio';
  published: boolean;
  /** The current version's number; null when the course was never published. */
  versionNo: number | null;
  unpublishedChanges: boolean;
}

export function courseStatus(course: CourseState): CourseStatus {
  if (course.published)
    return course.source === 'studio' && course.unpublishedChanges ? 'changed' : 'published';
  return course.versionNo === null ? 'draft' : 'unpublished';
}

/** A status as an icon beside the words (never colour alone). */
export const STATUS_ICON: Record<CourseStatus, string> = {
  draft: '✎',
  published: '✓',
  changed: '◐',
  unpublished: '○',
};

/** The state of a course detail (GET /api/teaching/courses/:id) in the same terms as the list's. */
export function detailState(course: {
  source: 'content' | 'studio';
  published: boolean;
  versions: ReadonlyArray<{ versionNo: number; current: boolean }>;
  draft: { revision: number; publishedRevision: number | null } | null;
}): CourseState {
  return {
    source: course.source,
    published: course.published,
    versionNo: course.versions.find((v) => v.current)?.versionNo ?? null,
    unpublishedChanges: course.draft !== null && course.draft.revision !== course.draft.publishedRevision,
  };
}
