import { ValidationError } from '../errors';

/** A stretch of a video, in seconds from its start: `[start, end]` with start < end. */
export type Interval = readonly [start: number, end: number];

/** The fastest playback speed the player offers; the server never credits watching faster than this. */
export const MAX_PLAYBACK_RATE = 2;

/**
 * The one grace of a video, in seconds: the credit a learner holds when they first open it (for clock skew
 * and the player rounding positions). It is given once per learner and video, never per heartbeat.
 */
export const WATCH_GRACE_SECONDS = 2;

/** How often, in seconds of real time, the player reports what was watched while playing. */
export const HEARTBEAT_INTERVAL_SECONDS = 10;

/**
 * The most watch credit a learner can hold: one heartbeat interval at the fastest speed, plus the grace
 * (10 s × 2 + 2 s = 22 s). Time spent with the video open but not reporting (an idle tab) earns nothing
 * beyond this.
 */
export const WATCH_TOKEN_CAP_SECONDS = HEARTBEAT_INTERVAL_SECONDS * MAX_PLAYBACK_RATE + WATCH_GRACE_SECONDS;

/** The share of a video that must be watched when the lesson does not set its own `completionThreshold`. */
export const DEFAULT_VIDEO_COMPLETION_THRESHOLD = 0.9;

/** How many intervals one heartbeat may claim. */
export const MAX_CLAIMED_INTERVALS = 200;

/** Players may report positions slightly past the end of a video; up to this many seconds is accepted. */
export const INTERVAL_END_TOLERANCE_SECONDS = 0.5;

/** Coverage within this distance below the threshold still counts, so float error never blocks completion. */
const COMPLETION_TOLERANCE = 1e-9;

/**
 * The union of `intervals` as a sorted list of disjoint intervals. Overlapping intervals merge, and so do
 * touching ones (`[0, 10]` and `[10, 20]` become `[0, 20]`), so no two results share an end point.
 * Zero-length, reversed and NaN intervals are dropped.
 */
export function normalizeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter(([start, end]) => start < end).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Total seconds covered by `intervals`, counting overlaps once. */
export function intervalsMeasure(intervals: readonly Interval[]): number {
  return normalizeIntervals(intervals).reduce((sum, [start, end]) => sum + (end - start), 0);
}

/** The parts of `a` not covered by `b`, normalized. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const cuts = normalizeIntervals(b);
  const result: Interval[] = [];
  let c = 0;
  for (const [start, end] of normalizeIntervals(a)) {
    let from = start;
    while (c < cuts.length && (cuts[c] as Interval)[1] <= from) c++;
    for (const [cutStart, cutEnd] of cuts.slice(c)) {
      if (cutStart >= end) break;
      if (cutStart > from) result.push([from, cutStart]);
      from = Math.max(from, cutEnd);
    }
    if (from < end) result.push([from, end]);
  }
  return normalizeIntervals(result);
}

/** `intervals` clipped to `[0, duration]`, normalized; nothing for a duration that is not positive. */
export function clampIntervals(intervals: readonly Interval[], duration: number): Interval[] {
  if (!(duration > 0)) return [];
  return normalizeIntervals(
    intervals.map(([start, end]): Interval => [Math.max(0, start), Math.min(duration, end)]),
  );
}

/**
 * The earliest `budgetSeconds` of `intervals` (which must be normalized): whole intervals in time order
 * while the budget lasts, then the start of the next one. Nothing for a budget that is not positive.
 */
function takeWithinBudget(intervals: readonly Interval[], budgetSeconds: number): Interval[] {
  const taken: Interval[] = [];
  let remaining = budgetSeconds;
  for (const [start, end] of intervals) {
    if (!(remaining > 0)) break;
    const length = end - start;
    if (length <= remaining) {
      taken.push([start, end]);
      remaining -= length;
    } else {
      taken.push([start, start + remaining]);
      remaining = 0;
    }
  }
  return taken;
}

