/**
 * The queue before a lesson's online use (docs/offline.md, "Video offline, then online"), for the lesson page and
 * the video lesson only: kept out of offline-sync.ts, whose runner is in the learner shell, so the shell does not
 * carry it.
 */
import { CLIENT_ERROR_CODES, isApiError, type Lang } from '../../api/client';
import { offlineDb } from './offline-db';
import { syncOfflineQueue } from './offline-sync';
import { type QueueState, syncFirst } from './sync-first';

/**
 * Before a lesson is used online (opened, a heartbeat sent): syncs the learner's queue if it holds events of that
 * lesson, so the server credits them before online use settles the video's bucket (see sync-first.ts).
 */
export function syncBeforeOnline(userId: string, lessonId: string, lang: Lang): Promise<QueueState> {
  return syncFirst(lessonId, {
    online: () => navigator.onLine,
    queuedFor: async (id) => (await offlineDb.events(userId)).some((q) => q.event.lessonId === id),
    sync: () => syncOfflineQueue(userId, lang),
    isNetworkError: (e) => isApiError(e) && e.code === CLIENT_ERROR_CODES.network,
  });
}

/**
 * Whether this device queued anything of the lesson, for anyone (false when there is no queue or no IndexedDB):
 * only then need the lesson wait for the session and the sync before it opens.
 */
export function lessonQueuedOnDevice(lessonId: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(false);
  return offlineDb.hasEventsOf(lessonId).catch(() => false);
}
