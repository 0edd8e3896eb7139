/**
 * The device's queue goes before the lesson is used online (docs/offline.md, "Video offline, then online").
 * Opening a video online and its online heartbeats settle the video's bucket at the server's now, and the server
 * refuses a queued heartbeat from before that moment (`OVERLAP`: that time is already accounted for). So when the
 * queue holds events of a lesson, they are synced before the lesson is opened and before the player sends; while
 * they cannot be, the lesson page opens the lesson from the device's download instead (open-sync-first.ts).
 */

/** What the queue of a lesson is like once `syncFirst` returns. */
export type QueueState =
  /** Nothing of the lesson is left on the device: online use cannot cost it anything. */
  | 'clear'
  /** The network is off or dropped during the sync: keep queueing on the device. */
  | 'offline'
  /** The server did not take the sync (an error, not the network): the events wait for the runner's retry. */
  | 'failed';

export interface SyncFirstDeps {
  online: () => boolean;
  /** Whether the queue holds an event of the lesson (false when the device has no queue at all). */
  queuedFor: (lessonId: string) => Promise<boolean>;
  /** The one sync of the whole queue (shared with the runner: a call during one waits for it). */
  sync: () => Promise<unknown>;
  isNetworkError: (error: unknown) => boolean;
}

/** How many syncs one call may wait for: one already running may have read the queue before the lesson's events. */
export const SYNC_FIRST_ROUNDS = 3;

/** Syncs the queue if it holds events of `lessonId`, and tells whether any are left. Never throws. */
export async function syncFirst(lessonId: string, deps: SyncFirstDeps): Promise<QueueState> {
  for (let round = 0; round < SYNC_FIRST_ROUNDS; round++) {
    if (!deps.online()) return 'offline';
    if (!(await deps.queuedFor(lessonId).catch(() => false))) return 'clear';
    try {
      await deps.sync();
    } catch (e) {
      return deps.isNetworkError(e) ? 'offline' : 'failed';
    }
  }
  // Synced and still there: the server answered without them; do not spend the learner's time on it.
  return 'failed';
}

/**
 * Wraps `run` so that a call while one is running gets that one (its own arguments unused): the lesson page, the
 * player and the runner asking at the same moment send the queue once, never twice.
 */
export function shareInFlight<A extends unknown[], T>(
  run: (...args: A) => Promise<T>,
): (...args: A) => Promise<T> {
  let running: Promise<T> | undefined;
  return (...args) => {
    running ??= run(...args).finally(() => {
      running = undefined;
    });
    return running;
  };
}
