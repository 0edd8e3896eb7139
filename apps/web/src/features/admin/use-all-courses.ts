import type { CourseSummary } from '@hocvuso/contracts';
import { useMemo } from 'react';
import { api, type Lang } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useLang } from '../../i18n/use-lang';

/** The api's largest page (PAGE_LIMIT_MAX in @hocvuso/contracts; a value import would bring zod along). */
const PAGE_LIMIT_MAX = 50;

/** Every published course (all pages of the catalogue), for course pickers and for naming course ids. */
async function allCourses(lang: Lang): Promise<CourseSummary[]> {
  const out: CourseSummary[] = [];
  for (let page = 1; page <= 20; page++) {
    const result = await api.courses({ lang, page, limit: PAGE_LIMIT_MAX });
    out.push(...result.items);
    if (out.length >= result.total || result.items.length === 0) break;
  }
  return out;
}

/**
 * One walk through the catalogue per language serves every page of the admin area that names or offers
 * courses (mandates, compliance, the mandate form, the roster import) for a minute, so moving between them
 * does not walk it again, while a course published meanwhile shows up soon. It is not tied to one page's
 * signal: a page left early must not cancel it for the next one.
 */
const FRESH_MS = 60_000;
const cache = new Map<Lang, { at: number; courses: Promise<CourseSummary[]> }>();

function cachedCourses(lang: Lang): Promise<CourseSummary[]> {
  const hit = cache.get(lang);
  if (hit && Date.now() - hit.at < FRESH_MS) return hit.courses;
  const entry = { at: Date.now(), courses: allCourses(lang) };
  // A failure is not remembered: "Try again" (or the next page) asks the api again.
  entry.courses.catch(() => {
    if (cache.get(lang) === entry) cache.delete(lang);
  });
  cache.set(lang, entry);
  return entry.courses;
}

/** Every published course; with `enabled` false (the picker is not shown) nothing is fetched yet. */
export function useAllCourses(enabled = true) {
  const lang = useLang();
  return useApi(() => cachedCourses(lang), [lang], enabled);
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
