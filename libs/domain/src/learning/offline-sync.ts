/**
 * Offline progress, honestly credited (docs/offline.md). A learner who downloaded a course reads it with the
 * network off; the device queues what happened with its own clock and sends it when back online. The server
 * decides what counts, with the same bounds as online reading:
 *
 * - the device clock is measured against the server's at sync (`clientNow` vs `serverNow`) and every event is
 *   shifted by that skew;
 * - time credited lies between the download (the learner had nothing to read offline before it) and now;
 * - one lesson of a course at a time: spans that overlap a span already credited for the course (in this batch
 *   or an earlier one) earn only their fresh part, so the same minute is never counted twice;
 * - one stint is at most `MAX_OFFLINE_STINT_SECONDS` (a phone left open on a lesson all night is not reading).
 */

/** The most events one sync carries; a longer queue is sent in several syncs. */
export const MAX_OFFLINE_EVENTS = 200;
/** The longest reading stint one event can claim. */
export const MAX_OFFLINE_STINT_SECONDS = 30 * 60;
/** Rounding and network delay between the device's reading of its clock and the server's. */
export const OFFLINE_CLOCK_TOLERANCE_SECONDS = 5;

/** A reading stint the device recorded, in its own clock (epoch milliseconds). */
export interface OfflineReadClaim {
  id: string;
  courseId: string;
  lessonId: string;
  startedAt: number;
  endedAt: number;
}

export interface OfflineSyncClock {
  /** The server's clock when the sync arrived (epoch ms). */
  serverNow: number;
  /** The device's clock when it sent the sync (epoch ms). */
  clientNow: number;
}

/** A span of server time (epoch ms), start inclusive, end exclusive. */
export type Span = readonly [number, number];

export type OfflineRefusal =
  'NOT_DOWNLOADED' | 'INVALID_SPAN' | 'IN_FUTURE' | 'BEFORE_DOWNLOAD' | 'OVERLAP' | 'DUPLICATE';

export type OfflineReadVerdict =
  | {
      id: string;
      status: 'credited';
      courseId: string;
      lessonId: string;
      /** The span in server time after the shift and the cuts. */
      span: Span;
      /** Whole seconds credited: the fresh part of the span. */
      seconds: number;
      /** Whether the claim was cut (future, before download, too long, overlap). */
      capped: boolean;
    }
  | { id: string; status: 'refused'; reason: OfflineRefusal };

/** Milliseconds to add to a device time to get server time. */
export function clockSkewMs(clock: OfflineSyncClock): number {
  return clock.serverNow - clock.clientNow;
}

/** A device time on the server's clock. */
export function toServerTime(deviceTime: number, clock: OfflineSyncClock): number {
  return deviceTime + clockSkewMs(clock);
}

/**
 * Whether a single moment on the device (a quiz answered, a lesson marked complete) is plausible: after the
 * download and not in the future, once shifted. Answers the refusal, or undefined when it is fine.
 */
export function offlineMomentRefusal(
  deviceTime: number,
  clock: OfflineSyncClock,
  downloadedAt: number | undefined,
): OfflineRefusal | undefined {
  if (downloadedAt === undefined) return 'NOT_DOWNLOADED';
  if (!Number.isFinite(deviceTime)) return 'INVALID_SPAN';
  const at = toServerTime(deviceTime, clock);
  if (at > clock.serverNow + OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000) return 'IN_FUTURE';
  if (at < downloadedAt - OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000) return 'BEFORE_DOWNLOAD';
  return undefined;
}

/** The parts of `span` not covered by any of `taken`. */
export function freshParts(span: Span, taken: readonly Span[]): Span[] {
  let parts: Span[] = [span];
  for (const [ts, te] of taken) {
    const next: Span[] = [];
    for (const [s, e] of parts) {
      if (te <= s || ts >= e) {
        next.push([s, e]);
        continue;
      }
      if (ts > s) next.push([s, ts]);
      if (te < e) next.push([te, e]);
    }
    parts = next;
  }
  return parts;
}

/**
 * What each offline reading claim earns. `downloads` maps a course to when the learner downloaded it (server
 * ms); `credited` holds the spans already credited for each course by earlier syncs; `seen` the event ids
 * already applied. Claims are judged in the order they happened (by start), whatever order they came in;
 * verdicts come back in the order of `claims`.
 */
