import { countWords, type LocalizedText, minimumReadingSeconds } from '@hocvuso/domain';
import type { CourseData, DraftProblem, LessonData, StudioDraft } from '@hocvuso/contracts';
import { assembleCourse, type CompetencyIndex, hashLesson } from './assemble-course';
import { markdownText, renderMarkdown } from './markdown';

export type StudioBuild =
  { course: CourseData; problems: [] } | { course?: undefined; problems: DraftProblem[] };

/**
 * Checks that a studio draft is complete enough to publish and turns it into the same importable course the
 * content files produce, so a studio course is versioned, searched, tracked and certified like any other.
 * Studio courses have one module holding every lesson, and completing every lesson completes the course.
 */
export function buildStudioCourse(
  courseId: string,
  edition: string,
  draft: StudioDraft,
  competencies: CompetencyIndex,
): StudioBuild {
  const problems: DraftProblem[] = [];
  const langs = draft.languages;
  const requireText = (field: string, t: Record<string, string | undefined>) => {
    for (const l of langs)
      if (!t[l]?.trim()) problems.push({ field: `${field}.${l}`, message: `expected the text in ${l}` });
  };
  if (!langs.includes(draft.defaultLanguage))
    problems.push({
      field: 'languages',
      message: `expected to include the main language "${draft.defaultLanguage}"`,
    });
  if (new Set(langs).size !== langs.length)
    problems.push({ field: 'languages', message: 'expected each language once' });
  requireText('title', draft.title);
  requireText('summary', draft.summary);
  if (draft.targetGroups.length === 0)
    problems.push({ field: 'targetGroups', message: 'expected at least one target group' });
  if (draft.competencies.length === 0)
    problems.push({ field: 'competencies', message: 'expected at least one framework competency' });
  draft.competencies.forEach((c, i) => {
    const known = competencies.get(`${c.framework}:${c.code}`);
    if (!known)
      problems.push({ field: `competencies.${i}`, message: `unknown competency "${c.framework}:${c.code}"` });
    else if (c.level !== null && !known.levels.includes(c.level)) {
      problems.push({
        field: `competencies.${i}.level`,
        message: `expected one of the framework's levels ${known.levels.join(', ')}`,
      });
    }
  });
  if (draft.lessons.length === 0)
    problems.push({ field: 'lessons', message: 'expected at least one lesson' });
  const keys = new Set<string>();
  const lessons: LessonData[] = [];
  draft.lessons.forEach((lesson, i) => {
    const at = `lessons.${i}`;
    if (keys.has(lesson.key))
      problems.push({
        field: `${at}.key`,
        message: `expected lesson ids to be unique ("${lesson.key}" repeats)`,
      });
    keys.add(lesson.key);
    requireText(`${at}.title`, lesson.title);
    const title = pickLangs(lesson.title, langs);
    if (lesson.kind === 'text') {
      requireText(`${at}.body`, lesson.body);
      const words = countWords(markdownText(lesson.body[draft.defaultLanguage] ?? ''));
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'text',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.body[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: minimumReadingSeconds(words),
          data: {},
          competencies: [],
        }),
      );
    } else {
      if (lesson.items.length === 0)
        problems.push({ field: `${at}.items`, message: 'expected at least one checklist item' });
      lesson.items.forEach((item, j) => requireText(`${at}.items.${j}`, item));
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'checklist',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(langs.map((l) => [l, ''])) as LocalizedText,
          minReadSeconds: 0,
          data: { items: lesson.items.map((item) => pickLangs(item, langs)) },
          competencies: [],
        }),
      );
    }
  });
  if (problems.length > 0) return { problems };

  const course = assembleCourse(
    {
      id: courseId,
      edition,
      defaultLanguage: draft.defaultLanguage,
      languages: langs,
      title: pickLangs(draft.title, langs),
      summary: pickLangs(draft.summary, langs),
      description: pickLangs(draft.description, langs),
      targetGroups: draft.targetGroups,
      subGroups: draft.subGroups,
      competencies: draft.competencies,
      estimatedMinutes: Math.max(
        1,
        draft.lessons.reduce((sum, l) => sum + l.minutes, 0),
      ),
      certificate: draft.certificate,
      completion: { lessons: 'all', quizzes: [] },
      modules: [
        { key: 'main', title: pickLangs(draft.title, langs), lessons: draft.lessons.map((l) => l.key) },
      ],
    },
    lessons,
    [],
    competencies,
  );
  return { course, problems: [] };
}

/** Only the course's languages, trimmed; a language the course does not offer is dropped. */
function pickLangs(t: Record<string, string | undefined>, langs: string[]): LocalizedText {
  return Object.fromEntries(langs.map((l) => [l, (t[l] ?? '').trim()])) as LocalizedText;
}
