import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

/**
 * The expiry times of one tracker's hits under one throttler, oldest first. Every hit of a throttler is counted
 * with the same window (each of the platform's throttlers has one fixed `ttl`), so a later hit never expires
 * before an earlier one: the expired hits are always at the front, and counting drops them by moving `head`, at a
 * constant cost per hit. Were a window ever to shrink between hits (or the clock to step back), an expired hit
 * behind a live one would count until the live one expires: a limit a little stricter for a while, never looser.
 */
class HitLog {
  private expiries: number[] = [];
  private head = 0;

  get size(): number {
    return this.expiries.length - this.head;
  }

  /** When the oldest hit expires (ms), if there is one. */
  get oldest(): number | undefined {
    return this.expiries[this.head];
  }

  /** Drops the hits expired at `now`; the array is compacted once most of it is dropped hits. */
  prune(now: number): void {
    while (this.head < this.expiries.length && this.expiries[this.head]! <= now) this.head++;
    if (this.head === this.expiries.length) this.clear();
    else if (this.head > 64 && this.head * 2 > this.expiries.length) {
      this.expiries = this.expiries.slice(this.head);
      this.head = 0;
    }
  }

  push(expiresAt: number): void {
    this.expiries.push(expiresAt);
  }

  clear(): void {
    this.expiries = [];
    this.head = 0;
  }
}

/** What a hit answers (the library does not export the type's name). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface TrackerRecord {
  logs: Map<string, HitLog>;
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
}

/** How often idle trackers are forgotten, as the library's storage does. */
const SWEEP_MS = 60_000;

/**
 * The platform throttlers' in-process storage: the answers of @nestjs/throttler's own `ThrottlerStorageService`
 * (a sliding window of each hit's expiry, the same totals, blocks and times; throttler-storage.spec.ts drives
 * both with the same hits and compares every answer), at a constant cost per hit.
 *
 * The library's storage filters the whole list of a tracker's hits on every hit: its cost grows with the limit.
 * With the video heartbeat's limit lifted for a load test (HEARTBEAT_RATE_LIMIT_PER_MINUTE=100000, the bench's 50
 * learners sending ~80 heartbeats a second each), that filter was ~4 % of the api's CPU per heartbeat
 * (docs/performance.md). Here the expired hits are dropped from the front of an ordered log instead.
 */
export class OrderedThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly trackers = new Map<string, TrackerRecord>();
  private sweep: NodeJS.Timeout | undefined;

  /** How many trackers are remembered. */
  get size(): number {
    return this.trackers.size;
  }

  // The interface's signature is asynchronous; nothing here waits.
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    this.sweep ??= setInterval(() => this.forgetIdle(Date.now()), SWEEP_MS).unref();
    const now = Date.now();
    let record = this.trackers.get(key);
    if (!record) {
      record = { logs: new Map(), expiresAt: now + ttl, blockExpiresAt: 0, isBlocked: false };
      this.trackers.set(key, record);
    }
    let log = record.logs.get(throttlerName);
    if (!log) record.logs.set(throttlerName, (log = new HitLog()));
    log.prune(now);
    let timeToExpire = Math.ceil((record.expiresAt - now) / 1000);
    if (timeToExpire <= 0) {
      record.expiresAt = now + ttl;
      timeToExpire = Math.ceil(ttl / 1000);
    }

    if (blockDuration <= 0) {
      // Without a block: a hit over the limit is refused and not counted.
      const isBlocked = log.size >= limit;
      if (!isBlocked) log.push(now + ttl);
      return {
        totalHits: log.size + (isBlocked ? 1 : 0),
        timeToExpire,
        isBlocked,
        timeToBlockExpire: !isBlocked
          ? 0
          : log.oldest === undefined
            ? timeToExpire
            : Math.ceil((log.oldest - now) / 1000),
      };
    }
    if (!record.isBlocked) log.push(now + ttl);
    if (log.size > limit && !record.isBlocked) {
      record.isBlocked = true;
      record.blockExpiresAt = now + blockDuration;
    }
    const timeToBlockExpire = Math.ceil((record.blockExpiresAt - now) / 1000);
    if (timeToBlockExpire <= 0 && record.isBlocked) {
      // The block is over: the tracker starts again from this hit.
      record.isBlocked = false;
      log.clear();
      log.push(now + ttl);
    }
    return { totalHits: log.size, timeToExpire, isBlocked: record.isBlocked, timeToBlockExpire };
  }

  /** Forgets the trackers with nothing left to remember: no block in force, window over, no hit in a window. */
  forgetIdle(now: number): void {
    for (const [key, record] of this.trackers) {
      if (record.isBlocked && record.blockExpiresAt > now) continue;
      if (record.expiresAt > now) continue;
      let live = false;
      for (const log of record.logs.values()) {
        log.prune(now);
        live ||= log.size > 0;
      }
      if (!live) this.trackers.delete(key);
    }
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.trackers.clear();
  }
}
