import { describe, expect, it } from '@jest/globals';
import type { CommunitySession } from '@hocvuso/contracts';
import {
  emptyOffline,
  enqueue,
  loadOffline,
  MAX_QUEUE,
  type QueuedCheckIn,
  saveOffline,
  sendQueue,
} from './offline-session';

const session: CommunitySession = {
  id: 'b7b1c1de-0000-4000-8000-000000000001',
  unitId: 'u',
  unitName: 'Xã Một',
  topic: 'VNeID',
  place: 'Nhà văn hoá',
  latitude: null,
  longitude: null,
  startsAt: '2026-12-06T01:00:00.000Z',
  endsAt: '2026-12-06T02:30:00.000Z',
  courseId: 'smartphone-basics',
  courseTitle: { vi: 'Điện thoại thông minh' },
  lessonId: null,
  lessonTitle: null,
  cancelled: false,
  attendees: 0,
};
const item = (n: number): QueuedCheckIn => ({
  userId: `user-${n}`,
  displayName: `Người ${n}`,
  idempotencyKey: `key-${n}`,
  queuedAt: '2026-12-06T01:10:00.000Z',
});

class MemoryStore {
  items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

describe('the host’s offline copy of a session', () => {
  it('survives a reload and refuses a copy of another session or broken JSON', () => {
    const store = new MemoryStore();
    const value = enqueue(emptyOffline(session), item(1));
    saveOffline(store, value);
    expect(loadOffline(store, session.id)).toEqual(value);
    expect(loadOffline(store, 'other')).toBeUndefined();
    store.setItem(`hvs.community.session.${session.id}`, '{not json');
    expect(loadOffline(store, session.id)).toBeUndefined();
  });

  it('keeps working when storage throws (full or private mode)', () => {
    const broken = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(() => saveOffline(broken, emptyOffline(session))).not.toThrow();
    expect(loadOffline(broken, session.id)).toBeUndefined();
  });

  it('queues a person once, never someone already listed, and at most MAX_QUEUE', () => {
    let value = enqueue(emptyOffline(session), item(1));
    value = enqueue(value, { ...item(1), idempotencyKey: 'again' });
    expect(value.queue).toHaveLength(1);
    const listed = {
      ...value,
      attendees: [{ userId: 'user-2', displayName: 'x', method: 'host' as const, at: '' }],
    };
    expect(enqueue(listed, item(2)).queue).toHaveLength(1);
    let full = emptyOffline(session);
    for (let i = 0; i < MAX_QUEUE + 5; i++) full = enqueue(full, item(i));
    expect(full.queue).toHaveLength(MAX_QUEUE);
  });

  it('sends in order with each idempotency key, stops when still offline, moves refusals aside', async () => {
    const value = [1, 2, 3, 4].reduce((v, n) => enqueue(v, item(n)), emptyOffline(session));
    const sentKeys: string[] = [];
    const after = await sendQueue(value, async (q) => {
      sentKeys.push(q.idempotencyKey);
      if (q.userId === 'user-2') return { kind: 'refused', code: 'LEARNER_NOT_FOUND' };
      if (q.userId === 'user-3') return { kind: 'retry' };
      return {
        kind: 'sent',
        attendee: { userId: q.userId, displayName: q.displayName, method: 'host', at: 'now' },
      };
    });
    expect(sentKeys).toEqual(['key-1', 'key-2', 'key-3']);
    expect(after.attendees.map((a) => a.userId)).toEqual(['user-1']);
    expect(after.refused).toEqual([{ ...item(2), code: 'LEARNER_NOT_FOUND' }]);
    expect(after.queue.map((q) => q.userId)).toEqual(['user-3', 'user-4']);
  });
});
