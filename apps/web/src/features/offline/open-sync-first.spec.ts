import { describe, expect, it } from '@jest/globals';
import { openSyncFirst, type OpenSyncFirstDeps } from './open-sync-first';
import { SYNC_FIRST_ROUNDS } from './sync-first';

const LESSON = '7d1c9a52-3b8e-4f0a-9c61-2a5e8f3b1d44';
const OTHER = 'c2b7e0f1-5d3a-4e9b-8f27-61a0d4c9e835';
const NETWORK = new Error('network');

/**
 * The lesson page over a device queue: what it asks the server for, in order. `GET` settles the video's bucket
 * at the server's now, so it must never come while the lesson's events are still queued.
 */
function lessonPage(
  queue: string[],
  opts: { online?: boolean; fail?: Error; keep?: boolean; downloaded?: 'copy' | 'none' | 'unreadable' } = {},
) {
  const calls: string[] = [];
  const deps: OpenSyncFirstDeps<{ id: string; from: string }> = {
    online: () => opts.online ?? true,
    queuedFor: async (id) => queue.includes(id),
    // a sync sends the whole queue, or fails and leaves it
    sync: async () => {
      calls.push('sync');
      if (opts.fail) throw opts.fail;
      if (!opts.keep) queue.length = 0;
    },
    isNetworkError: (e) => e === NETWORK,
    fetch: async () => {
      // what the server would see: the lesson opened with the lesson's events still on the device or not
      calls.push(queue.includes(LESSON) ? 'GET with the queue still on the device' : 'GET');
      return { id: LESSON, from: 'server' };
    },
    downloaded: async () => {
      if (opts.downloaded === 'unreadable') throw new Error('QuotaExceededError');
      return opts.downloaded === 'none' ? undefined : { id: LESSON, from: 'download' };
    },
  };
  return { deps, calls };
}

describe('openSyncFirst: the lesson page never settles a video before its queue is credited', () => {
  it('the sync goes through: the lesson is asked of the server after it', async () => {
    const p = lessonPage([LESSON]);
    await expect(openSyncFirst(LESSON, p.deps)).resolves.toEqual({
      from: 'server',
      state: 'clear',
      lesson: { id: LESSON, from: 'server' },
    });
    expect(p.calls).toEqual(['sync', 'GET']);
  });

  it('the server answers the sync with an error (503, 429, 500): the download opens, the server is not asked', async () => {
    for (const status of ['503', '429', '500']) {
      const queue = [LESSON, OTHER];
      const p = lessonPage(queue, { fail: new Error(status) });
      await expect(openSyncFirst(LESSON, p.deps)).resolves.toEqual({
        from: 'device',
        state: 'failed',
        lesson: { id: LESSON, from: 'download' },
      });
      expect(p.calls).toEqual(['sync']);
      // the heartbeats stay queued for the retry
      expect(queue).toEqual([LESSON, OTHER]);
    }
  });

  it('the network drops during the sync: the download opens, nothing is fetched', async () => {
    const p = lessonPage([LESSON], { fail: NETWORK });
    await expect(openSyncFirst(LESSON, p.deps)).resolves.toMatchObject({ from: 'device', state: 'offline' });
    expect(p.calls).toEqual(['sync']);
  });

  it('offline: neither the sync nor the lesson is asked of the server', async () => {
    const p = lessonPage([LESSON], { online: false });
    await expect(openSyncFirst(LESSON, p.deps)).resolves.toMatchObject({ from: 'device', state: 'offline' });
    expect(p.calls).toEqual([]);
  });

  it('a queue the server keeps answering without (the rounds run out): the download opens', async () => {
    const p = lessonPage([LESSON], { keep: true });
    await expect(openSyncFirst(LESSON, p.deps)).resolves.toMatchObject({ from: 'device', state: 'failed' });
    expect(p.calls).toEqual(Array.from({ length: SYNC_FIRST_ROUNDS }, () => 'sync'));
  });

  it('no download on the device (storage cleared) or an unreadable one: the server is asked, as before', async () => {
    for (const downloaded of ['none', 'unreadable'] as const) {
      const p = lessonPage([LESSON], { fail: new Error('503'), downloaded });
      await expect(openSyncFirst(LESSON, p.deps)).resolves.toEqual({
        from: 'server',
        state: 'failed',
        lesson: { id: LESSON, from: 'server' },
      });
      expect(p.calls).toEqual(['sync', 'GET with the queue still on the device']);
    }
  });

  it('nothing of the lesson queued (only another lesson): no sync, no download read, the server answers', async () => {
    const p = lessonPage([OTHER]);
    let read = false;
    const deps = {
      ...p.deps,
      downloaded: async () => {
        read = true;
        return { id: LESSON, from: 'download' };
      },
    };
    await expect(openSyncFirst(LESSON, deps)).resolves.toMatchObject({ from: 'server', state: 'clear' });
    expect(p.calls).toEqual(['GET']);
    expect(read).toBe(false);
  });

  it("the server's refusal of the lesson itself (404, not enrolled) reaches the page", async () => {
    const p = lessonPage([LESSON]);
    const refused = new Error('NOT_ENROLLED');
    const deps = { ...p.deps, fetch: () => Promise.reject(refused) };
    await expect(openSyncFirst(LESSON, deps)).rejects.toBe(refused);
  });
});
