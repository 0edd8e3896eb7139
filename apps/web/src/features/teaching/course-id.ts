import { foldForSearch } from '@hocvuso/domain';

/** The api's rule for course and lesson ids (libs/contracts studio.ts): lowercase words joined by single hyphens. */
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COURSE_ID_MIN = 3;
export const COURSE_ID_MAX = 60;

/**
 * A course id suggested from its title: Vietnamese diacritics folded (đ → d), lower case, words joined by
 * hyphens, cut at a word boundary to fit. "Dùng Zalo an toàn!" → "dung-zalo-an-toan".
 */
export function suggestSlug(title: string, max = COURSE_ID_MAX): string {
  const words = foldForSearch(title)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > max) {
      // A first word longer than the limit is cut; later words are dropped whole.
      if (!slug) slug = word.slice(0, max);
      break;
    }
    slug = next;
  }
  return slug;
}

export type CourseIdProblem = 'idRequired' | 'idTooShort' | 'idTooLong' | 'idFormat';

/** What is wrong with a course id typed by hand, if anything (the same rule the api applies). */
export function courseIdProblem(id: string): CourseIdProblem | undefined {
  if (id === '') return 'idRequired';
  if (id.length > COURSE_ID_MAX) return 'idTooLong';
  if (!SLUG.test(id)) return 'idFormat';
  if (id.length < COURSE_ID_MIN) return 'idTooShort';
  return undefined;
}

/** Whether a lesson key has the shape the api accepts ("bai-1"). */
export const isLessonKey = (key: string): boolean => key.length <= COURSE_ID_MAX && SLUG.test(key);
