import type { LessonResponse } from '@hocvuso/contracts';
import { useEffect, useRef } from 'react';
import { useSession } from '../../session/session';
import { queueOfflineEvent } from './offline-sync';

/** Stints shorter than this are not worth a queued event. */
const MIN_STINT_MS = 1_000;

/**
 * Times the reading of a text lesson while the browser is offline, by the device's clock: a stint starts when
 * the page is open offline (or the network drops) and ends when it comes back, the page closes, or the learner
 * marks the lesson read. Each stint is queued as a `read` event; the server decides what it is worth
 * (docs/offline.md). Online reading is timed by the server itself and queues nothing.
 * Returns `endStint`, which queues the running stint now and stops timing (before a completion is queued).
 */
export function useOfflineReading(lesson: LessonResponse): () => Promise<void> {
  const { me } = useSession();
  const userId = me?.id;
  const since = useRef<number | undefined>(undefined);
  const lessonId = lesson.id;
  const isText = lesson.kind === 'text';

  /** Queues the running stint; with `restart`, a new one starts now if still offline. */
  const end = useRef<(restart: boolean) => Promise<void>>(async () => undefined);
  end.current = async (restart) => {
    const started = since.current;
    since.current = undefined;
    if (!userId || started === undefined) return;
    const now = Date.now();
    if (now - started < MIN_STINT_MS) return;
    await queueOfflineEvent(userId, {
      kind: 'read',
      lessonId,
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(now).toISOString(),
    });
    if (restart && !navigator.onLine) since.current = now;
  };

  useEffect(() => {
    if (!isText || !userId) return undefined;
    if (!navigator.onLine) since.current = Date.now();
    const offline = () => {
      since.current ??= Date.now();
    };
    const online = () => void end.current(false);
    const hide = () => {
      if (document.visibilityState === 'hidden') void end.current(false);
      else if (!navigator.onLine) since.current ??= Date.now();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    document.addEventListener('visibilitychange', hide);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      document.removeEventListener('visibilitychange', hide);
      void end.current(false);
    };
  }, [isText, userId, lessonId]);

  // Marked read: the lesson's reading ends here.
  return () => end.current(false);
}
