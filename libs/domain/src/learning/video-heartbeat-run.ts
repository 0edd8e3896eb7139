import { creditHeartbeat, type HeartbeatCredit, type Interval, isVideoComplete } from './video-coverage';

/** The learner's watch state on one video as loaded (and locked) once for a run of heartbeats. */
export interface WatchState {
  watched: readonly Interval[];
  tokens: number;
  /** Real seconds since the bucket was last settled, by the database clock, read at the lock. */
  elapsedSeconds: number;
  completed: boolean;
}

/** The heartbeats of one learner on one video that arrived together, in arrival order. */
export interface HeartbeatClaim {
  claimed: readonly Interval[];
  position: number;
}

export interface HeartbeatRun {
  /** The credit of each heartbeat applied, in order: exactly what it would have got written alone. */
  credits: HeartbeatCredit[];
  /**
   * How many of the claims were applied. The rest (from the first claim that would complete the video) are
   * left to the single-heartbeat path, which completes the lesson in its own transaction.
   */
  applied: number;
  /** The state to store after the applied claims (unchanged when none was applied). */
  watched: Interval[];
  tokens: number;
  position: number | undefined;
  lastClaim: readonly Interval[] | undefined;
  cappedCount: number;
}

/**
 * Credits a run of heartbeats of one learner on one video, loaded once, by THE rule ({@link creditHeartbeat})
 * applied to each in arrival order: the first sees the real time elapsed since the bucket was settled, the
 * following ones none (they arrived in the same instant as far as the bucket knows), so a run never credits
 * more than the same heartbeats written one by one. The run stops before a claim that would complete the
 * video (completion has its own transaction), so everything applied here is plain crediting.
 */
export function creditHeartbeatRun(
  state: WatchState,
  claims: readonly HeartbeatClaim[],
  video: { durationSeconds: number; threshold: number },
): HeartbeatRun {
  let watched: Interval[] = [...state.watched];
  let tokens = state.tokens;
  let elapsed = state.elapsedSeconds;
  const credits: HeartbeatCredit[] = [];
  let position: number | undefined;
  let lastClaim: readonly Interval[] | undefined;
  let cappedCount = 0;
  for (const claim of claims) {
    const credit = creditHeartbeat({ watched, tokens, elapsedSeconds: elapsed }, claim.claimed);
    if (!state.completed && isVideoComplete(credit.merged, video.durationSeconds, video.threshold)) break;
    credits.push(credit);
    watched = credit.merged;
    tokens = credit.tokensLeft;
    elapsed = 0;
    position = Math.min(claim.position, video.durationSeconds);
    lastClaim = claim.claimed;
    if (credit.capped) cappedCount++;
  }
  return { credits, applied: credits.length, watched, tokens, position, lastClaim, cappedCount };
}
