import { describe, expect, it } from '@jest/globals';
import { clockTime, pinToStopAt, rewindFrom, type VideoPin } from './video-pins';

const pins: VideoPin[] = [
  { id: 'a', at: 27, answered: false },
  { id: 'b', at: 40, answered: true },
  { id: 'c', at: 64.2, answered: false },
];

describe('where the video pauses for a pinned question', () => {
  it('playing across an unanswered pin stops at it', () => {
    expect(pinToStopAt(pins, 26.8, 27.05, false)?.id).toBe('a');
    expect(pinToStopAt(pins, 26.5, 26.9, false)).toBeUndefined();
  });

  it('an answered pin never stops the video', () => {
    expect(pinToStopAt(pins, 39.9, 40.2, false)).toBeUndefined();
  });

  it('a seek forward past unanswered pins stops at the first one skipped, even past an answered one', () => {
    expect(pinToStopAt(pins, 10, 70, true)?.id).toBe('a');
    expect(pinToStopAt(pins, 30, 70, true)?.id).toBe('c');
  });

  it('a jump while "playing" is a seek and is left to the seek check; going back never stops', () => {
    expect(pinToStopAt(pins, 10, 70, false)).toBeUndefined();
    expect(pinToStopAt(pins, 70, 10, true)).toBeUndefined();
  });

  it('resuming exactly at a pin does not stop again until the playhead crosses it', () => {
    expect(pinToStopAt(pins, 27, 27.2, false)).toBeUndefined();
  });

  it('rewinds a little, never before the start, and shows m:ss', () => {
    expect(rewindFrom(27)).toBe(17);
    expect(rewindFrom(4)).toBe(0);
    expect(clockTime(64.2)).toBe('1:04');
    expect(clockTime(27)).toBe('0:27');
  });
});
