import { ValidationError } from '../errors';
import {
  type OfflineRefusal,
  type OfflineSyncClock,
  OFFLINE_CLOCK_TOLERANCE_SECONDS,
  toServerTime,
} from './offline-sync';
import {
  creditHeartbeat,
  type HeartbeatCredit,
  type Interval,
  isVideoComplete,
  validateClaimedIntervals,
} from './video-coverage';

/**
 * Offline video (docs/offline.md, docs/crediting.md): the player queues its heartbeats while the network is off,
 * each with the device's time; at sync they are credited by THE rule ({@link creditHeartbeat}) with the elapsed
 * time between them taken from those device times, shifted by the skew measured at sync. The bounds are the
 * online ones: a heartbeat after the server's now, before the download, or before the video's bucket was last
 * settled (an earlier sync's heartbeat, an online one, an opening) earns nothing, and time between heartbeats
 * refills the bucket at most to its cap, so the credit never exceeds real time × the fastest speed.
 */

/** A heartbeat the player queued offline, in the device's clock (epoch ms). */
export interface OfflineWatchClaim {
  id: string;
  /** When the device sent (queued) it. */
  at: number;
  /** The intervals played in that page session, as the online heartbeat sends them (unchecked). */
  intervals: unknown;
  position: number;
}

/** The learner's bucket on the video as locked at sync; `settledAt` is server time (epoch ms). */
export interface OfflineWatchState {
  watched: readonly Interval[];
  tokens: number;
  settledAt: number;
  completed: boolean;
}

export type OfflineWatchVerdict =
  | {
      id: string;
      status: 'credited';
      /** The heartbeat's moment on the server's clock. */
      at: number;
      credit: HeartbeatCredit;
      /** Whole seconds of video newly credited by it. */
      seconds: number;
      /** This heartbeat brought the coverage to the threshold. */
      completes: boolean;
    }
  | { id: string; status: 'refused'; reason: OfflineRefusal | 'INVALID_INTERVALS' };

export interface OfflineWatchPlan {
  /** One verdict per claim, in the order of the claims. */
  verdicts: OfflineWatchVerdict[];
  /** What to store: the state after every credited heartbeat, settled at the last one's moment. */
  watched: Interval[];
  tokens: number;
  settledAt: number;
  position: number | undefined;
  lastClaim: readonly Interval[] | undefined;
  credited: number;
  capped: number;
}

/**
 * Credits a video's offline heartbeats of one sync. They are judged in the order they happened (device time,
 * then the order sent); the first refills the bucket for the time since it was last settled, each next one for
 * the time since the previous one. Verdicts come back in the order of `claims`.
 */
export function planOfflineWatch(
  clock: OfflineSyncClock,
  claims: readonly OfflineWatchClaim[],
  state: OfflineWatchState,
  video: { durationSeconds: number; threshold: number },
  downloadedAt: number | undefined,
): OfflineWatchPlan {
  const tolerance = OFFLINE_CLOCK_TOLERANCE_SECONDS * 1000;
  const verdicts = new Map<number, OfflineWatchVerdict>();
  const ids = new Set<string>();
  const candidates: { index: number; claim: OfflineWatchClaim; at: number; claimed: Interval[] }[] = [];
  claims.forEach((claim, index) => {
    const refuse = (reason: OfflineRefusal | 'INVALID_INTERVALS') =>
      verdicts.set(index, { id: claim.id, status: 'refused', reason });
    if (ids.has(claim.id)) return refuse('DUPLICATE');
    ids.add(claim.id);
    if (downloadedAt === undefined) return refuse('NOT_DOWNLOADED');
    if (!Number.isFinite(claim.at) || !Number.isFinite(claim.position)) return refuse('INVALID_SPAN');
    let at = toServerTime(claim.at, clock);
    if (at > clock.serverNow + tolerance) return refuse('IN_FUTURE');
    at = Math.min(at, clock.serverNow);
    if (at < downloadedAt - tolerance) return refuse('BEFORE_DOWNLOAD');
    // Its time is already accounted for: the bucket was settled later (an earlier sync, an online heartbeat). A
    // device moment is known only within the clock tolerance (each sync measures the skew anew, through its own
    // network delay), so one that close after the settling cannot be told from it: the last heartbeat of a synced
    // batch sent again under a new id, through a slower network, lands there. Its cumulative claim is carried by
    // the next heartbeat, if it was real.
    if (at < state.settledAt + tolerance) return refuse('OVERLAP');
    let claimed: Interval[];
    try {
      claimed = validateClaimedIntervals(claim.intervals, video.durationSeconds);
    } catch (e) {
      if (e instanceof ValidationError) return refuse('INVALID_INTERVALS');
      throw e;
    }
    candidates.push({ index, claim, at, claimed });
  });
  candidates.sort((a, b) => a.at - b.at || a.index - b.index);

  let watched: Interval[] = [...state.watched];
  let tokens = state.tokens;
  let settledAt = state.settledAt;
  let completed = state.completed;
  let position: number | undefined;
  let lastClaim: readonly Interval[] | undefined;
  let capped = 0;
  for (const { index, claim, at, claimed } of candidates) {
    const credit = creditHeartbeat(
      { watched, tokens, elapsedSeconds: Math.max(0, at - settledAt) / 1000 },
      claimed,
    );
    const completes = !completed && isVideoComplete(credit.merged, video.durationSeconds, video.threshold);
    watched = credit.merged;
    tokens = credit.tokensLeft;
    settledAt = Math.max(settledAt, at);
    completed ||= completes;
    position = Math.max(0, Math.min(claim.position, video.durationSeconds));
    lastClaim = claimed;
    if (credit.capped) capped++;
    verdicts.set(index, {
      id: claim.id,
      status: 'credited',
      at,
      credit,
      seconds: Math.floor(credit.creditedSeconds),
      completes,
    });
  }
  return {
    verdicts: claims.map((_, index) => verdicts.get(index)!),
    watched,
    tokens,
    settledAt,
    position,
    lastClaim,
    credited: candidates.length,
    capped,
  };
}
