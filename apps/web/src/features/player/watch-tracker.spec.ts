import { describe, expect, it } from '@jest/globals';
import { WatchTracker } from './watch-tracker';

/** Plays from the current segment's end to `to` in steps of `step` seconds of video, as timeupdate would. */
function playTo(tracker: WatchTracker, from: number, to: number, rate = 1, step = 0.25 * rate): void {
  for (let t = from + step; t < to; t += step) tracker.timeUpdate(t, rate);
  tracker.timeUpdate(to, rate);
}

const newTracker = (durationSeconds = 80) => new WatchTracker({ durationSeconds });

describe('WatchTracker: segments', () => {
  it('counts what was played between play and pause, and says why it reports', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 10);
    const body = tracker.pause(10, 10_000);
    expect(body).toEqual({ intervals: [[0, 10]], position: 10, event: 'pause', playbackRate: 1 });
  });

  it('does not count a seek jump: the segment before it ends where the playhead was', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 5);
    tracker.seeking(50);
    tracker.timeUpdate(50, 1); // browsers report the new position while seeking
    const seek = tracker.seeked(50, 5_000);
    expect(seek?.event).toBe('seek');
    expect(seek?.intervals).toEqual([[0, 5]]);
    expect(seek?.position).toBe(50);
    playTo(tracker, 50, 55);
    expect(tracker.pause(55, 10_000).intervals).toEqual([
      [0, 5],
      [50, 55],
    ]);
  });

  it('does not count a jump the browser did not announce as a seek', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 5);
    tracker.timeUpdate(40, 1);
    playTo(tracker, 40, 42);
    expect(tracker.pause(42, 9_000).intervals).toEqual([
      [0, 5],
      [40, 42],
    ]);
  });

  it('does not count going backwards, and merges the replayed part once', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 10);
    tracker.timeUpdate(4, 1); // e.g. a keyboard "back 5 s" without seeking events
    playTo(tracker, 4, 12);
    expect(tracker.pause(12, 20_000).intervals).toEqual([[0, 12]]);
    expect(tracker.playedSeconds()).toBe(12);
  });

  it('allows bigger steps at a faster speed (1.5 s × rate), and nothing more', () => {
    const fast = newTracker();
    fast.play(0, 0);
    playTo(fast, 0, 12, 2, 2.9);
    expect(fast.pause(12, 7_000)).toMatchObject({ intervals: [[0, 12]], playbackRate: 2 });

    const normal = newTracker();
    normal.play(0, 0);
    normal.timeUpdate(1, 1);
    normal.timeUpdate(3, 1); // 2 s in one step at 1×: a jump
    normal.timeUpdate(4, 1);
    expect(normal.pause(4, 5_000).intervals).toEqual([
      [0, 1],
      [3, 4],
    ]);
  });

  it('counts nothing while paused, even when the playhead moves', () => {
    const tracker = newTracker();
    tracker.timeUpdate(3, 1);
    tracker.timeUpdate(3.2, 1);
    expect(tracker.intervals()).toEqual([]);
    expect(tracker.hide(1_000)).toBeUndefined();
  });
});

describe('WatchTracker: cumulative claims', () => {
  it('sends the union of everything played in the session with every heartbeat', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 10);
    expect(tracker.pause(10, 10_000).intervals).toEqual([[0, 10]]);

    tracker.seeking(30);
    tracker.seeked(30, 11_000);
    tracker.play(30, 12_000);
    playTo(tracker, 30, 35);
    expect(tracker.pause(35, 17_000).intervals).toEqual([
      [0, 10],
      [30, 35],
    ]);

    tracker.seeking(8);
    tracker.seeked(8, 18_000);
    tracker.play(8, 18_000);
    playTo(tracker, 8, 31);
    expect(tracker.pause(31, 41_000).intervals).toEqual([[0, 35]]);
  });

  it('includes the segment still playing', () => {
    const tracker = newTracker();
    tracker.play(20, 0);
    playTo(tracker, 20, 26);
    expect(tracker.intervals()).toEqual([[20, 26]]);
  });

  it('ends at the end of the video, never past it', () => {
    const tracker = newTracker(80.6);
    tracker.play(70, 0);
    playTo(tracker, 70, 80.6);
    tracker.timeUpdate(80.65, 1);
    const body = tracker.ended(80.65, 11_000);
    expect(body.event).toBe('ended');
    expect(body.intervals).toEqual([[70, 80.6]]);
    expect(body.position).toBe(80.6);
    expect(tracker.isPlaying).toBe(false);
  });

  it('keeps the longest intervals when there are more than a heartbeat may carry', () => {
    const tracker = new WatchTracker({ durationSeconds: 100, maxIntervals: 2 });
    const plays: Array<[number, number]> = [
      [0, 1],
      [10, 15],
      [20, 22],
      [30, 40],
    ];
    for (const [from, to] of plays) {
      tracker.seeking(from);
      tracker.seeked(from, 0);
      tracker.play(from, 0);
      playTo(tracker, from, to);
      tracker.pause(to, 0);
    }
    expect(tracker.intervals()).toEqual([
      [10, 15],
      [30, 40],
    ]);
  });
});

describe('WatchTracker: when to report', () => {
  it('reports a tick every 10 s of real time while playing (the interval the server credits), not while paused', () => {
    const tracker = newTracker();
    tracker.play(0, 1_000);
    playTo(tracker, 0, 10);
    expect(tracker.tick(10_999)).toBeUndefined();
    const tick = tracker.tick(11_000);
    expect(tick).toMatchObject({ event: 'tick', intervals: [[0, 10]] });
    expect(tracker.tick(15_000)).toBeUndefined(); // the clock restarts at each heartbeat

    tracker.pause(10, 16_000);
    expect(tracker.tick(60_000)).toBeUndefined();
    tracker.play(10, 60_000); // resuming restarts the clock
    expect(tracker.tick(65_000)).toBeUndefined();
    expect(tracker.tick(70_000)?.event).toBe('tick');
  });

  it('does not report the resume seek of a fresh page (nothing played yet)', () => {
    const tracker = newTracker();
    tracker.seeking(42);
    expect(tracker.seeked(42, 0)).toBeUndefined();
  });

  it('reports on page hide only when something changed since the last heartbeat', () => {
    const tracker = newTracker();
    tracker.play(0, 0);
    playTo(tracker, 0, 6);
    expect(tracker.hide(6_000)).toMatchObject({ event: 'hide', intervals: [[0, 6]], position: 6 });
    expect(tracker.hide(6_100)).toBeUndefined(); // visibilitychange, then pagehide
    tracker.pause(6, 7_000);
    expect(tracker.hide(7_100)).toBeUndefined();
  });
});
