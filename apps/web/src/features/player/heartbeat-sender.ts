import type { HeartbeatRequest, HeartbeatResponse } from '@hocvuso/contracts';

/** How long to stay quiet after a 429 that did not say (Retry-After). */
export const DEFAULT_BACKOFF_SECONDS = 30;
/** How long to wait before asking again for a last claim the server capped (real time refills the credit). */
export const SETTLE_DELAY_MS = 4_000;
/** How many times a capped last claim is asked again. */
export const MAX_SETTLE_TRIES = 3;

export interface HeartbeatSenderOptions {
  /** Sends one heartbeat and resolves with the server's answer. */
  send: (body: HeartbeatRequest) => Promise<HeartbeatResponse>;
  /** Sends one heartbeat that must outlive the page (navigator.sendBeacon); no answer. */
  beacon: (body: HeartbeatRequest) => void;
  onResult: (result: HeartbeatResponse) => void;
  /** The seconds to back off when `error` is a rate limit (429), else undefined. */
  rateLimitedFor: (error: unknown) => number | undefined;
  now: () => number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  schedule: (run: () => void, ms: number) => () => void;
  /**
   * Asked before a heartbeat goes out: a promise means "not yet" (the device's queue of this video is being
   * synced first, docs/offline.md), and heartbeats wait until it settles, fulfilled or not.
   */
  gate?: () => Promise<unknown> | undefined;
}

/**
 * Sends video heartbeats politely. After a 429 it stops sending for the time the server asked (or 30 s)
 * and then sends only the most recent heartbeat: each one carries everything played in the session, so
 * skipping the ones in between loses nothing. Other failures are ignored for the same reason: the next
 * heartbeat repeats the claim.
 */
export class HeartbeatSender {
  private blockedUntil = 0;
  private pending: HeartbeatRequest | undefined;
  private cancelFlush: (() => void) | undefined;
  private disposed = false;
  /** The newest claim submitted: only its answer may ask for a settling retry. */
  private latest: HeartbeatRequest | undefined;
  private cancelSettle: (() => void) | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  /** Heartbeats wait for this (the gate's promise); the newest one waiting is `held`. */
  private holding: Promise<void> | undefined;
  private held: { body: HeartbeatRequest; settleTries: number } | undefined;

  constructor(private readonly options: HeartbeatSenderOptions) {}

  submit(body: HeartbeatRequest | undefined): void {
    if (!body || this.disposed) return;
    this.latest = body;
    this.cancelSettle?.();
    this.cancelSettle = undefined;
    this.dispatch(body, 0);
  }

  private dispatch(body: HeartbeatRequest, settleTries: number): void {
    if (this.options.now() < this.blockedUntil) {
      this.pending = body;
      return;
    }
    if (this.holding) {
      // Each heartbeat carries everything played in the session: the newest waiting one is enough.
      this.held = { body, settleTries };
      return;
    }
    const wait = this.options.gate?.();
    if (wait) {
      this.hold(wait, body, settleTries);
      return;
    }
    this.send(body, settleTries);
  }

  /** Keeps heartbeats until `wait` settles, then sends the newest one (not asking the gate again for it). */
  private hold(wait: Promise<unknown>, body: HeartbeatRequest, settleTries: number): void {
    this.held = { body, settleTries };
    const holding = wait.then(
      () => undefined,
      () => undefined,
    );
    this.holding = holding;
    void holding.then(() => {
      if (this.holding !== holding) return;
      this.holding = undefined;
      const next = this.held;
      this.held = undefined;
      if (next && !this.disposed) this.send(next.body, next.settleTries);
    });
  }

  /** Whether heartbeats are waiting for the gate (what leaves the page meanwhile should not overtake them). */
  get waiting(): boolean {
    return this.holding !== undefined;
  }

  private send(body: HeartbeatRequest, settleTries: number): void {
    const sent = this.options.send(body).then(
      (result) => {
        if (this.disposed) return;
        this.options.onResult(result);
        this.settle(body, result, settleTries);
      },
      (error: unknown) => {
        const seconds = this.options.rateLimitedFor(error);
        if (seconds !== undefined) this.backOff(seconds, body);
      },
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  /**
   * Resolves once every heartbeat sent so far has its answer (or failed): what depends on the server's idea of
   * how far the learner watched (answering a question pinned where the video just paused) waits for it.
   */
  async answered(): Promise<void> {
    while (this.holding) await this.holding;
    await Promise.all([...this.inFlight]);
  }

  /**
   * The server credits no more than real time allows (x the fastest speed), so a claim that arrives a little
   * early (2x speed, a slow network) is capped, and the next heartbeat asks again. A pause, seek or the end of
   * the video has no next heartbeat while the player stands still: ask again with the same claim once real time
   * has refilled the credit, a few times at most. The server decides as always; nothing is claimed twice.
   */
  private settle(body: HeartbeatRequest, result: HeartbeatResponse, tries: number): void {
    if (!result.capped || result.completed || body.event === 'tick' || body.event === 'hide') return;
    if (body !== this.latest || tries >= MAX_SETTLE_TRIES) return;
    this.cancelSettle?.();
    this.cancelSettle = this.options.schedule(() => {
      this.cancelSettle = undefined;
      if (body === this.latest && !this.disposed) this.dispatch(body, tries + 1);
    }, SETTLE_DELAY_MS);
  }

  /** The page is going away: send now, without waiting for an answer (and without the back-off). */
  beacon(body: HeartbeatRequest | undefined): void {
    if (!body) return;
    this.pending = undefined;
    this.held = undefined;
    this.latest = body;
    this.cancelSettle?.();
    this.cancelSettle = undefined;
    this.options.beacon(body);
  }

  dispose(): void {
    this.disposed = true;
    this.held = undefined;
    this.cancelFlush?.();
    this.cancelSettle?.();
  }

  private backOff(seconds: number, body: HeartbeatRequest): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.options.now() + seconds * 1000);
    // Keep the newest claim: one that arrived while this request was in flight may be newer.
    this.pending ??= body;
    this.cancelFlush?.();
    this.cancelFlush = this.options.schedule(
      () => {
        this.cancelFlush = undefined;
        const next = this.pending;
        this.pending = undefined;
        if (next) this.dispatch(next, 0);
      },
      Math.max(0, this.blockedUntil - this.options.now()),
    );
  }
}
