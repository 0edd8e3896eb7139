/**
 * The queue before a lesson's online use (docs/offline.md, "Video offline, then online"), for the lesson page and
 * the video lesson only: kept out of offline-sync.ts, whose runner is in the learner shell, so the shell does not
 * carry it.
 */
import type { LessonResponse } from '@hocvuso/contracts';
import { buildUrl, CLIENT_ERROR_CODES, isApiError, type Lang } from '../../api/client';
import { courseCacheName } from './course-download';
import { offlineDb } from './offline-db';
import { syncOfflineQueue } from './offline-sync';
import { type OpenedLesson, openSyncFirst } from './open-sync-first';
import { type QueueState, syncFirst, type SyncFirstDeps } from './sync-first';

/**
 * Before a lesson is used online (opened, a heartbeat sent): syncs the learner's queue if it holds events of that
 * lesson, so the server credits them before online use settles the video's bucket (see sync-first.ts).
 */
export function syncBeforeOnline(userId: string, lessonId: string, lang: Lang): Promise<QueueState> {
  return syncFirst(lessonId, syncDeps(userId, lang));
}

function syncDeps(userId: string, lang: Lang): SyncFirstDeps {
  return {
    online: () => navigator.onLine,
    queuedFor: async (id) => (await offlineDb.events(userId)).some((q) => q.event.lessonId === id),
    sync: () => syncOfflineQueue(userId, lang),
    isNetworkError: (e) => isApiError(e) && e.code === CLIENT_ERROR_CODES.network,
  };
}

/**
 * The lesson page's opening of a lesson this device queued events of (see `openSyncFirst`): the queue first; if
 * it could not be sent, the learner's downloaded copy instead of `fetchOnline`, which would settle the video's
 * bucket before the queue is credited.
 */
export function openLessonSyncFirst(
  userId: string,
  lessonId: string,
  lang: Lang,
  fetchOnline: () => Promise<LessonResponse>,
): Promise<OpenedLesson<LessonResponse>> {
  return openSyncFirst(lessonId, {
    ...syncDeps(userId, lang),
    fetch: fetchOnline,
    downloaded: () => downloadedLesson(userId, lessonId, lang),
  });
}

/**
 * The lesson's answer as this learner's course download stored it (the one the page shows offline), in the
 * page's language if it was downloaded in it, else in the download's. Undefined when the learner has no download
 * of a course holding the lesson, or its cache was cleared.
 */
export async function downloadedLesson(
  userId: string,
  lessonId: string,
  lang: Lang,
): Promise<LessonResponse | undefined> {
  if (typeof caches === 'undefined') return undefined;
  const course = (await offlineDb.courses(userId)).find((c) => c.lessonIds.includes(lessonId));
  if (!course) return undefined;
  // `caches.match` with the cache's name: a cleared cache is not created again empty, as `caches.open` would.
  const cacheName = courseCacheName(course.courseId);
  const url = buildUrl(`/lessons/${encodeURIComponent(lessonId)}`, { lang });
  const hit =
    (await caches.match(url, { cacheName, ignoreVary: true })) ??
    (await caches.match(url, { cacheName, ignoreVary: true, ignoreSearch: true }));
  if (!hit?.ok) return undefined;
  const lesson = (await hit.json()) as Partial<LessonResponse> | null;
  // The server's own answer, stored by the download: only its identity is checked (a cache is not a wire).
  return lesson?.id === lessonId && typeof lesson.kind === 'string' ? (lesson as LessonResponse) : undefined;
}

/**
 * Whether this device queued anything of the lesson, for anyone (false when there is no queue or no IndexedDB):
 * only then need the lesson wait for the session and the sync before it opens.
 */
export function lessonQueuedOnDevice(lessonId: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return Promise.resolve(false);
  return offlineDb.hasEventsOf(lessonId).catch(() => false);
}
