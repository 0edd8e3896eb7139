import type { Language, StudioDraft, StudioLesson } from '@hocvuso/contracts';
import { newQuizLesson, untagRemoved } from './quiz-edit';

/*
 * Editing operations on a studio draft: pure functions that return a new draft (or lesson) and never change
 * the one given, so the editor can compare against the saved copy and undo is a matter of keeping a value.
 */

export type Lang = Language;
export type LessonKind = StudioLesson['kind'];
export type TextLesson = Extract<StudioLesson, { kind: 'text' }>;
export type ChecklistLesson = Extract<StudioLesson, { kind: 'checklist' }>;
type Localized = { vi: string; [language: string]: string };
type Competency = StudioDraft['competencies'][number];

const DEFAULT_LESSON_MINUTES = 5;

/** The languages the editor shows fields for: Vietnamese always, then the others the course offers. */
export const editorLanguages = (draft: StudioDraft): Lang[] => [
  'vi',
  ...draft.languages.filter((l) => l !== 'vi'),
];

/**
 * Offers (or stops offering) the course in a content language of GET /api/languages; Vietnamese is always
 * offered. Texts already written in it are kept either way.
 */
export function setLanguage(draft: StudioDraft, lang: Lang, on: boolean): StudioDraft {
  // Vietnamese stays, and a course whose main language is this one keeps it.
  if (lang === 'vi' || (!on && draft.defaultLanguage === lang)) return draft;
  const others = draft.languages.filter((l) => l !== 'vi' && l !== lang);
  return { ...draft, languages: ['vi', ...others, ...(on ? [lang] : [])] };
}

/** Offers (or stops offering) the course in English. */
export const setEnglish = (draft: StudioDraft, on: boolean): StudioDraft => setLanguage(draft, 'en', on);

/** One language of a localized text, replaced. */
export const setText = <T extends Localized>(text: T, lang: Lang, value: string): T => ({
  ...text,
  [lang]: value,
});

/**
 * The first "bai-N" key no lesson uses yet, nor a published lesson (`reserved`): a lesson's key is its identity
 * across versions, so a lesson deleted and a new one added never share it (the new one is a new lesson).
 */
export function nextLessonKey(lessons: readonly StudioLesson[], reserved: readonly string[] = []): string {
  const used = new Set([...lessons.map((l) => l.key), ...reserved]);
  let n = 1;
  while (used.has(`bai-${n}`)) n += 1;
  return `bai-${n}`;
}

const emptyText = (langs: readonly Lang[]): Localized =>
  langs.includes('en') ? { vi: '', en: '' } : { vi: '' };

/** A new, empty lesson of the kind asked for; a checklist starts with one empty item to fill in. */
function newLesson(kind: LessonKind, draft: StudioDraft, reserved: readonly string[]): StudioLesson {
  const langs = editorLanguages(draft);
  const base = {
    key: nextLessonKey(draft.lessons, reserved),
    title: emptyText(langs),
    minutes: DEFAULT_LESSON_MINUTES,
  };
  if (kind === 'quiz') return { ...newQuizLesson(base.key, langs), title: base.title };
  if (kind === 'document') return { ...base, kind: 'document', materialId: null, body: emptyText(langs) };
  if (kind === 'video')
    return { ...base, kind: 'video', videoId: null, body: emptyText(langs), questions: [], requiredShare: 1 };
  return kind === 'text'
    ? { ...base, kind: 'text', body: emptyText(langs) }
    : { ...base, kind: 'checklist', items: [emptyText(langs)] };
}

/** Adds an empty lesson; `reserved`: keys of published lessons, never given to a new one. */
export const addLesson = (
  draft: StudioDraft,
  kind: LessonKind,
  reserved: readonly string[] = [],
): StudioDraft => ({
  ...draft,
  lessons: [...draft.lessons, newLesson(kind, draft, reserved)],
});

/** Whether lesson `index` can move by `delta` (−1 up, +1 down) and stay in the list. */
export const canMove = (length: number, index: number, delta: -1 | 1): boolean =>
  index + delta >= 0 && index + delta < length && index >= 0 && index < length;

/** Swaps lesson `index` with its neighbour above (−1) or below (+1); unchanged at either end. */
export function moveLesson(draft: StudioDraft, index: number, delta: -1 | 1): StudioDraft {
  if (!canMove(draft.lessons.length, index, delta)) return draft;
  const lessons = [...draft.lessons];
  [lessons[index], lessons[index + delta]] = [lessons[index + delta]!, lessons[index]!];
  return { ...draft, lessons };
}

export const removeLesson = (draft: StudioDraft, index: number): StudioDraft => ({
  ...draft,
  lessons: draft.lessons.filter((_, i) => i !== index),
});

export const replaceLesson = (draft: StudioDraft, index: number, lesson: StudioLesson): StudioDraft => ({
  ...draft,
  lessons: draft.lessons.map((l, i) => (i === index ? lesson : l)),
});

export function addChecklistItem(lesson: ChecklistLesson, langs: readonly Lang[]): ChecklistLesson {
  return { ...lesson, items: [...lesson.items, emptyText(langs)] };
}

export function setChecklistItem(
  lesson: ChecklistLesson,
  item: number,
  lang: Lang,
  value: string,
): ChecklistLesson {
  return { ...lesson, items: lesson.items.map((it, j) => (j === item ? setText(it, lang, value) : it)) };
}

export const removeChecklistItem = (lesson: ChecklistLesson, item: number): ChecklistLesson => ({
  ...lesson,
  items: lesson.items.filter((_, j) => j !== item),
});

/** Lesson minutes as typed: whole minutes, or NaN while the field is empty or not a number. */
export const parseMinutes = (value: string): number =>
  /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;

const sameCompetency = (a: Competency, b: Competency) => a.framework === b.framework && a.code === b.code;

/** Adds a competency unless the course already lists it (then the draft comes back unchanged). */
export function addCompetency(draft: StudioDraft, competency: Competency): StudioDraft {
  if (draft.competencies.some((c) => sameCompetency(c, competency))) return draft;
  return { ...draft, competencies: [...draft.competencies, competency] };
}

/** Removes a competency; quiz questions tagged with it lose the tag (the teacher picks another). */
export const removeCompetency = (draft: StudioDraft, index: number): StudioDraft =>
  untagRemoved({
    ...draft,
    competencies: draft.competencies.filter((_, i) => i !== index),
  });

export const setCompetencyLevel = (draft: StudioDraft, index: number, level: number | null): StudioDraft => ({
  ...draft,
  competencies: draft.competencies.map((c, i) => (i === index ? { ...c, level } : c)),
});

/** Whether two drafts hold the same content (the editor's "unsaved changes" test). */
export const sameDraft = (a: StudioDraft, b: StudioDraft): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The draft as it is sent: every text in NFC, as the platform stores text. */
export function normalizeDraft(draft: StudioDraft): StudioDraft {
  return JSON.parse(JSON.stringify(draft), (_key, value: unknown) =>
    typeof value === 'string' ? value.normalize('NFC') : value,
  ) as StudioDraft;
}
