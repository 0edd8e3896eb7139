import type { HelperDigitalIdentityInput, InPersonLearningInput } from '@hocvuso/contracts';
import { cleanText, unsafeCharacter, vietnamDate } from '@hocvuso/domain';

/** What a helper saw face to face; at least one must be ticked. */
export interface ConfirmForm {
  vneidLevel2: boolean;
  bankAccount: boolean;
}
export type ConfirmProblem = 'nothingTicked';

/** POST /api/admin/learners/:id/digital-identity takes at least one of the two. */
export const confirmProblems = (form: ConfirmForm): ConfirmProblem[] =>
  form.vneidLevel2 || form.bankAccount ? [] : ['nothingTicked'];

/** Only what was seen is sent: a box left empty says nothing (it is not a "no"). */
export function toConfirmInput(form: ConfirmForm): HelperDigitalIdentityInput {
  return {
    ...(form.vneidLevel2 ? { vneidLevel2: true } : {}),
    ...(form.bankAccount ? { bankAccount: true } : {}),
  };
}

/** Learning done in person: which course (and lesson, optionally), the Vietnam date, and a note. */
export interface InPersonForm {
  courseId: string;
  /** '' for the course as a whole. */
  lessonId: string;
  on: string;
  note: string;
}
export type InPersonField = 'courseId' | 'on' | 'note';
export type InPersonProblem = 'courseRequired' | 'dateRequired' | 'dateFuture' | 'noteTooLong' | 'noteUnsafe';

/** The contract's limit on the note (inPersonLearningInputSchema). */
export const NOTE_MAX = 1000;

const isCalendarDate = (value: string): boolean => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
};

/**
 * Every problem, by field in the order of the fields, as inPersonLearningInputSchema and the api judge them:
 * a course, a real date not after today on the Vietnam calendar (400 DATE_IN_FUTURE otherwise), a note of at
 * most 1,000 characters without NUL, invisible or direction-changing characters.
 */
export function inPersonProblems(form: InPersonForm, now: Date): Array<[InPersonField, InPersonProblem]> {
  const problems: Array<[InPersonField, InPersonProblem]> = [];
  if (!form.courseId) problems.push(['courseId', 'courseRequired']);
  if (!isCalendarDate(form.on)) problems.push(['on', 'dateRequired']);
  else if (form.on > vietnamDate(now)) problems.push(['on', 'dateFuture']);
  const note = cleanText(form.note, 'multi-line');
  if (note.length > NOTE_MAX) problems.push(['note', 'noteTooLong']);
  else if (unsafeCharacter(note, 'multi-line')) problems.push(['note', 'noteUnsafe']);
  return problems;
}

export function toInPersonInput(form: InPersonForm, userId: string): InPersonLearningInput {
  return {
    userId,
    courseId: form.courseId,
    ...(form.lessonId ? { lessonId: form.lessonId } : {}),
    on: form.on,
    note: cleanText(form.note, 'multi-line'),
  };
}
