/**
 * The lesson page's side of "the queue first" (docs/offline.md, "Video offline, then online"), kept apart from
 * sync-first.ts, whose `shareInFlight` the learner shell's sync runner carries: only the lazy lesson page loads this.
 */
import { type QueueState, syncFirst, type SyncFirstDeps } from './sync-first';

/** The lesson as the page opens it, and where from. */
export type OpenedLesson<L> =
  /** The server's answer (which settles a video's bucket at its now). */
  | { from: 'server'; state: QueueState; lesson: L }
  /** The device's downloaded copy: the lesson's queue is still on the device and the server was not asked. */
  | { from: 'device'; state: Exclude<QueueState, 'clear'>; lesson: L };

export interface OpenSyncFirstDeps<L> extends SyncFirstDeps {
  /** The lesson from the server (`GET /api/lessons/:id`). */
  fetch: () => Promise<L>;
  /** The lesson from this learner's download on the device; undefined when there is none (cleared storage). */
  downloaded: () => Promise<L | undefined>;
}

/**
 * Opens a lesson whose events this device queued (docs/offline.md, "Video offline, then online"): the queue
 * first, then the lesson from the server. When the queue could not be sent (the server answered with an error,
 * or the network is off), asking the server would settle the video's bucket at its now and cost the queued watch
 * (`OVERLAP`): the lesson opens from the device's download instead, and the player keeps queueing until a later
 * sync goes through. Only without a download (storage cleared) is the server asked regardless. Throws only
 * what `fetch` throws.
 */
export async function openSyncFirst<L>(
  lessonId: string,
  deps: OpenSyncFirstDeps<L>,
): Promise<OpenedLesson<L>> {
  const state = await syncFirst(lessonId, deps);
  if (state !== 'clear') {
    const copy = await deps.downloaded().catch(() => undefined);
    if (copy !== undefined) return { from: 'device', state, lesson: copy };
  }
  return { from: 'server', state, lesson: await deps.fetch() };
}
