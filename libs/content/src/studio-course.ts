import {
  countWords,
  courseRequirements,
  type LocalizedText,
  minimumReadingSeconds,
  quizDraftProblems,
} from '@hocvuso/domain';
import type {
  CourseData,
  DraftProblem,
  LessonData,
  QuestionBankData,
  StudioDraft,
  StudioLesson,
} from '@hocvuso/contracts';
import { assembleCourse, type CompetencyIndex, hashLesson } from './assemble-course';
import { contentHash, sha256 } from './hash';
import { markdownText, renderMarkdown } from './markdown';

export type StudioBuild =
  { course: CourseData; problems: [] } | { course?: undefined; problems: DraftProblem[] };

/**
 * Checks that a studio draft is complete enough to publish and turns it into the same importable course the
 * content files produce, so a studio course is versioned, searched, tracked and certified like any other.
 * Studio courses have one module holding every lesson; completing every lesson and passing every quiz completes
 * the course (`courseRequirements`, the rule the credential's criteria text is written from). A quiz lesson
 * becomes a quiz lesson with its own question bank (key = the lesson's key), as a file course has, with option
 * ids re-keyed to opaque ones so no id says which option is right or where an item stands.
 */
export function buildStudioCourse(
  courseId: string,
  edition: string,
  draft: StudioDraft,
  competencies: CompetencyIndex,
  materials: ReadonlyMap<string, StudioMaterialRef> = new Map(),
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
  const banks: QuestionBankData[] = [];
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
    } else if (lesson.kind === 'quiz') {
      const quizProblems = quizDraftProblems(lesson, {
        languages: langs,
        competencies: draft.competencies.map((c) => `${c.framework}:${c.code}`),
      });
      for (const p of quizProblems)
        if (p.blocking)
          problems.push({
            field: `${at}.${p.path}`,
            message: p.message,
            code: p.code,
            blocking: true,
            ...(p.params ? { params: p.params } : {}),
          });
      const bank = studioBank(courseId, lesson, langs);
      banks.push(bank);
      const s = lesson.settings;
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'quiz',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.instructions[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: 0,
          data: {
            quiz: {
              bank: bank.key,
              questionsPerAttempt: s.questionsPerAttempt,
              passMark: s.passMark,
              ...(s.timeLimitMinutes !== null ? { timeLimitMinutes: s.timeLimitMinutes } : {}),
              ...(s.maxAttempts !== null ? { maxAttempts: s.maxAttempts } : {}),
              reveal: s.reveal,
              ...(s.retakeCooldownHours !== null ? { retakeCooldownHours: s.retakeCooldownHours } : {}),
              bankHash: bank.contentHash,
            },
          },
          competencies: [...new Set(lesson.questions.flatMap((q) => (q.competency ? [q.competency] : [])))],
        }),
      );
    } else if (lesson.kind === 'document') {
      // The file stays a course material, served by the materials route (attachment, nosniff, sandbox); the
      // lesson stores the content format's document shape with the material as its source.
      const material = lesson.materialId === null ? undefined : materials.get(lesson.materialId);
      if (!material)
        problems.push({ field: `${at}.materialId`, message: 'expected a material of this course' });
      lessons.push(
        hashLesson({
          key: lesson.key,
          kind: 'document',
          minutes: lesson.minutes,
          title,
          bodyHtml: Object.fromEntries(
            langs.map((l) => [l, renderMarkdown(lesson.body[l] ?? '')]),
          ) as LocalizedText,
          minReadSeconds: 0,
          data: {
            document: { src: materialSource(lesson.materialId ?? ''), mediaType: material?.mediaType ?? '' },
            mediaHashes: [material?.sha256 ?? null],
          },
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
      completion: courseRequirements(lessons.map(requirementOf)).completion,
      modules: [
        { key: 'main', title: pickLangs(draft.title, langs), lessons: draft.lessons.map((l) => l.key) },
      ],
    },
    lessons,
    banks,
    competencies,
  );
  return { course, problems: [] };
}

/** What a document lesson needs of the material it shows. */
export interface StudioMaterialRef {
  readonly mediaType: string;
  readonly sha256: string;
}

/** The `document.src` of a studio document lesson: the material's id under `materials/` (no file path). */
export const materialSource = (materialId: string) => `materials/${materialId}`;

/** The material id a lesson's `document.src` names, or undefined for a file of the content folder. */
export function materialIdOf(src: string): string | undefined {
  const m = /^materials\/([0-9a-f-]{36})$/.exec(src);
  return m?.[1];
}

/** Only the course's languages, trimmed; a language the course does not offer is dropped. */
function pickLangs(t: Record<string, string | undefined>, langs: string[]): LocalizedText {
  return Object.fromEntries(langs.map((l) => [l, (t[l] ?? '').trim()])) as LocalizedText;
}

/** A built lesson as the course's requirements see it (its key, kind and a quiz's pass mark). */
function requirementOf(lesson: LessonData) {
  const quiz = lesson.data.quiz as { passMark: number } | undefined;
  return { key: lesson.key, kind: lesson.kind, ...(quiz ? { passMark: quiz.passMark } : {}) };
}

/**
 * The question bank of a studio quiz, in the content format's shape (`quizzes/<bank>.yaml`). Option and item
 * ids become `o` + 10 hex of SHA-256 over the course, lesson, question and the editor's id: stable across
 * publishes of the same draft (so the content hash only moves when content does), and saying nothing about
 * which option is right or the right order, whatever ids the editor sent.
 */
export function studioBank(
  courseId: string,
  lesson: Extract<StudioLesson, { kind: 'quiz' }>,
  langs: string[],
): QuestionBankData {
  const opaque = (questionId: string, id: string) =>
    `o${sha256(`${courseId}\u0000${lesson.key}\u0000${questionId}\u0000${id}`).slice(0, 10)}`;
  const questions = lesson.questions.map((q) => {
    const base = {
      id: q.id,
      type: q.type,
      competency: q.competency ?? '',
      prompt: pickLangs(q.prompt, langs),
    };
    const explanation = pickLangs(q.explanation, langs);
    switch (q.type) {
      case 'single':
      case 'multiple':
        return {
          ...base,
          options: q.options.map((o) => ({
            id: opaque(q.id, o.id),
            text: pickLangs(o.text, langs),
            correct: o.correct,
          })),
          explanation,
        };
      case 'truefalse':
        return { ...base, answer: q.answer, explanation };
      case 'ordering':
        return {
          ...base,
          items: q.items.map((it) => ({ id: opaque(q.id, it.id), text: pickLangs(it.text, langs) })),
          explanation,
        };
    }
  });
  return { key: lesson.key, questions, contentHash: contentHash(questions) };
}
