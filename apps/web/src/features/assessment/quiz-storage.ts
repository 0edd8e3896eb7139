import type { Answers } from './quiz-form';

/**
 * What this device remembers about quizzes, so that a reload (common on a weak connection) comes back to
 * the same attempt with the answers already chosen. The server stays the authority: the attempt is always
 * loaded from it, and a draft is only applied where it fits the attempt's questions.
 */
const attemptKey = (lessonId: string) => `hvs.quiz.${lessonId}`;
const draftKey = (attemptId: string) => `hvs.quizDraft.${attemptId}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Private mode or storage full: nothing is remembered beyond this visit.
  }
}

export const rememberAttempt = (lessonId: string, attemptId: string) =>
  write(attemptKey(lessonId), attemptId);
export const recalledAttempt = (lessonId: string): string | null => read(attemptKey(lessonId));
export const forgetAttempt = (lessonId: string) => write(attemptKey(lessonId), null);

export const saveDraft = (attemptId: string, answers: Answers) =>
  write(draftKey(attemptId), JSON.stringify(answers));
export const clearDraft = (attemptId: string) => write(draftKey(attemptId), null);

export function loadDraft(attemptId: string): unknown {
  const raw = read(draftKey(attemptId));
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
