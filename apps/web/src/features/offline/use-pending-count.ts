import { useEffect, useState } from 'react';
import { offlineDb } from './offline-db';
import { QUEUE_EVENT } from './offline-sync';

/** How many offline events of the learner wait for a sync, kept current as the queue changes. */
export function usePendingCount(userId: string | undefined): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!userId || typeof indexedDB === 'undefined') return undefined;
    let live = true;
    const read = () =>
      void offlineDb.events(userId).then(
        (e) => live && setCount(e.length),
        () => undefined,
      );
    read();
    window.addEventListener(QUEUE_EVENT, read);
    return () => {
      live = false;
      window.removeEventListener(QUEUE_EVENT, read);
    };
  }, [userId]);
  return count;
}
