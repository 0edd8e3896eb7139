import type { Lang } from '../api/client';

/**
 * The language a course's texts arrive in: the interface language when the course has it, else the
 * course's own language. Marking it with `lang` lets screen readers pronounce it correctly.
 */
export function contentLang(course: { language: string; languages: string[] }, ui: Lang): string {
  return course.languages.includes(ui) ? ui : course.language;
}
