import { isVideoQuestionReached, PIN_REACH_TOLERANCE_SECONDS } from './video-questions';

describe('a pinned question opens only once the server credited the video up to it', () => {
  it('watching from the start up to the pin reaches it', () => {
    expect(isVideoQuestionReached([[0, 30]], 30, 0.9)).toBe(true);
    expect(isVideoQuestionReached([[0, 29.2]], 30, 0.9)).toBe(true);
  });

  it('nothing watched: only a pin within the first second is open', () => {
    expect(isVideoQuestionReached([], 30, 0.9)).toBe(false);
    expect(isVideoQuestionReached([], PIN_REACH_TOLERANCE_SECONDS, 0.9)).toBe(true);
  });

  it('skipping to just before the pin does not reach it (the seconds before it were not watched)', () => {
    expect(isVideoQuestionReached([[27, 30]], 30, 0.9)).toBe(false);
  });

  it('watching after the pin does not count for it', () => {
    expect(isVideoQuestionReached([[40, 80]], 30, 0.9)).toBe(false);
  });

  it('small gaps within the lesson threshold are allowed, bigger ones are not', () => {
    // 90 % of [0, 30] is 27 s; with the 1 s tolerance, 26 s watched is enough
    expect(
      isVideoQuestionReached(
        [
          [0, 10],
          [14, 30],
        ],
        30,
        0.9,
      ),
    ).toBe(true);
    expect(
      isVideoQuestionReached(
        [
          [0, 10],
          [15, 30],
        ],
        30,
        0.9,
      ),
    ).toBe(false);
  });

  it('a stricter lesson threshold is stricter for its pins too', () => {
    expect(isVideoQuestionReached([[0, 27]], 30, 1)).toBe(false);
    expect(isVideoQuestionReached([[0, 29.5]], 30, 1)).toBe(true);
  });

  it('overlapping intervals count once', () => {
    expect(
      isVideoQuestionReached(
        [
          [0, 15],
          [0, 15],
          [5, 15],
        ],
        30,
        0.9,
      ),
    ).toBe(false);
  });
});
