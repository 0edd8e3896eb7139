import { creditWatch, type Interval, isVideoComplete, videoCoverage } from './video-coverage';

// A learner (or a script) opens a 120 s video and jumps straight to the end, hoping the "ended" event is
// enough. Only the seconds actually played are credited, so the lesson never completes.
const duration = 120;

describe('video coverage: seeking to the end', () => {
  it('a claim of only the last seconds never completes the video', () => {
    const { merged } = creditWatch([], [[110, 120]], 32);
    expect(merged).toEqual([[110, 120]]);
    expect(videoCoverage(merged, duration)).toBeCloseTo(10 / 120, 10);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('repeating the same end-of-video claim for a long time still never completes', () => {
    let merged: Interval[] = [];
    for (let beat = 0; beat < 50; beat++) {
      merged = creditWatch(merged, [[110, 120]], 32).merged;
    }
    expect(merged).toEqual([[110, 120]]);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('watching the start, skipping the middle and the end does not reach 90 %', () => {
    let merged: Interval[] = creditWatch([], [[0, 60]], 122).merged;
    merged = creditWatch(
      merged,
      [
        [0, 60],
        [100, 120],
      ],
      42,
    ).merged;
    expect(videoCoverage(merged, duration)).toBeCloseTo(80 / 120, 10);
    expect(isVideoComplete(merged, duration)).toBe(false);
  });

  it('a short skip that still leaves 90 % watched completes', () => {
    const merged: Interval[] = creditWatch(
      [],
      [
        [0, 50],
        [62, 120],
      ],
      242,
    ).merged;
    expect(videoCoverage(merged, duration)).toBe(0.9);
    expect(isVideoComplete(merged, duration)).toBe(true);
  });
});
