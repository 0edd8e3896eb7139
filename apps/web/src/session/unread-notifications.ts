import { useSyncExternalStore } from 'react';

/**
 * The number of unread notifications the bell shows, shared by the header and the notifications page (which
 * knows the new number as soon as it marks something read). `undefined` until the first answer.
 */
let unread: number | undefined;
let fetchedAt = 0;
const listeners = new Set<() => void>();

export function setUnreadCount(count: number | undefined): void {
  unread = count;
  fetchedAt = count === undefined ? 0 : Date.now();
  listeners.forEach((listener) => listener());
}

/** True when the count is older than `maxAgeMs` (or unknown) and worth asking for again. */
export function unreadCountIsStale(maxAgeMs: number): boolean {
  return unread === undefined || Date.now() - fetchedAt > maxAgeMs;
}

export function useUnreadCount(): number | undefined {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => unread,
  );
}
