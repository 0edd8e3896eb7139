import type { Logger } from 'pino';
import type { ApiConfig } from '../../config/api.config';
import { etagOf, ReadCacheService } from './read-cache.service';

const logger = { debug: () => undefined, warn: () => undefined } as unknown as Logger;
const inProcess = () => new ReadCacheService({ redisUrl: undefined } as ApiConfig, logger);

describe('read cache without Redis (one replica)', () => {
  it('50 concurrent misses on a cold key compute once and all get the same bytes', async () => {
    const cache = inProcess();
    let release!: (v: unknown) => void;
    const compute = jest.fn(() => new Promise((r) => (release = r)));
    const all = Promise.all(Array.from({ length: 50 }, () => cache.get(['catalogue'], 'k', compute)));
    release({ title: 'Khoá học' });
    const answers = await all;
    expect(compute).toHaveBeenCalledTimes(1);
    expect(new Set(answers.map((a) => a.json))).toEqual(new Set([JSON.stringify({ title: 'Khoá học' })]));
    expect(answers[0]!.etag).toBe(etagOf(answers[0]!.json));
  });

  it('a change makes the next read recompute, under every namespace the key depends on', async () => {
    const cache = inProcess();
    let n = 0;
    const compute = jest.fn(async () => ({ n: ++n }));
    expect((await cache.get(['catalogue', 'course:a'], 'k', compute)).json).toBe('{"n":1}');
    expect((await cache.get(['catalogue', 'course:a'], 'k', compute)).json).toBe('{"n":1}');
    await cache.changed('course:a');
    expect((await cache.get(['catalogue', 'course:a'], 'k', compute)).json).toBe('{"n":2}');
    await cache.changed('catalogue');
    expect((await cache.get(['catalogue', 'course:a'], 'k', compute)).json).toBe('{"n":3}');
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('never caches an error, and an answer whose lifetime is over is recomputed', async () => {
    const cache = inProcess();
    const failing = jest.fn(async () => {
      throw new Error('COURSE_NOT_FOUND');
    });
    await expect(cache.get(['course:x'], 'k', failing)).rejects.toThrow('COURSE_NOT_FOUND');
    await expect(cache.get(['course:x'], 'k', failing)).rejects.toThrow('COURSE_NOT_FOUND');
    expect(failing).toHaveBeenCalledTimes(2);
    const expired = jest.fn(async () => ({ verdict: 'expired' }));
    await cache.get(['credential:y'], 'k', expired, () => 0);
    await cache.get(['credential:y'], 'k', expired, () => 0);
    expect(expired).toHaveBeenCalledTimes(2);
  });

  it('a change committed while a computation is in flight is not hidden by it', async () => {
    const cache = inProcess();
    let release!: (v: unknown) => void;
    const slow = jest.fn(() => new Promise((r) => (release = r)));
    const first = cache.get(['catalogue'], 'k', slow);
    await cache.changed('catalogue');
    const fresh = jest.fn(async () => 'new');
    expect((await cache.get(['catalogue'], 'k', fresh)).json).toBe('"new"');
    release('old');
    expect((await first).json).toBe('"old"');
    expect((await cache.get(['catalogue'], 'k', fresh)).json).toBe('"new"');
    expect(fresh).toHaveBeenCalledTimes(1);
  });
});
