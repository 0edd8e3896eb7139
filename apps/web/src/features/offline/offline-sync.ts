/**
 * The queue of offline progress and its sync (docs/offline.md). Events are queued in IndexedDB with an id made
 * on the device; a sync sends them oldest first with the device's clock, and forgets each one the server
 * answered (credited, completed, graded or refused: the server's verdict is final, and a replay of the same id
 * would only answer it again). Syncs run on app start, when the browser comes back online and on request,
 * with growing waits after failures.
 */
import { MAX_OFFLINE_EVENTS } from '@hocvuso/domain';
import type { OfflineSyncResponse } from '@hocvuso/contracts';
import { isApiError, type Lang } from '../../api/client';
import { offlineApi, type OfflineWireEvent } from '../../api/offline-api';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { offlineDb } from './offline-db';
import { shareInFlight } from './sync-first';

/** Waits after a failed sync: 5 s, 10 s, 20 s … at most 5 minutes. */
export function retryDelayMs(failures: number): number {
  return Math.min(5 * 60_000, 5_000 * 2 ** Math.max(0, failures - 1));
}

/** Fired on window after every sync that sent anything (`detail`: the server's answer). */
export const SYNCED_EVENT = 'hvs-offline-synced';
/** Fired on window when the queue changed (queued or synced). */
export const QUEUE_EVENT = 'hvs-offline-queue';

/** Queues one offline event for the signed-in learner; the id is the device's, used by the server to apply it once. */
export async function queueOfflineEvent(
  userId: string,
  event: DistributiveOmit<OfflineWireEvent, 'id'>,
): Promise<string> {
  const id = newIdempotencyKey();
  await offlineDb.putEvent({ id, userId, queuedAt: Date.now(), event: { ...event, id } as OfflineWireEvent });
  window.dispatchEvent(new Event(QUEUE_EVENT));
  return id;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Sends the learner's queue now (one sync at a time; a call during one waits for it, see shareInFlight). */
export const syncOfflineQueue: (userId: string, lang: Lang) => Promise<OfflineSyncResponse[]> = shareInFlight(
  async (userId: string, lang: Lang) => {
    const answers: OfflineSyncResponse[] = [];
    for (;;) {
      const queued = (await offlineDb.events(userId)).slice(0, MAX_OFFLINE_EVENTS);
      if (queued.length === 0) break;
      const answer = await offlineApi.sync(
        new Date(),
        queued.map((q) => q.event),
        lang,
      );
      answers.push(answer);
      await offlineDb.removeEvents(answer.results.map((r) => r.id));
      window.dispatchEvent(new Event(QUEUE_EVENT));
      window.dispatchEvent(new CustomEvent(SYNCED_EVENT, { detail: answer }));
      if (queued.length < MAX_OFFLINE_EVENTS) break;
    }
    return answers;
  },
);

/**
 * Keeps syncing the learner's queue: now, whenever the browser comes back online, and after a failure with
 * growing waits. Returns the function that stops it (on sign-out).
 */
export function startOfflineSync(userId: string, lang: () => Lang): () => void {
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const attempt = () => {
    if (stopped) return;
    clearTimeout(timer);
    if (!navigator.onLine) return;
    syncOfflineQueue(userId, lang()).then(
      () => {
        failures = 0;
      },
      (e: unknown) => {
        // Signed out meanwhile: nothing to retry until someone signs in again.
        if (isApiError(e) && (e.status === 401 || e.status === 403)) return;
        failures += 1;
        timer = setTimeout(attempt, retryDelayMs(failures));
      },
    );
  };
  window.addEventListener('online', attempt);
  window.addEventListener(QUEUE_EVENT, onQueued);
  function onQueued() {
    if (navigator.onLine && failures === 0) attempt();
  }
  attempt();
  return () => {
    stopped = true;
    clearTimeout(timer);
    window.removeEventListener('online', attempt);
    window.removeEventListener(QUEUE_EVENT, onQueued);
  };
}