export function planOfflineReading(
  clock: OfflineSyncClock,
  claims: readonly OfflineReadClaim[],
  downloads: ReadonlyMap<string, number>,
  credited: ReadonlyMap<string, readonly Span[]>,
  seen: ReadonlySet<string> = new Set(),
): OfflineReadVerdict[] {
  const skew = clockSkewMs(clock);
  const tolerance = OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000;
  const verdicts = new Map<number, OfflineReadVerdict>();
  const ids = new Set(seen);
  const candidates: { index: number; claim: OfflineReadClaim; span: Span; capped: boolean }[] = [];

  claims.forEach((claim, index) => {
    const refuse = (reason: OfflineRefusal) =>
      verdicts.set(index, { id: claim.id, status: 'refused', reason });
    if (ids.has(claim.id)) return refuse('DUPLICATE');
    ids.add(claim.id);
    const downloadedAt = downloads.get(claim.courseId);
    if (downloadedAt === undefined) return refuse('NOT_DOWNLOADED');
    if (
      !Number.isFinite(claim.startedAt) ||
      !Number.isFinite(claim.endedAt) ||
      claim.endedAt <= claim.startedAt
    )
      return refuse('INVALID_SPAN');
    let start = claim.startedAt + skew;
    let end = claim.endedAt + skew;
    let capped = false;
    if (start > clock.serverNow + tolerance) return refuse('IN_FUTURE');
    if (end <= downloadedAt) return refuse('BEFORE_DOWNLOAD');
    if (end > clock.serverNow) {
      end = clock.serverNow;
      capped = true;
    }
    if (start < downloadedAt) {
      start = downloadedAt;
      capped = true;
    }
    if (end - start > MAX_OFFLINE_STINT_SECONDS * 1000) {
      end = start + MAX_OFFLINE_STINT_SECONDS * 1000;
      capped = true;
    }
    if (end <= start) return refuse('IN_FUTURE');
    candidates.push({ index, claim, span: [start, end], capped });
  });

  candidates.sort((a, b) => a.span[0] - b.span[0] || a.span[1] - b.span[1] || a.index - b.index);
  const taken = new Map<string, Span[]>();
  for (const { index, claim, span, capped } of candidates) {
    const course = taken.get(claim.courseId) ?? [...(credited.get(claim.courseId) ?? [])];
    taken.set(claim.courseId, course);
    const fresh = freshParts(span, course);
    const freshMs = fresh.reduce((sum, [s, e]) => sum + (e - s), 0);
    const seconds = Math.floor(freshMs / 1000);
    if (seconds <= 0) {
      verdicts.set(index, { id: claim.id, status: 'refused', reason: 'OVERLAP' });
      continue;
    }
    course.push(span);
    verdicts.set(index, {
      id: claim.id,
      status: 'credited',
      courseId: claim.courseId,
      lessonId: claim.lessonId,
      span,
      seconds,
      capped: capped || freshMs < span[1] - span[0],
    });
  }
  return claims.map((_, index) => verdicts.get(index)!);
}

/** How long an attempt drawn for offline use stays open on the server: answers must reach it within this. */
export const OFFLINE_ATTEMPT_WINDOW_MINUTES = 14 * 24 * 60;
/** Delay allowed past a quiz's time limit when it was answered offline (the online submission's grace). */
export const OFFLINE_QUIZ_GRACE_SECONDS = 30;

/**
 * Whether answers given offline respect the quiz's time limit, measured on the device (both ends by its own
 * clock, so its offset cancels out): refused when they took longer than the limit plus the grace, or when the
 * end comes before the start.
 */
export function offlineQuizDurationRefusal(
  startedAt: number,
  answeredAt: number,
  timeLimitMinutes: number | null | undefined,
): 'INVALID_SPAN' | 'QUIZ_TIME_LIMIT_EXCEEDED' | undefined {
  if (!Number.isFinite(startedAt) || !Number.isFinite(answeredAt) || answeredAt < startedAt)
    return 'INVALID_SPAN';
  if (
    timeLimitMinutes &&
    answeredAt - startedAt > (timeLimitMinutes * 60 + OFFLINE_QUIZ_GRACE_SECONDS) * 1000
  )
    return 'QUIZ_TIME_LIMIT_EXCEEDED';
  return undefined;
}
