import {
  isVideoLessonComplete,
  requiredAnswerCount,
  videoQuestionsProgress,
  videoQuestionsSatisfied,
} from './video-questions';

describe('a video lesson completes on coverage AND the required share of its questions answered', () => {
  it('needs every question answered by default', () => {
    expect(requiredAnswerCount(3)).toBe(3);
    const two = videoQuestionsProgress(['a', 'b', 'c'], ['a', 'c']);
    expect(two).toEqual({ total: 3, answered: 2, required: 3 });
    expect(isVideoLessonComplete(true, two)).toBe(false);
    expect(isVideoLessonComplete(true, videoQuestionsProgress(['a', 'b', 'c'], ['a', 'b', 'c']))).toBe(true);
  });

  it('never completes without the coverage, however many questions were answered', () => {
    expect(isVideoLessonComplete(false, videoQuestionsProgress(['a'], ['a']))).toBe(false);
  });

  it('a share rounds up: 2 of 3 at 0.5, 0 at share 0, all at 1', () => {
    expect(requiredAnswerCount(3, 0.5)).toBe(2);
    expect(requiredAnswerCount(3, 2 / 3)).toBe(2);
    expect(requiredAnswerCount(3, 0)).toBe(0);
    expect(requiredAnswerCount(4, 0.75)).toBe(3);
    expect(requiredAnswerCount(3, 1)).toBe(3);
  });

  it('out-of-range or NaN shares are held to 0..1 (NaN means all)', () => {
    expect(requiredAnswerCount(3, 7)).toBe(3);
    expect(requiredAnswerCount(3, -1)).toBe(0);
    expect(requiredAnswerCount(3, Number.NaN)).toBe(3);
  });

  it('a video without questions needs only its coverage', () => {
    const none = videoQuestionsProgress([], []);
    expect(none).toEqual({ total: 0, answered: 0, required: 0 });
    expect(videoQuestionsSatisfied(none)).toBe(true);
    expect(isVideoLessonComplete(true, none)).toBe(true);
  });

  it('answers to questions the lesson no longer has, and repeats, do not count', () => {
    expect(videoQuestionsProgress(['a', 'b'], ['a', 'a', 'gone', 'older'])).toEqual({
      total: 2,
      answered: 1,
      required: 2,
    });
  });
});
