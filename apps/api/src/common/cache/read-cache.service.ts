import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { redisConnection } from '@hocvuso/jobs';
import Redis from 'ioredis';
import type { Logger } from 'pino';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { LOGGER } from '../logging/logger.token';
import { AnswerMemo, type EntryCurrency } from './answer-memo';
import { Lru } from './lru';

/** A cached public answer: the exact JSON sent and its strong ETag (a hash of those bytes). */
export interface CachedJson {
  json: string;
  etag: string;
}

interface Entry extends CachedJson {
  expiresAt: number;
  /** The namespaces' versions the entry was computed under, and the cache generation (see isCurrent). */
  stamps: Array<[string, number]>;
  generation: number;
}

/** The Redis channel every replica listens on; a message is the namespace that changed. */
export const READ_CACHE_CHANNEL = 'hvs:read-cache:invalidate';
const VERSION_KEY = (ns: string) => `hvs:read-cache:v:${ns}`;
/** Backstop for changes made outside the api (a content import, SQL by hand): no entry lives longer. */
export const READ_CACHE_MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 2_000;
const BOOT_WAIT_MS = 1_000;
/** Answers larger than this are computed every time (the cache holds many small answers, not a few huge ones). */
const MAX_ENTRY_BYTES = 512 * 1024;

