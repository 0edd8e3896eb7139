import {
  creditWatch,
  HEARTBEAT_INTERVAL_SECONDS,
  type Interval,
  isVideoComplete,
  videoCoverage,
  watchBudgetSeconds,
} from './video-coverage';

/** One heartbeat as the server sees it: when it arrived (real seconds since opening) and what it claims. */
interface Beat {
  at: number;
  claimed: Interval[];
}

/**
 * The player sends a heartbeat every 15 s of real time while playing, and one more when the video ends,
 * each carrying the cumulative interval watched so far (from 0 to the current position).
 */
function playThrough(durationSeconds: number, speed: number): Beat[] {
  const realEnd = durationSeconds / speed;
  const beats: Beat[] = [];
  for (let at = HEARTBEAT_INTERVAL_SECONDS; at < realEnd; at += HEARTBEAT_INTERVAL_SECONDS) {
    beats.push({ at, claimed: [[0, at * speed]] });
  }
  beats.push({ at: realEnd, claimed: [[0, durationSeconds]] });
  return beats;
}

/** What the server does on each heartbeat: budget from the real time since the previous one, then credit. */
function serve(beats: Beat[]): { merged: Interval[]; creditedPerBeat: number[] } {
  let merged: Interval[] = [];
  let previousAt = 0;
  const creditedPerBeat: number[] = [];
  for (const beat of beats) {
    const result = creditWatch(merged, beat.claimed, watchBudgetSeconds(beat.at - previousAt));
    merged = result.merged;
    creditedPerBeat.push(result.creditedSeconds);
    previousAt = beat.at;
  }
  return { merged, creditedPerBeat };
}

describe('video coverage: a normal watch of a 120 s video', () => {
  const duration = 120;

  it('at 1x, every heartbeat credits the 15 s just watched and the video completes', () => {
    const beats = playThrough(duration, 1);
    expect(beats.map((b) => b.at)).toEqual([15, 30, 45, 60, 75, 90, 105, 120]);
    const { merged, creditedPerBeat } = serve(beats);
    expect(creditedPerBeat).toEqual([15, 15, 15, 15, 15, 15, 15, 15]);
    expect(merged).toEqual([[0, 120]]);
    expect(videoCoverage(merged, duration)).toBe(1);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at 1x, the video is not complete before 90 % has been watched', () => {
    const { merged } = serve(playThrough(duration, 1).slice(0, 7)); // up to 105 s
    expect(videoCoverage(merged, duration)).toBe(0.875);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('at 2x (the fastest speed the player offers), the video also completes', () => {
    const beats = playThrough(duration, 2);
    expect(beats.map((b) => b.at)).toEqual([15, 30, 45, 60]);
    const { merged, creditedPerBeat } = serve(beats);
    expect(creditedPerBeat).toEqual([30, 30, 30, 30]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at a claimed 3x, the budget caps the credit and the video does not complete', () => {
    const beats = playThrough(duration, 3);
    expect(beats.map((b) => b.at)).toEqual([15, 30, 40]);
    const { merged, creditedPerBeat } = serve(beats);
    // 15 × 2 + 2, 15 × 2 + 2, 10 × 2 + 2
    expect(creditedPerBeat).toEqual([32, 32, 22]);
    expect(merged).toEqual([[0, 86]]);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('at a claimed 3x, the seconds withheld are credited later only as real time passes', () => {
    const beats = [...playThrough(duration, 3), { at: 55, claimed: [[0, duration]] as Interval[] }];
    const { merged } = serve(beats);
    expect(merged).toEqual([[0, 118]]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at 2x with heartbeats arriving late and early, the video still completes', () => {
    const jittered = playThrough(duration, 2).map((b, i) => ({ ...b, at: b.at + (i % 2 === 0 ? 1.5 : -1) }));
    jittered[jittered.length - 1] = { at: 60, claimed: [[0, duration]] };
    expect(jittered.map((b) => b.at)).toEqual([16.5, 29, 46.5, 60]);
    const { merged } = serve(jittered);
    // The early beat at 29 s has 12.5 × 2 + 2 = 27 s for 30 fresh seconds; later beats catch up but unused
    // budget does not carry over, so one second is still missing at the end: well above 90 %.
    expect(merged).toEqual([[0, 119]]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('a pause of a minute in the middle changes nothing', () => {
    const beats: Beat[] = [
      { at: 15, claimed: [[0, 15]] },
      { at: 30, claimed: [[0, 30]] },
      { at: 95, claimed: [[0, 35]] }, // paused at 35 s for a minute, then the next beat
      { at: 110, claimed: [[0, 50]] },
      { at: 180, claimed: [[0, 120]] },
    ];
    const { merged } = serve(beats);
    expect(merged).toEqual([[0, 120]]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('a video whose length is not a multiple of 15 s completes on the final heartbeat', () => {
    const beats = playThrough(100, 1);
    expect(beats.map((b) => b.at)).toEqual([15, 30, 45, 60, 75, 90, 100]);
    const { merged } = serve(beats);
    expect(isVideoComplete(merged, 100)).toBe(true);
  });

  it('a video shorter than one heartbeat interval completes on the ended heartbeat', () => {
    const { merged } = serve(playThrough(10, 1));
    expect(merged).toEqual([[0, 10]]);
    expect(isVideoComplete(merged, 10)).toBe(true);
  });
});

describe('isVideoComplete', () => {
  it('uses 90 % by default', () => {
    expect(isVideoComplete([[0, 89]], 100)).toBe(false);
    expect(isVideoComplete([[0, 90]], 100)).toBe(true);
  });

  it('honours a lesson threshold', () => {
    expect(isVideoComplete([[0, 50]], 100, 0.5)).toBe(true);
    expect(isVideoComplete([[0, 99]], 100, 1)).toBe(false);
    expect(isVideoComplete([[0, 100]], 100, 1)).toBe(true);
  });

  it('tolerates float error just below the threshold', () => {
    // 0.1 + 0.2 style error: coverage lands a hair below 0.9.
    expect(isVideoComplete([[0, 0.9 - 1e-12]], 1)).toBe(true);
    expect(isVideoComplete([[0, 0.9 - 1e-6]], 1)).toBe(false);
  });

  it('is never complete for a video without a positive duration', () => {
    expect(isVideoComplete([[0, 10]], 0, 0)).toBe(false);
    expect(isVideoComplete([[0, 10]], -1)).toBe(false);
  });
});