export interface CreditedWatch {
  /** Everything watched so far: `existing` plus `credited`, normalized. Store this. */
  merged: Interval[];
  /** The new intervals credited by this heartbeat. */
  credited: Interval[];
  /** The length of `credited`. */
  creditedSeconds: number;
}

/**
 * Credits one claim against a budget. Only seconds not already watched are fresh; fresh seconds are taken
 * in time order until `budgetSeconds` (the credit available, see {@link creditHeartbeat}) is used up, the
 * last interval partially. A claim can therefore never
 * advance coverage faster than real time × the fastest playback speed, however it is forged.
 *
 * Replaying a heartbeat credits nothing new, and when the budget is not limiting the order in which
 * heartbeats arrive does not change `merged`: it is the union of all claims.
 */
export function creditWatch(
  existing: readonly Interval[],
  claimed: readonly Interval[],
  budgetSeconds: number,
): CreditedWatch {
  const fresh = subtractIntervals(claimed, existing);
  const credited = takeWithinBudget(fresh, budgetSeconds);
  return {
    merged: normalizeIntervals([...existing, ...credited]),
    credited,
    creditedSeconds: intervalsMeasure(credited),
  };
}

export interface WatchBucketOptions {
  /** Seconds of credit earned per second of real time: the fastest playback speed. */
  maxPlaybackRate?: number;
  /** The most credit the bucket holds. */
  capSeconds?: number;
}

/**
 * The watch credit (a token bucket) after `elapsedSeconds` of real time, measured by the server's clock
 * since the bucket was last settled: credit grows by elapsed × the fastest playback rate and never beyond
 * the cap. Negative or NaN inputs count as none.
 */
export function refillWatchTokens(
  tokens: number,
  elapsedSeconds: number,
  { maxPlaybackRate = MAX_PLAYBACK_RATE, capSeconds = WATCH_TOKEN_CAP_SECONDS }: WatchBucketOptions = {},
): number {
  const held = tokens > 0 ? tokens : 0;
  const elapsed = elapsedSeconds > 0 ? elapsedSeconds : 0;
  return Math.min(capSeconds, held + elapsed * maxPlaybackRate);
}

/**
 * The credit a learner keeps when they open (or re-open) a video: what the bucket holds now, but never
 * more than the grace. Opening a video therefore never adds credit, so re-opening it between heartbeats
 * cannot mint a fresh grace each time, and credit banked before opening is not spent at once.
 */
export function watchTokensAtLaunch(
  tokens: number,
  elapsedSeconds: number,
  options: WatchBucketOptions & { graceSeconds?: number } = {},
): number {
  return Math.min(
    refillWatchTokens(tokens, elapsedSeconds, options),
    options.graceSeconds ?? WATCH_GRACE_SECONDS,
  );
}

export interface HeartbeatCredit extends CreditedWatch {
  /** The credit left in the bucket after this heartbeat. Store this with the time of the heartbeat. */
  tokensLeft: number;
  /** The claim held unwatched seconds beyond the credit available; the excess was not credited. */
  capped: boolean;
}

/**
 * THE crediting rule of a video heartbeat (applied by the api under the learner's row lock): the bucket is
 * refilled for the real time since it was last settled, the claim's fresh seconds are credited in time
 * order up to the credit available, and what was credited is taken out of the bucket. However claims are
 * forged, split or replayed, coverage never grows faster than real time × the fastest speed, plus one
 * grace and at most one cap of idle credit.
 */
export function creditHeartbeat(
  state: { watched: readonly Interval[]; tokens: number; elapsedSeconds: number },
  claimed: readonly Interval[],
  options: WatchBucketOptions = {},
): HeartbeatCredit {
  const available = refillWatchTokens(state.tokens, state.elapsedSeconds, options);
  const result = creditWatch(state.watched, claimed, available);
  const fresh = intervalsMeasure(subtractIntervals(claimed, state.watched));
  return {
    ...result,
    tokensLeft: Math.max(0, available - result.creditedSeconds),
    capped: fresh - result.creditedSeconds > COMPLETION_TOLERANCE,
  };
}

