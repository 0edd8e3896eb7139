/**
 * "Enrol" pressed while signed out: the wish to enrol in that course, kept while the person signs in or signs up
 * (several pages, maybe a trip to an identity provider), so the course page can finish the enrolment when they
 * come back instead of asking again.
 *
 * It lives in this tab's sessionStorage, never in the address: a link from another site cannot enrol anyone, and
 * the "next" path in the address stays a plain path checked by safeNextPath. It is for one course, used once, and
 * forgotten after a while (someone who gave up and signs in tomorrow is not enrolled by surprise).
 */

const STORAGE_KEY = 'hvs.enrolIntent';

/** How long the wish is kept: long enough to create an account on a slow phone, short enough to be expected. */
export const ENROL_INTENT_TTL_MS = 60 * 60 * 1000;

/** The part of Web Storage this needs (sessionStorage in the app). */
export type IntentStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

interface StoredIntent {
  courseId: string;
  at: number;
}

/** Remembers that the person wants to enrol in this course (one course at a time: the latest press wins). */
export function rememberEnrolIntent(storage: IntentStorage, courseId: string, now: number): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ courseId, at: now } satisfies StoredIntent));
  } catch {
    // Storage refused (private mode, full): the person presses "Enrol" once more when back.
  }
}

/**
 * Whether the person asked to enrol in this course, recently, in this tab. The wish for this course is used up
 * when read, so it can never fire twice; a stale or malformed one is dropped; one for another course stays.
 */
export function takeEnrolIntent(storage: IntentStorage, courseId: string, now: number): boolean {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (raw === null) return false;
    const intent = parseIntent(raw);
    const fresh = intent !== undefined && intent.at <= now && now - intent.at <= ENROL_INTENT_TTL_MS;
    if (fresh && intent.courseId !== courseId) return false;
    storage.removeItem(STORAGE_KEY);
    return fresh;
  } catch {
    return false;
  }
}

function parseIntent(raw: string): StoredIntent | undefined {
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!stored || typeof stored !== 'object') return undefined;
  const { courseId, at } = stored as Partial<StoredIntent>;
  return typeof courseId === 'string' && typeof at === 'number' ? { courseId, at } : undefined;
}
