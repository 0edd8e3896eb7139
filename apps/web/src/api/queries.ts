import type { CourseSummary } from '@hocvuso/contracts';
import { api, type CourseListParams, type Lang } from './client';
import { apiKey, apiPrefix, apiQuery } from './query';

const id = encodeURIComponent;

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

/** The GET operations of the shell and the learner pages (see docs/web-data-layer.md for the key scheme). */
export const queries = {
  frameworks: () => apiQuery('/frameworks', {}, (signal) => api.frameworks(signal)),
  /** The languages change only with a new content folder and a restart of the api. */
  languages: () =>
    apiQuery('/languages', {}, (signal) => api.languages(signal), { staleTime: 3_600_000, gcTime: Infinity }),
  courses: (params: CourseListParams) =>
    apiQuery('/courses', { ...params }, (signal) => api.courses(params, signal)),
  /**
   * One walk through the catalogue per language serves every admin page that names or offers courses
   * (mandates, compliance, the mandate form, the roster import) for a minute, so moving between them does
   * not walk it again, while a course published meanwhile shows up soon. It ignores the page's signal: a
   * page left early must not cancel it for the next one.
   */
  allCourses: (lang: Lang) =>
    apiQuery('/courses', { lang, pages: 'all' }, () => allCourses(lang), {
      staleTime: 60_000,
      gcTime: 60_000,
    }),
  /** `version`: the earlier version a learner in progress is on (its own key: never served for another). */
  course: (courseId: string, lang: Lang, version?: string) =>
    apiQuery(`/courses/${id(courseId)}`, version ? { lang, version } : { lang }, (signal) =>
      api.course(courseId, lang, signal, version),
    ),
  myLearning: (lang: Lang) => apiQuery('/me/learning', { lang }, (signal) => api.myLearning(lang, signal)),
  courseProgress: (courseId: string, lang: Lang) =>
    apiQuery(`/me/courses/${id(courseId)}`, { lang }, (signal) => api.courseProgress(courseId, lang, signal)),
  lesson: (lessonId: string, lang: Lang) =>
    apiQuery(`/lessons/${id(lessonId)}`, { lang }, (signal) => api.lesson(lessonId, lang, signal)),
  /**
   * The inbox, and with it the bell's number (there is no count-only call yet): the bell asks again on a
   * page change once its number is a minute old; the inbox page always asks.
   */
  notifications: (lang: Lang) =>
    apiQuery('/me/notifications', { lang }, (signal) => api.notifications(lang, signal), {
      staleTime: 60_000,
      gcTime: Infinity,
    }),
  profile: () => apiQuery('/me/profile', {}, (signal) => api.profile(signal)),
  profilePrompt: () => apiQuery('/me/profile-prompt', {}, (signal) => api.profilePrompt(signal)),
  /**
   * The mandates (required courses) of the signed-in learner: one request per account and language serves
   * every course card of a page and the next pages; My learning asks again (`fresh`).
   */
  myMandates: (lang: Lang) =>
    apiQuery('/me/mandates', { lang }, (signal) => api.myMandates(lang, signal).then((r) => r.items), {
      staleTime: Infinity,
      gcTime: Infinity,
    }),
};

/** What a write of the learner pages makes out of date (prefixes for `useInvalidate`). */
export const changedBy = {
  /** Enrolling, completing a lesson, ticking a checklist, a quiz result: the learner's progress. */
  progress: (courseId: string) => [
    apiKey(`/me/courses/${id(courseId)}`),
    apiKey('/me/learning'),
    apiKey('/me/mandates'),
  ],
  /** Enrolments that are not one known course (an invitation accepted): all progress, My learning, mandates. */
  enrolments: () => [apiPrefix('/me/courses'), apiKey('/me/learning'), apiKey('/me/mandates')],
  /** The learner's profile saved (place, groups): the profile and whether to ask for them. */
  profile: () => [apiKey('/me/profile'), apiKey('/me/profile-prompt')],
};