/** The seconds of the video watched: the measure of the watched intervals within `[0, duration]`. */
export function videoWatchedSeconds(merged: readonly Interval[], durationSeconds: number): number {
  return intervalsMeasure(clampIntervals(merged, durationSeconds));
}

/** The share of the video watched, 0..1: the watched seconds within `[0, duration]` over the duration. */
export function videoCoverage(merged: readonly Interval[], durationSeconds: number): number {
  if (!(durationSeconds > 0)) return 0;
  return Math.min(1, videoWatchedSeconds(merged, durationSeconds) / durationSeconds);
}

/**
 * Whether enough of the video was watched for the lesson to complete: coverage at least `threshold`
 * (with a tolerance of 1e-9 for float error). A video without a positive duration never completes;
 * the importer refuses such content, so this is a guard, not a path.
 */
export function isVideoComplete(
  merged: readonly Interval[],
  durationSeconds: number,
  threshold = DEFAULT_VIDEO_COMPLETION_THRESHOLD,
): boolean {
  if (!(durationSeconds > 0)) return false;
  return videoCoverage(merged, durationSeconds) >= threshold - COMPLETION_TOLERANCE;
}

type IntervalProblem = 'not-a-pair' | 'not-finite' | 'negative-start' | 'start-not-before-end' | 'past-end';

/** What is wrong with one claimed interval, or undefined when it is acceptable. */
function intervalProblem(value: unknown, durationSeconds: number): IntervalProblem | undefined {
  if (!Array.isArray(value) || value.length !== 2) return 'not-a-pair';
  const [start, end] = value as unknown[];
  if (typeof start !== 'number' || typeof end !== 'number') return 'not-finite';
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'not-finite';
  if (start < 0) return 'negative-start';
  if (start >= end) return 'start-not-before-end';
  if (end > durationSeconds + INTERVAL_END_TOLERANCE_SECONDS) return 'past-end';
  return undefined;
}

const PROBLEM_MESSAGES: Record<IntervalProblem, (durationSeconds: number) => string> = {
  'not-a-pair': () => 'expected a [start, end] pair.',
  'not-finite': () => 'start and end must be finite numbers.',
  'negative-start': () => 'start must not be negative.',
  'start-not-before-end': () => 'start must be before end.',
  'past-end': (duration) => `end is past the end of the video (${duration} s).`,
};

/**
 * Checks the intervals a player claims to have watched, as received from the network: an array of at
 * most `maxIntervals` `[start, end]` pairs of finite numbers with 0 ≤ start < end ≤ duration + 0.5 s.
 * Returns them clamped to the duration and normalized. Anything else throws `INVALID_INTERVALS`, naming
 * the first problem (its index and why).
 */
export function validateClaimedIntervals(
  raw: unknown,
  durationSeconds: number,
  maxIntervals = MAX_CLAIMED_INTERVALS,
): Interval[] {
  if (!Array.isArray(raw)) {
    throw new ValidationError('INVALID_INTERVALS', 'Intervals must be an array of [start, end] pairs.', {
      reason: 'not-an-array',
    });
  }
  if (raw.length > maxIntervals) {
    throw new ValidationError('INVALID_INTERVALS', `At most ${maxIntervals} intervals are allowed.`, {
      reason: 'too-many',
      max: maxIntervals,
    });
  }
  for (let index = 0; index < raw.length; index++) {
    const problem = intervalProblem(raw[index], durationSeconds);
    if (problem) {
      throw new ValidationError(
        'INVALID_INTERVALS',
        `Interval ${index}: ${PROBLEM_MESSAGES[problem](durationSeconds)}`,
        {
          index,
          reason: problem,
        },
      );
    }
  }
  return clampIntervals(raw as Interval[], durationSeconds);
}
