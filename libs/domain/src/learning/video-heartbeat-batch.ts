/** A heartbeat waiting in a batch: the learner, the session it came with, and the lesson revision it credits. */
export interface BatchedHeartbeatRef {
  userId: string;
  sessionId: string;
  lessonId: string;
}

export interface HeartbeatBatchPlan {
  /** Heartbeats whose session is no longer live when the batch is written (signed out, revoked, expired). */
  refused: number[];
  /** Every other heartbeat, by learner-video (`userId|lessonId`), as indexes in arrival order. */
  runs: Map<string, number[]>;
}

/**
 * Sorts a batch of heartbeats before crediting (docs/performance.md): a heartbeat whose session the database no
 * longer holds live (read under the batch's enrolment locks) is refused, whenever it was queued; the others are
 * grouped per learner-video, in arrival order, so each run is credited by creditHeartbeatRun. A refused
 * heartbeat leaves no gap: the next one of the same learner-video is credited as if it had not been sent.
 */
export function planHeartbeatBatch(
  batch: readonly BatchedHeartbeatRef[],
  liveSessions: ReadonlySet<string>,
): HeartbeatBatchPlan {
  const refused: number[] = [];
  const runs = new Map<string, number[]>();
  batch.forEach((h, i) => {
    if (!liveSessions.has(h.sessionId)) {
      refused.push(i);
      return;
    }
    const key = `${h.userId}|${h.lessonId}`;
    const run = runs.get(key);
    if (run) run.push(i);
    else runs.set(key, [i]);
  });
  return { refused, runs };
}
