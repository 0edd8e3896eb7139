/**
 * The device's offline store (IndexedDB, database `hvs-offline`): the queue of offline events waiting for a
 * sync, and the record of each downloaded course (when, its quiz attempts drawn by the server, its size).
 * Both are kept per signed-in learner, so a shared phone never sends one person's progress as another's.
 */
import type { QuizAttemptResponse } from '@hocvuso/contracts';
import type { OfflineWireEvent } from '../../api/offline-api';

export interface QueuedEvent {
  id: string;
  userId: string;
  /** Device time it was queued (the queue is sent oldest first). */
  queuedAt: number;
  event: OfflineWireEvent;
}

export interface DownloadedCourse {
  /** `<userId>:<courseId>` */
  key: string;
  userId: string;
  courseId: string;
  downloadedAt: string;
  lessonIds: string[];
  /** The attempt the server drew for each quiz lesson, by lesson id; no answer key in any. */
  attempts: Record<string, QuizAttemptResponse>;
  /** Bytes stored for the course (the responses' sizes). */
  bytes: number;
}

type StoreName = 'queue' | 'courses';
let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open('hvs-offline', 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('courses')) db.createObjectStore('courses', { keyPath: 'key' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => {
      opening = undefined;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

/** Runs one request on a store and resolves when its transaction committed. */
async function run<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  body: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(name, mode);
    const req = body(tx.objectStore(name));
    let result: T;
    if (req) req.onsuccess = () => (result = req.result);
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** Every event queued on this device, whoever queued it. */
const allEvents = () =>
  run<QueuedEvent[]>('queue', 'readonly', (s) => s.getAll() as IDBRequest<QueuedEvent[]>);

export const offlineDb = {
  putEvent: (e: QueuedEvent) => run('queue', 'readwrite', (s) => s.put(e)).then(() => undefined),
  events: async (userId: string): Promise<QueuedEvent[]> =>
    (await allEvents()).filter((e) => e.userId === userId).sort((a, b) => a.queuedAt - b.queuedAt),
  /** Whether anyone's queue on this device holds an event of the lesson (no session needed to ask). */
  hasEventsOf: async (lessonId: string): Promise<boolean> =>
    (await allEvents()).some((e) => e.event.lessonId === lessonId),
  removeEvents: (ids: string[]) =>
    run('queue', 'readwrite', (s) => {
      for (const id of ids) s.delete(id);
      return undefined;
    }).then(() => undefined),
  putCourse: (c: DownloadedCourse) => run('courses', 'readwrite', (s) => s.put(c)).then(() => undefined),
  course: (userId: string, courseId: string) =>
    run<DownloadedCourse | undefined>(
      'courses',
      'readonly',
      (s) => s.get(`${userId}:${courseId}`) as IDBRequest<DownloadedCourse | undefined>,
    ),
  removeCourse: (userId: string, courseId: string) =>
    run('courses', 'readwrite', (s) => s.delete(`${userId}:${courseId}`)).then(() => undefined),
  courses: (userId: string) =>
    run<DownloadedCourse[]>('courses', 'readonly', (s) => s.getAll() as IDBRequest<DownloadedCourse[]>).then(
      (all) => all.filter((c) => c.userId === userId),
    ),
};
