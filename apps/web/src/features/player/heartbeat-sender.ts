import type { HeartbeatRequest, HeartbeatResponse } from '@hocvuso/contracts';

/** How long to stay quiet after a 429 that did not say (Retry-After). */
export const DEFAULT_BACKOFF_SECONDS = 30;

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

  constructor(private readonly options: HeartbeatSenderOptions) {}

  submit(body: HeartbeatRequest | undefined): void {
    if (!body || this.disposed) return;
    if (this.options.now() < this.blockedUntil) {
      this.pending = body;
      return;
    }
    this.options.send(body).then(
      (result) => {
        if (!this.disposed) this.options.onResult(result);
      },
      (error: unknown) => {
        const seconds = this.options.rateLimitedFor(error);
        if (seconds !== undefined) this.backOff(seconds, body);
      },
    );
  }

  /** The page is going away: send now, without waiting for an answer (and without the back-off). */
  beacon(body: HeartbeatRequest | undefined): void {
    if (!body) return;
    this.pending = undefined;
    this.options.beacon(body);
  }

  dispose(): void {
    this.disposed = true;
    this.cancelFlush?.();
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
        this.submit(next);
      },
      Math.max(0, this.blockedUntil - this.options.now()),
    );
  }
}
