import { describe, expect, it } from '@jest/globals';
import { shareInFlight, SYNC_FIRST_ROUNDS, syncFirst, type SyncFirstDeps } from './sync-first';

const LESSON = '7d1c9a52-3b8e-4f0a-9c61-2a5e8f3b1d44';
const OTHER = 'c2b7e0f1-5d3a-4e9b-8f27-61a0d4c9e835';
const NETWORK = new Error('network');

/** A device queue of lesson ids; a sync sends it all (or fails) and counts how often it was sent. */
function device(queue: string[], opts: { online?: boolean; fail?: Error; keep?: boolean } = {}) {
  let sends = 0;
  const deps: SyncFirstDeps = {
    online: () => opts.online ?? true,
    queuedFor: async (id) => queue.includes(id),
    sync: async () => {
      sends++;
      if (opts.fail) throw opts.fail;
      if (!opts.keep) queue.length = 0;
    },
    isNetworkError: (e) => e === NETWORK,
  };
  return { deps, queue, sends: () => sends };
}

describe('syncFirst: the queue of a lesson goes before its online use', () => {
  it('syncs when the queue holds events of the lesson, then says nothing is left', async () => {
    const d = device([LESSON, OTHER]);
    await expect(syncFirst(LESSON, d.deps)).resolves.toBe('clear');
    expect(d.sends()).toBe(1);
    expect(d.queue).toEqual([]);
  });

  it('sends nothing when the queue holds nothing of the lesson', async () => {
    const d = device([OTHER]);
    await expect(syncFirst(LESSON, d.deps)).resolves.toBe('clear');
    expect(d.sends()).toBe(0);
  });

  it('offline: nothing is sent and the heartbeats keep going to the queue', async () => {
    const d = device([LESSON], { online: false });
    await expect(syncFirst(LESSON, d.deps)).resolves.toBe('offline');
    expect(d.sends()).toBe(0);
  });

  it('the network dropping during the sync is "offline"; a server error is "failed"', async () => {
    await expect(syncFirst(LESSON, device([LESSON], { fail: NETWORK }).deps)).resolves.toBe('offline');
    await expect(syncFirst(LESSON, device([LESSON], { fail: new Error('500') }).deps)).resolves.toBe(
      'failed',
    );
  });

  it('a queue that stays after syncing is tried a few times, then "failed" (never a loop)', async () => {
    const d = device([LESSON], { keep: true });
    await expect(syncFirst(LESSON, d.deps)).resolves.toBe('failed');
    expect(d.sends()).toBe(SYNC_FIRST_ROUNDS);
  });

  it('an unreadable queue (no IndexedDB) is taken as empty', async () => {
    const d = device([LESSON]);
    const deps = { ...d.deps, queuedFor: () => Promise.reject(new Error('IndexedDB unavailable')) };
    await expect(syncFirst(LESSON, deps)).resolves.toBe('clear');
    expect(d.sends()).toBe(0);
  });
});

describe('shareInFlight: one sync at a time', () => {
  it('calls while one runs get that one; the next call after it runs again', async () => {
    const started: string[] = [];
    let finish!: () => void;
    const shared = shareInFlight(
      (who: string) =>
        new Promise<string>((resolve) => {
          started.push(who);
          finish = () => resolve(who);
        }),
    );
    const runner = shared('runner');
    const player = shared('player');
    const page = shared('page');
    expect(started).toEqual(['runner']);
    finish();
    await expect(Promise.all([runner, player, page])).resolves.toEqual(['runner', 'runner', 'runner']);
    const later = shared('player');
    expect(started).toEqual(['runner', 'player']);
    finish();
    await expect(later).resolves.toBe('player');
  });

  it('a failed run is shared too, and does not block the next one', async () => {
    let runs = 0;
    const shared = shareInFlight(async () => {
      runs++;
      if (runs === 1) throw new Error('network');
      return runs;
    });
    const [a, b] = await Promise.allSettled([shared(), shared()]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected');
    await expect(shared()).resolves.toBe(2);
    expect(runs).toBe(2);
  });

  it('two syncs at once with syncFirst send the queue once', async () => {
    const queue = [LESSON];
    let sends = 0;
    const sync = shareInFlight(async () => {
      sends++;
      await new Promise((r) => setTimeout(r, 5));
      queue.length = 0;
    });
    const deps: SyncFirstDeps = {
      online: () => true,
      queuedFor: async (id) => queue.includes(id),
      sync,
      isNetworkError: () => false,
    };
    const states = await Promise.all([syncFirst(LESSON, deps), syncFirst(LESSON, deps), sync()]);
    expect(states.slice(0, 2)).toEqual(['clear', 'clear']);
    expect(sends).toBe(1);
  });
});
