import type { Attendee, CommunitySession } from '@hocvuso/contracts';

/**
 * The host's phone keeps a small copy of each session page it opened (the session and its attendees) and a
 * queue of check-ins it could not send, in localStorage, so the page works without a connection and sends the
 * queue later (docs/community-sessions.md "Offline"). Each queued check-in carries the idempotency key made when
 * the host tapped, so a check-in sent twice (a retry after a lost answer) is one attendance; the server re-checks
 * the host, the person and the session when it arrives.
 */

export interface QueuedCheckIn {
  userId: string;
  displayName: string;
  idempotencyKey: string;
  /** When the host tapped (the device clock; shown only, the server keeps its own time). */
  queuedAt: string;
}

export interface OfflineSession {
  session: CommunitySession;
  attendees: Attendee[];
  queue: QueuedCheckIn[];
  /** Check-ins the server refused when the queue was sent, with the error code, for the host to see. */
  refused: Array<QueuedCheckIn & { code: string }>;
}

type Store = Pick<Storage, 'getItem' | 'setItem'>;

const PREFIX = 'hvs.community.session.';
/** A queue is at most this long: a session has a few dozen people, not thousands. */
export const MAX_QUEUE = 200;

export const emptyOffline = (session: CommunitySession): OfflineSession => ({
  session,
  attendees: [],
  queue: [],
  refused: [],
});

/** The stored copy of a session, or undefined when there is none or it cannot be read. */
export function loadOffline(store: Store, sessionId: string): OfflineSession | undefined {
  try {
    const raw = store.getItem(PREFIX + sessionId);
    if (!raw) return undefined;
    const value = JSON.parse(raw) as Partial<OfflineSession>;
    if (!value.session || value.session.id !== sessionId || !Array.isArray(value.queue)) return undefined;
    return {
      session: value.session,
      attendees: Array.isArray(value.attendees) ? value.attendees : [],
      queue: value.queue,
      refused: Array.isArray(value.refused) ? value.refused : [],
    };
  } catch {
    return undefined;
  }
}

/** Saves the copy; a full or blocked storage keeps the page working, only without the copy. */
export function saveOffline(store: Store, value: OfflineSession): void {
  try {
    store.setItem(PREFIX + value.session.id, JSON.stringify(value));
  } catch {
    // storage full or disabled (private mode): the page still works online
  }
}

/** Adds a check-in to the queue, unless the person is already queued or listed. */
export function enqueue(value: OfflineSession, item: QueuedCheckIn): OfflineSession {
  if (value.queue.some((q) => q.userId === item.userId)) return value;
  if (value.attendees.some((a) => a.userId === item.userId)) return value;
  if (value.queue.length >= MAX_QUEUE) return value;
  return { ...value, queue: [...value.queue, item] };
}

/** What sending one queued check-in came to: sent (or already there), refused for good, or to retry later. */
export type SendResult =
  { kind: 'sent'; attendee: Attendee } | { kind: 'refused'; code: string } | { kind: 'retry' };

/**
 * Sends the queue in order; stops at the first check-in to retry (still offline) and keeps it and the rest.
 * Sent ones join the attendees, refused ones move to `refused`.
 */
export async function sendQueue(
  value: OfflineSession,
  send: (item: QueuedCheckIn) => Promise<SendResult>,
): Promise<OfflineSession> {
  let current = value;
  for (const item of value.queue) {
    const result = await send(item);
    if (result.kind === 'retry') break;
    const queue = current.queue.filter((q) => q.idempotencyKey !== item.idempotencyKey);
    current =
      result.kind === 'sent'
        ? {
            ...current,
            queue,
            attendees: current.attendees.some((a) => a.userId === result.attendee.userId)
              ? current.attendees
              : [...current.attendees, result.attendee],
          }
        : { ...current, queue, refused: [...current.refused, { ...item, code: result.code }] };
  }
  return current;
}
