import { foldForSearch, type LocalizedText } from '@hocvuso/domain';
import type { CourseData, LessonData, QuestionBankData } from '@hocvuso/contracts';
import { contentHash } from './hash';
import { renderMarkdown } from './markdown';

/** Names and levels of the shipped competencies, keyed `framework:code`. */
export type CompetencyIndex = Map<string, { name: LocalizedText; levels: number[] }>;

/** A course's own fields, whoever wrote them (course.yaml or the teaching studio). */
export interface CourseParts {
  id: string;
  edition: string;
  defaultLanguage: string;
  languages: string[];
  title: LocalizedText;
  summary: LocalizedText;
  /** Markdown per language; the summary stands in where a language has none. */
  description?: LocalizedText;
  targetGroups: string[];
  subGroups: string[];
  competencies: Array<{ framework: string; code: string; level: number | null }>;
  estimatedMinutes: number;
  certificate: boolean;
  completion: CourseData['completion'];
  modules: CourseData['modules'];
}

/** A lesson with its content hash, which decides whether learners' progress on it carries over. */
export function hashLesson(lesson: Omit<LessonData, 'contentHash'>): LessonData {
  return { ...lesson, contentHash: contentHash(lesson) };
}

/**
 * The importable form of a validated course: description rendered, search text folded by weight (A titles,
 * B summaries, C outline and competencies) and the content hash that decides whether a new version is due.
 */
export function assembleCourse(
  parts: CourseParts,
  lessons: LessonData[],
  banks: QuestionBankData[],
  competencies: CompetencyIndex,
): CourseData {
  const langs = parts.languages;
  const pick = (t: LocalizedText | undefined, l: string) =>
    (t as Record<string, string | undefined> | undefined)?.[l];
  const descriptionHtml = Object.fromEntries(
    langs.map((l) => [l, renderMarkdown(pick(parts.description, l) || pick(parts.summary, l) || '')]),
  ) as LocalizedText;
  const all = (t: LocalizedText) => Object.values(t).join(' ');
  const search = {
    title: langs.map((l) => foldForSearch(pick(parts.title, l) ?? '')).join(' | '),
    a: foldForSearch(all(parts.title)),
    b: foldForSearch(all(parts.summary)),
    c: foldForSearch(
      [
        ...parts.modules.map((m) => all(m.title)),
        ...lessons.map((l) => all(l.title)),
        ...parts.competencies.map((c) =>
          all(competencies.get(`${c.framework}:${c.code}`)?.name ?? { vi: '' }),
        ),
      ].join(' '),
    ),
  };
  const data = {
    id: parts.id,
    edition: parts.edition,
    defaultLanguage: parts.defaultLanguage,
    languages: langs,
    title: parts.title,
    summary: parts.summary,
    descriptionHtml,
    targetGroups: parts.targetGroups,
    subGroups: parts.subGroups,
    competencies: parts.competencies,
    estimatedMinutes: parts.estimatedMinutes,
    certificate: parts.certificate,
    completion: parts.completion,
    modules: parts.modules,
  };
  return {
    ...data,
    lessons,
    banks,
    search,
    contentHash: contentHash({
      ...data,
      lessons: lessons.map((l) => [l.key, l.contentHash]),
      banks: banks.map((b) => [b.key, b.contentHash]),
    }),
  };
}
