import type { HeartbeatRequest } from '@hocvuso/contracts';
import {
  HEARTBEAT_INTERVAL_SECONDS,
  type Interval,
  intervalsMeasure,
  MAX_CLAIMED_INTERVALS,
  normalizeIntervals,
} from '@hocvuso/domain';

export type HeartbeatEvent = HeartbeatRequest['event'];

/**
 * The longest step between two `timeupdate` positions still counted as playing, per 1× of playback speed.
 * Browsers report the playhead every 15–250 ms; anything longer is a jump (a seek the browser did not
 * announce, a stall), and a jump is never counted as watched.
 */
export const MAX_STEP_SECONDS = 1.5;

/** Positions and intervals are sent with millisecond precision. */
const round = (seconds: number) => Math.round(seconds * 1000) / 1000;

export interface WatchTrackerOptions {
  /** The video's length; intervals and positions never go past it. */
  durationSeconds: number;
  /** Real seconds between two `tick` heartbeats while playing. */
  tickSeconds?: number;
  /** The most intervals one heartbeat may claim. */
  maxIntervals?: number;
}

/**
 * What a learner really played of a video in this page session, built from the media element's events:
 * a segment opens at `play` (or at `seeked` while playing), grows while `timeupdate` advances by small
 * steps, and closes at `pause`, `seeking` and `ended`. Seek jumps are never counted. It also decides when a
 * heartbeat is due and builds its body: the cumulative, merged intervals of the session, the playhead, the
 * reason and the speed. No I/O and no clock of its own: callers pass `now` (milliseconds).
 */
export class WatchTracker {
  private readonly duration: number;
  private readonly tickMs: number;
  private readonly maxIntervals: number;
  /** Closed segments, merged. */
  private played: Interval[] = [];
  /** The segment being played: from `start` to the last position reached by a small step. */
  private segment: { start: number; end: number } | null = null;
  private playing = false;
  private position = 0;
  private rate = 1;
  /** When the tick clock last (re)started: at play, and at every heartbeat built. */
  private tickFrom: number | null = null;
  /** What the last heartbeat claimed, to skip a page-hide heartbeat that would say nothing new. */
  private lastSent = '';

  constructor(options: WatchTrackerOptions) {
    this.duration = options.durationSeconds;
    this.tickMs = (options.tickSeconds ?? HEARTBEAT_INTERVAL_SECONDS) * 1000;
    this.maxIntervals = options.maxIntervals ?? MAX_CLAIMED_INTERVALS;
  }

  get isPlaying(): boolean {
    return this.playing;
  }

  /** `play`: playback starts (or resumes) at `position`. */
  play(position: number, now: number): void {
    this.setPosition(position);
    if (!this.playing) this.tickFrom = now;
    this.playing = true;
    this.openSegment(this.position);
  }

  /** `timeupdate`: the playhead moved to `position` at speed `rate`. */
  timeUpdate(position: number, rate: number): void {
    if (rate > 0 && Number.isFinite(rate)) this.rate = rate;
    if (!this.playing) {
      this.setPosition(position);
      return;
    }
    this.advance(position);
  }

  /** `seeking`: the playhead jumps; what was played so far ends where the last small step reached. */
  seeking(position: number): void {
    this.closeSegment();
    this.setPosition(position);
  }

  /**
   * `seeked`: the jump is done. Playing continues from the new position (a new segment); a heartbeat
   * tells the server the new playhead, once something was played in this session.
   */
  seeked(position: number, now: number): HeartbeatRequest | undefined {
    this.setPosition(position);
    if (this.playing) this.openSegment(this.position);
    return this.played.length > 0 || this.segment ? this.heartbeat('seek', now) : undefined;
  }

  /** `pause`: the segment ends at `position` (if it was reached by a small step). */
  pause(position: number, now: number): HeartbeatRequest {
    if (this.playing) this.advance(position);
    this.closeSegment();
    this.playing = false;
    return this.heartbeat('pause', now);
  }

  /** `ended`: like pause, at the end of the video. */
  ended(position: number, now: number): HeartbeatRequest {
    if (this.playing) this.advance(position);
    this.closeSegment();
    this.playing = false;
    return this.heartbeat('ended', now);
  }

  /** The page is being hidden or left: a last heartbeat, unless nothing changed since the previous one. */
  hide(now: number): HeartbeatRequest | undefined {
    const body = this.body('hide');
    if (this.played.length === 0 && !this.segment) return undefined;
    if (this.key(body) === this.lastSent) return undefined;
    return this.heartbeat('hide', now);
  }

  /** A `tick` heartbeat when one interval of real time has passed while playing; otherwise nothing. */
  tick(now: number): HeartbeatRequest | undefined {
    if (!this.playing || this.tickFrom === null || now - this.tickFrom < this.tickMs) return undefined;
    return this.heartbeat('tick', now);
  }

  /**
   * Everything played in this session, merged, including the open segment; clipped to the video and at
   * most `maxIntervals` long (the longest are kept: the server already has the shorter ones from earlier
   * heartbeats, since each claim is cumulative).
   */
  intervals(): Interval[] {
    const all = normalizeIntervals(
      [...this.played, ...(this.segment ? [[this.segment.start, this.segment.end] as const] : [])].map(
        ([start, end]): Interval => [round(Math.max(0, start)), round(Math.min(this.duration, end))],
      ),
    );
    if (all.length <= this.maxIntervals) return all;
    return [...all]
      .sort((a, b) => b[1] - b[0] - (a[1] - a[0]))
      .slice(0, this.maxIntervals)
      .sort((a, b) => a[0] - b[0]);
  }

  /** Seconds played in this session, counting replays once. */
  playedSeconds(): number {
    return intervalsMeasure(this.intervals());
  }

  private heartbeat(event: HeartbeatEvent, now: number): HeartbeatRequest {
    const body = this.body(event);
    this.lastSent = this.key(body);
    this.tickFrom = now;
    return body;
  }

  private body(event: HeartbeatEvent): HeartbeatRequest {
    return {
      intervals: this.intervals().map(([s, e]) => [s, e]),
      position: round(this.position),
      event,
      playbackRate: this.rate,
    };
  }

  private key(body: HeartbeatRequest): string {
    return JSON.stringify([body.intervals, body.position]);
  }

  private setPosition(position: number): void {
    if (Number.isFinite(position)) this.position = Math.min(this.duration, Math.max(0, position));
  }

  private advance(position: number): void {
    if (!Number.isFinite(position)) return;
    if (!this.segment) {
      this.setPosition(position);
      this.openSegment(this.position);
      return;
    }
    const step = position - this.segment.end;
    if (step > 0 && step <= MAX_STEP_SECONDS * this.rate) {
      this.segment.end = position;
    } else if (step !== 0) {
      // A jump backwards or too far forwards: not watched. Continue counting from where it landed.
      this.closeSegment();
      this.openSegment(Math.min(this.duration, Math.max(0, position)));
    }
    this.setPosition(position);
  }

  private openSegment(position: number): void {
    this.closeSegment();
    this.segment = { start: position, end: position };
  }

  private closeSegment(): void {
    if (this.segment && this.segment.end > this.segment.start) {
      this.played = normalizeIntervals([...this.played, [this.segment.start, this.segment.end]]);
    }
    this.segment = null;
  }
}
