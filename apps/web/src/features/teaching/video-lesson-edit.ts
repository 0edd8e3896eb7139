import type { StudioLesson, StudioVideoQuestion } from '@hocvuso/contracts';
import { VIDEO_QUESTION_LIMITS } from '@hocvuso/domain';
import type { Lang } from './draft-edit';
import { newQuizId } from './quiz-edit';

/*
 * Editing a studio video lesson: pure functions over the lesson and its pinned questions (the editor keeps the
 * questions in time order, as the content format requires), and reading a tus refusal.
 */

export type VideoLesson = Extract<StudioLesson, { kind: 'video' }>;
export type VideoQuestionKind = StudioVideoQuestion['type'];
export const VIDEO_QUESTION_KINDS: readonly VideoQuestionKind[] = ['single', 'multiple', 'truefalse'];
export const MAX_VIDEO_QUESTIONS = VIDEO_QUESTION_LIMITS.maxQuestions;
export const MAX_VIDEO_OPTIONS = VIDEO_QUESTION_LIMITS.maxOptions;

type Localized = { vi: string; en?: string };
const emptyText = (langs: readonly Lang[]): Localized =>
  langs.includes('en') ? { vi: '', en: '' } : { vi: '' };

/** A new question at `at` seconds: a single choice with two empty options, the first one right. */
export function newVideoQuestion(at: number, langs: readonly Lang[]): StudioVideoQuestion {
  return {
    id: newQuizId('q'),
    at,
    type: 'single',
    prompt: emptyText(langs),
    explanation: emptyText(langs),
    options: [
      { id: newQuizId('o'), text: emptyText(langs), correct: true },
      { id: newQuizId('o'), text: emptyText(langs), correct: false },
    ],
  };
}

/** The question as another kind: the prompt and explanation stay; options stay between single and multiple. */
export function changeVideoQuestionKind(
  q: StudioVideoQuestion,
  type: VideoQuestionKind,
  langs: readonly Lang[],
): StudioVideoQuestion {
  if (q.type === type) return q;
  const base = { id: q.id, at: q.at, prompt: q.prompt, explanation: q.explanation };
  if (type === 'truefalse') return { ...base, type, answer: true };
  const options = q.type === 'truefalse' ? freshOptions(langs) : q.options;
  // A single choice keeps only the first right option right.
  const first = options.findIndex((o) => o.correct);
  return {
    ...base,
    type,
    options:
      type === 'single' ? options.map((o, k) => ({ ...o, correct: k === Math.max(0, first) })) : options,
  };
}

function freshOptions(langs: readonly Lang[]) {
  const q = newVideoQuestion(0, langs);
  return q.type === 'truefalse' ? [] : q.options;
}

/** The questions sorted by time (stable: two at the same time keep their order, and the server names it). */
export const byTime = (questions: readonly StudioVideoQuestion[]): StudioVideoQuestion[] =>
  questions
    .map((q, i) => ({ q, i }))
    .sort((a, b) => a.q.at - b.q.at || a.i - b.i)
    .map(({ q }) => q);

/** "m:ss" (or "h:mm:ss") for a time in seconds; tenths when the time has them. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '';
  const whole = Math.floor(seconds);
  const tenths = Math.round((seconds - whole) * 10);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const ss = `${String(s).padStart(2, '0')}${tenths > 0 && tenths < 10 ? `.${tenths}` : ''}`;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * A time as a teacher types it: "1:05", "0:27.5", "1:02:03" or plain seconds ("65"); NaN for anything else
 * (the field shows the problem; the draft keeps the last good time).
 */
export function parseClock(text: string): number {
  const m = /^\s*(?:(?:(\d+):)?(\d{1,2}):)?(\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (!m) return Number.NaN;
  const [, h, min, sec] = m;
  const s = Number(sec!.replace(',', '.'));
  if ((h !== undefined || min !== undefined) && s >= 60) return Number.NaN;
  if (h !== undefined && Number(min) >= 60) return Number.NaN;
  return Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + s;
}

/** Whole percent of an upload, never 100 before the last byte. */
export function uploadPercent(sent: number, total: number | null): number {
  if (total === null || !(total > 0)) return 0;
  if (sent >= total) return 100;
  return Math.min(99, Math.floor((sent / total) * 100));
}

/**
 * The api's error code in a tus-js-client error: the refusal's body carries the documented error shape
 * (docs/video-pipeline.md "Refusals"); a connection that dropped has no response (NETWORK_ERROR).
 */
export function tusErrorCode(error: unknown): string {
  const res = (error as { originalResponse?: { getBody(): string; getStatus(): number } | null })
    ?.originalResponse;
  if (!res) return 'NETWORK_ERROR';
  try {
    const body = JSON.parse(res.getBody()) as { code?: unknown };
    if (typeof body.code === 'string') return body.code;
  } catch {
    // not JSON: fall through to the status
  }
  return res.getStatus() >= 500 ? 'INTERNAL_ERROR' : 'UNEXPECTED_RESPONSE';
}

/**
 * Whether tus-js-client should try again after this error: a dropped connection or a server error, yes; a
 * refusal (4xx: the file was checked and refused, or the upload is not this person's) never, except the
 * protocol's own 409/423 (offset mismatch, locked), which a HEAD and a retry fix.
 */
export function shouldRetryUpload(error: unknown): boolean {
  const status = (
    error as { originalResponse?: { getStatus(): number } | null }
  )?.originalResponse?.getStatus();
  if (status === undefined || status === 0) return true;
  return !(status >= 400 && status < 500) || status === 409 || status === 423;
}
