import type { OfflineDownloadResponse, OfflineSyncRequest, OfflineSyncResponse } from '@hocvuso/contracts';
import { type Lang, request } from './client';

type Wire<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };
/** A queued offline event as sent (dates as ISO strings). */
export type OfflineWireEvent = OfflineSyncRequest['events'][number] extends infer E
  ? E extends unknown
    ? Wire<E>
    : never
  : never;

/** Downloading a course for offline use and syncing what was learnt offline (docs/offline.md). */
export const offlineApi = {
  download: (courseId: string, quizLessonIds: string[], lang: Lang) =>
    request<OfflineDownloadResponse>('POST', `/me/offline-downloads/${encodeURIComponent(courseId)}`, {
      query: { lang },
      body: { quizLessonIds },
    }),
  sync: (clientTime: Date, events: OfflineWireEvent[], lang: Lang) =>
    request<OfflineSyncResponse>('POST', '/me/offline-sync', {
      query: { lang },
      body: { clientTime: clientTime.toISOString(), events },
    }),
};
