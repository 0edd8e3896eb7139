import type { CourseSummary } from '@hocvuso/contracts';
import { useMemo } from 'react';
import { queries } from '../api/queries';
import { useApiQuery } from '../api/use-api-query';
import { useLang } from '../i18n/use-lang';

/**
 * Every published course; with `enabled` false (the picker is not shown) nothing is fetched yet. One walk
 * through the catalogue serves the admin pages for a minute (queries.allCourses).
 */
export function useAllCourses(enabled = true) {
  const lang = useLang();
  return useApiQuery(queries.allCourses(lang), { enabled });
}

/** The courses as a checkbox list wants them (CodeCheckboxes): their ids in catalogue order, and their titles. */
export function useCourseChoices(courses: CourseSummary[] | undefined) {
  return useMemo(
    () => ({
      ids: courses?.map((course) => course.id) ?? [],
      titles: new Map(courses?.map((course) => [course.id, course.title])),
    }),
    [courses],
  );
}