export const etagOf = (json: string) =>
  `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;

/**
 * Versioned read caches for the public answers that change rarely (catalogue, course pages, certificate
 * verification). Each namespace (`catalogue`, `course:<id>`, `credential:<id>`) has a version; an entry is keyed
 * by its namespace's version, so a change makes the old entries unreachable at once.
 *
 * - A change committed by this replica bumps the local version synchronously (the next request on this replica
 *   recomputes, whatever Redis does), then INCRs the namespace's counter in Redis and PUBLISHes the namespace.
 * - Every replica subscribes to READ_CACHE_CHANNEL and bumps its local version on a message: another replica sees
 *   a change within the pub/sub delivery time (milliseconds) after the commit.
 * - While the subscription is not established (Redis down, restarting, a lost connection) nothing is cached or
 *   served from cache, and the entries are dropped when it comes back (messages may have been missed meanwhile).
 * - No REDIS_URL: an in-process cache for a single replica (several replicas need Redis).
 * - Concurrent misses on one key compute once (single flight); errors are never cached.
 */
@Injectable()
export class ReadCacheService
  implements OnApplicationBootstrap, OnApplicationShutdown, EntryCurrency<CachedJson>
{
  private readonly entries = new Lru<Entry>(MAX_ENTRIES);
  /** Bumped whenever the entries are dropped (the channel lost or regained): older entries are never current. */
  private generation = 0;
  /** Anonymous GETs of current entries, answered before the Nest stack (answer-memo.ts). */
  readonly memo = new AnswerMemo<CachedJson>(this);
  private readonly versions = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<CachedJson>>();
  private readonly publisher?: Redis;
  private readonly subscriber?: Redis;
  private subscribed: boolean;
  private readonly listeners = new Set<() => void>();

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.subscribed = !config.redisUrl;
    if (!config.redisUrl) return;
    // Commands fail at once while disconnected (no offline queue): a request never waits on Redis.
    const options = {
      ...redisConnection(config.redisUrl),
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    };
    this.publisher = new Redis({ ...options, lazyConnect: false });
    this.subscriber = new Redis({ ...options, enableOfflineQueue: true, autoResubscribe: false });
    const quiet = (err: Error) => this.logger.debug({ err: err.message }, 'read cache: redis error');
    this.publisher.on('error', quiet);
    this.subscriber.on('error', quiet);
    this.subscriber.on('ready', () => {
      this.subscriber!.subscribe(READ_CACHE_CHANNEL).then(() => {
        this.dropEntries();
        this.subscribed = true;
      }, quiet);
    });
    this.subscriber.on('close', () => this.disable());
    this.subscriber.on('end', () => this.disable());
    this.subscriber.on('message', (_channel: string, ns: string) => this.bumpLocal(ns));
  }

  /** Boot waits (at most BOOT_WAIT_MS) for the subscription, so a fresh replica caches from its first request. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.subscribed || !this.subscriber) return;
    let done!: () => void;
    const ready = new Promise<void>((r) => (done = r));
    this.listeners.add(done);
    const timer = setTimeout(done, BOOT_WAIT_MS);
    await ready;
    clearTimeout(timer);
    this.listeners.delete(done);
  }

  /** Whether answers are cached right now (false while the invalidation channel is not listened to). */
  get active(): boolean {
    return this.subscribed;
  }

  /** The local version of a namespace (how many changes this replica has seen). */
  versionOf(ns: string): number {
    return this.versions.get(ns) ?? 0;
  }

  private disable(): void {
    this.subscribed = false;
    this.dropEntries();
  }

  private dropEntries(): void {
    this.generation += 1;
    this.entries.clear();
    this.memo.clear();
  }

  /**
   * Whether `entry` (an answer this service returned) may still be served: the channel is listened to, the
   * entry has not expired, no change touched its namespaces since, and the entries were not dropped since.
   */
  isCurrent(entry: CachedJson): boolean {
    const e = entry as Partial<Entry>;
    if (!this.subscribed || e.generation !== this.generation || !e.stamps) return false;
    if (e.expiresAt! <= Date.now()) return false;
    for (const [ns, v] of e.stamps) if ((this.versions.get(ns) ?? 0) !== v) return false;
    return true;
  }

  private bumpLocal(ns: string): void {
    this.versions.set(ns, (this.versions.get(ns) ?? 0) + 1);
  }

  /**
   * The cached answer for `key` under the namespaces it depends on, or `compute()` serialized once. `ttlMs`
   * shortens the entry's life (an answer that changes with time, like a credential reaching its validUntil).
   */
  async get<T>(
    namespaces: string[],
    key: string,
    compute: () => Promise<T>,
    ttlOf: (value: T) => number = () => READ_CACHE_MAX_AGE_MS,
  ): Promise<CachedJson> {
    if (!this.subscribed) return serialize(await compute());
    const stamps = namespaces.map((ns): [string, number] => [ns, this.versions.get(ns) ?? 0]);
    const full = `${stamps.map(([ns, v]) => `${ns}@${v}`).join('|')}|${key}`;
    const generation = this.generation;
    const hit = this.entries.get(full);
    if (hit && hit.expiresAt > Date.now()) return hit;
    const pending = this.inFlight.get(full);
    if (pending) return pending;
    const started = (async () => {
      try {
        const body = await compute();
        const value = serialize(body);
        const ttlMs = ttlOf(body);
        if (!this.subscribed || generation !== this.generation) return value;
        if (value.json.length > MAX_ENTRY_BYTES || ttlMs <= 0) return value;
        // The object kept is the one answered, so its bytes (content-encoding.ts) are made once for the entry.
        const expiresAt = Date.now() + Math.min(ttlMs, READ_CACHE_MAX_AGE_MS);
        const entry: Entry = { ...value, expiresAt, stamps, generation };
        this.entries.set(full, entry);
        return entry;
      } finally {
        this.inFlight.delete(full);
      }
    })();
    this.inFlight.set(full, started);
    return started;
  }

  /**
   * Call after the change has committed. This replica forgets at once; the others when the message arrives.
   * Never throws and never waits on Redis for long (a lost message is bounded by READ_CACHE_MAX_AGE_MS).
   */
  async changed(...namespaces: string[]): Promise<void> {
    for (const ns of namespaces) this.bumpLocal(ns);
    const redis = this.publisher;
    if (!redis) return;
    await Promise.all(
      namespaces.map((ns) =>
        redis
          .multi()
          .incr(VERSION_KEY(ns))
          .publish(READ_CACHE_CHANNEL, ns)
          .exec()
          .catch((err: Error) =>
            this.logger.warn({ err: err.message, ns }, 'read cache: invalidation not published'),
          ),
      ),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.subscribed = false;
    this.subscriber?.disconnect();
    this.publisher?.disconnect();
  }
}

function serialize(body: unknown): CachedJson {
  const json = JSON.stringify(body);
  return { json, etag: etagOf(json) };
}
