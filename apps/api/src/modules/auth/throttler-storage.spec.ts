import { ThrottlerStorageService } from '@nestjs/throttler';
import { OrderedThrottlerStorage } from './throttler-storage';

/** A small deterministic generator, so a failure replays the same hits. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** The library's sweep, run at a chosen time (private in its typings; the same method its interval calls). */
const evict = (library: ThrottlerStorageService, at: number) =>
  (library as unknown as { evictIdleRecords(now: number): void }).evictIdleRecords(at);

describe('the throttlers’ storage with a constant cost per hit', () => {
  let now = 1_800_000_000_000;
  let ours: OrderedThrottlerStorage;
  let library: ThrottlerStorageService;

  beforeEach(() => {
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    ours = new OrderedThrottlerStorage();
    library = new ThrottlerStorageService();
  });

  afterEach(() => {
    ours.onApplicationShutdown();
    library.onApplicationShutdown();
    jest.restoreAllMocks();
  });

  /** Sends the same hit to both storages and expects the same answer. */
  async function hit(key: string, ttl: number, limit: number, block: number, name: string) {
    const expected = await library.increment(key, ttl, limit, block, name);
    await expect(ours.increment(key, ttl, limit, block, name)).resolves.toEqual(expected);
    return expected;
  }

  it.each([
    ['with a block (the platform’s throttlers and the heartbeat’s)', 60_000],
    ['with a block shorter than the window', 15_000],
    ['without a block (a hit over the limit is refused, not counted)', 0],
  ])('answers every hit as @nestjs/throttler’s own storage does, %s', async (_, block) => {
    const random = lcg(block + 7);
    const keys = ['an', 'bình'];
    const throttlers: Array<[string, number, number]> = [
      ['default', 60_000, 3],
      ['address', 60_000, 5],
      ['heartbeat', 60_000, 8],
    ];
    let blocked = 0;
    for (let i = 0; i < 4_000; i++) {
      // Bursts (many hits in one millisecond), steady hits, and idle gaps longer than a window.
      const r = random();
      now += r < 0.3 ? 0 : r < 0.99 ? Math.floor(random() * 4_000) : Math.floor(random() * 120_000);
      const [name, ttl, limit] = throttlers[Math.floor(random() * throttlers.length)]!;
      const answer = await hit(keys[Math.floor(random() * keys.length)]!, ttl, limit, block, name);
      if (answer.isBlocked) blocked++;
      if (random() < 0.01) {
        evict(library, now);
        ours.forgetIdle(now);
        expect(ours.size).toBe(library.storage.size);
      }
    }
    // The sequence went over the limits and back, so blocks began and ended.
    expect(blocked).toBeGreaterThan(500);
    expect(blocked).toBeLessThan(3_500);
  });

  it('keeps a learner’s heartbeats at a lifted limit exactly, however long the window’s log', async () => {
    // The bench's setting: 100,000 a minute, one hit every 10 ms for two minutes.
    for (let i = 0; i < 12_000; i++) {
      now += 10;
      const answer = await ours.increment('heartbeat:an', 60_000, 100_000, 60_000, 'heartbeat');
      expect(answer.totalHits).toBe(Math.min(i + 1, 6_000));
      expect(answer.isBlocked).toBe(false);
    }
  });

  it('forgets a tracker once its window and its block are over, and starts it afresh', async () => {
    for (let i = 0; i < 7; i++) await hit('an', 60_000, 5, 60_000, 'default');
    expect((await hit('an', 60_000, 5, 60_000, 'default')).isBlocked).toBe(true);
    now += 30_000;
    ours.forgetIdle(now);
    expect(ours.size).toBe(1);
    now += 61_000;
    ours.forgetIdle(now);
    evict(library, now);
    expect(ours.size).toBe(0);
    expect(library.storage.size).toBe(0);
    expect(await hit('an', 60_000, 5, 60_000, 'default')).toMatchObject({
      totalHits: 1,
      timeToExpire: 60,
      isBlocked: false,
    });
  });
});
