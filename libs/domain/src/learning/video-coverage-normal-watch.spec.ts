import {
  creditHeartbeat,
  HEARTBEAT_INTERVAL_SECONDS,
  type Interval,
  isVideoComplete,
  videoCoverage,
  WATCH_GRACE_SECONDS,
} from './video-coverage';

/** One heartbeat as the server sees it: when it arrived (real seconds since opening) and what it claims. */
interface Beat {
  at: number;
  claimed: Interval[];
}

/**
 * The player sends a heartbeat every 10 s of real time while playing, and one more when the video ends,
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

/**
 * What the server does on each heartbeat: the bucket (the grace at opening) refilled for the real time since
 * the previous one, then the credit taken from it.
 */
function serve(beats: Beat[]): { merged: Interval[]; creditedPerBeat: number[] } {
  let merged: Interval[] = [];
  let tokens = WATCH_GRACE_SECONDS;
  let previousAt = 0;
  const creditedPerBeat: number[] = [];
  for (const beat of beats) {
    const result = creditHeartbeat(
      { watched: merged, tokens, elapsedSeconds: beat.at - previousAt },
      beat.claimed,
    );
    merged = result.merged;
    tokens = result.tokensLeft;
    creditedPerBeat.push(result.creditedSeconds);
    previousAt = beat.at;
  }
  return { merged, creditedPerBeat };
}

describe('video coverage: a normal watch of a 120 s video', () => {
  const duration = 120;

  it('at 1x, every heartbeat credits the 10 s just watched and the video completes in its duration', () => {
    const beats = playThrough(duration, 1);
    expect(beats.map((b) => b.at)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
    const { merged, creditedPerBeat } = serve(beats);
    expect(creditedPerBeat).toEqual(Array(12).fill(10));
    expect(merged).toEqual([[0, 120]]);
    expect(videoCoverage(merged, duration)).toBe(1);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at 1x, the video is not complete before 90 % has been watched', () => {
    const { merged } = serve(playThrough(duration, 1).slice(0, 10)); // up to 100 s
    expect(videoCoverage(merged, duration)).toBeCloseTo(100 / 120, 10);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('at 2x (the fastest speed the player offers), the video also completes', () => {
    const beats = playThrough(duration, 2);
    expect(beats.map((b) => b.at)).toEqual([10, 20, 30, 40, 50, 60]);
    const { merged, creditedPerBeat } = serve(beats);
    expect(creditedPerBeat).toEqual([20, 20, 20, 20, 20, 20]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at a claimed 3x, the bucket caps the credit and the video does not complete', () => {
    const beats = playThrough(duration, 3);
    expect(beats.map((b) => b.at)).toEqual([10, 20, 30, 40]);
    const { merged, creditedPerBeat } = serve(beats);
    // The grace and 10 s × 2, then 10 s × 2 per beat.
    expect(creditedPerBeat).toEqual([22, 20, 20, 20]);
    expect(merged).toEqual([[0, 82]]);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('at a claimed 3x, the seconds withheld are credited later only as real time passes', () => {
    const full: Interval[] = [[0, duration]];
    const beats = [...playThrough(duration, 3), { at: 50, claimed: full }];
    expect(serve(beats).merged).toEqual([[0, 102]]);
    const { merged } = serve([...beats, { at: 60, claimed: full }]);
    expect(merged).toEqual([[0, 120]]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('at 2x with heartbeats arriving late and early, the video still completes', () => {
    const jittered = playThrough(duration, 2).map((b, i) => ({ ...b, at: b.at + (i % 2 === 0 ? 1.5 : -1) }));
    jittered[jittered.length - 1] = { at: 60, claimed: [[0, duration]] };
    expect(jittered.map((b) => b.at)).toEqual([11.5, 19, 31.5, 39, 51.5, 60]);
    const { merged } = serve(jittered);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('a pause of a minute in the middle changes nothing', () => {
    const beats: Beat[] = [
      { at: 10, claimed: [[0, 10]] },
      { at: 20, claimed: [[0, 20]] },
      { at: 25, claimed: [[0, 25]] }, // paused at 25 s for a minute
      ...Array.from({ length: 9 }, (_, i) => ({
        at: 95 + i * 10,
        claimed: [[0, 35 + i * 10]] as Interval[],
      })),
      { at: 180, claimed: [[0, 120]] },
    ];
    const { merged } = serve(beats);
    expect(merged).toEqual([[0, 120]]);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });

  it('a video whose length is not a multiple of 10 s completes on the final heartbeat', () => {
    const beats = playThrough(95, 1);
    expect(beats.map((b) => b.at)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 95]);
    const { merged } = serve(beats);
    expect(isVideoComplete(merged, 95)).toBe(true);
  });

  it('a video shorter than one heartbeat interval completes on the ended heartbeat', () => {
    const { merged } = serve(playThrough(8, 1));
    expect(merged).toEqual([[0, 8]]);
    expect(isVideoComplete(merged, 8)).toBe(true);
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
