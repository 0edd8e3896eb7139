import { describe, expect, it } from '@jest/globals';
import { secondsLeft } from './reading-clock';

describe('reading countdown', () => {
  it('counts whole seconds up, so the button never opens a moment too early', () => {
    expect(secondsLeft(0, 45, 0)).toBe(45);
    expect(secondsLeft(0, 45, 44_001)).toBe(1);
    expect(secondsLeft(0, 45, 45_000)).toBe(0);
  });

  it('counts the server’s remaining seconds from when they arrived', () => {
    expect(secondsLeft(10_000, 12, 10_000)).toBe(12);
    expect(secondsLeft(10_000, 12, 21_500)).toBe(1);
    expect(secondsLeft(10_000, 0, 10_000)).toBe(0);
  });

  it('never goes below zero once the time has passed', () => {
    expect(secondsLeft(0, 45, 600_000)).toBe(0);
  });
});
