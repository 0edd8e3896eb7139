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

type RandomSource = Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string };

/**
 * A fresh Idempotency-Key (a version 4 UUID). `crypto.randomUUID` exists only on secure origins, so plain
 * http on a school's local network falls back to `getRandomValues`.
 */
export function newIdempotencyKey(source: RandomSource = globalThis.crypto): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
