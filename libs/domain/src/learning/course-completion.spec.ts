import { courseProgress, isCourseComplete } from './course-progress';
import { countWords, minimumReadingSeconds } from './reading-time';

const outline = (...states: Array<[string, boolean, boolean?]>) =>
  states.map(([key, completed, passed]) => ({ key, completed, passed }));

describe('courseProgress', () => {
  it('counts completed lessons, rounds down, and points at the first unfinished lesson in order', () => {
    const p = courseProgress(outline(['a', true], ['b', false], ['c', true]));
    expect(p).toEqual({ completedLessons: 2, totalLessons: 3, percent: 66, nextLessonKey: 'b' });
  });

  it('reaches 100 only when every lesson is complete', () => {
    expect(courseProgress(outline(['a', true], ['b', true])).percent).toBe(100);
    expect(courseProgress(outline(['a', true], ['b', true])).nextLessonKey).toBeUndefined();
  });

  it('is 0 for an empty outline', () => {
    expect(courseProgress([]).percent).toBe(0);
  });
});

describe('isCourseComplete', () => {
  it('with lessons "all", needs every lesson', () => {
    expect(isCourseComplete({ lessons: 'all', quizzes: [] }, outline(['a', true], ['b', false]))).toBe(false);
    expect(isCourseComplete({ lessons: 'all', quizzes: [] }, outline(['a', true], ['b', true]))).toBe(true);
  });

  it('with a list, ignores optional lessons', () => {
    expect(isCourseComplete({ lessons: ['a'], quizzes: [] }, outline(['a', true], ['b', false]))).toBe(true);
  });

  it('needs required quizzes passed, not just completed', () => {
    const rule = { lessons: 'all' as const, quizzes: ['q'] };
    expect(isCourseComplete(rule, outline(['a', true], ['q', true, false]))).toBe(false);
    expect(isCourseComplete(rule, outline(['a', true], ['q', true, true]))).toBe(true);
  });

  it('is never complete with an unknown lesson in the rule or an empty outline', () => {
    expect(isCourseComplete({ lessons: ['missing'], quizzes: [] }, outline(['a', true]))).toBe(false);
    expect(isCourseComplete({ lessons: 'all', quizzes: [] }, [])).toBe(false);
  });
});

describe('minimumReadingSeconds', () => {
  it('is about 40 % of reading time at 200 words a minute, clamped to 10..180 s', () => {
    expect(minimumReadingSeconds(400)).toBe(48);
    expect(minimumReadingSeconds(5)).toBe(10);
    expect(minimumReadingSeconds(100_000)).toBe(180);
  });

  it('honours an author override', () => {
    expect(minimumReadingSeconds(400, 0)).toBe(0);
    expect(minimumReadingSeconds(400, 30)).toBe(30);
  });

  it('counts Vietnamese syllables as words', () => {
    expect(countWords('Bình dân học vụ số, 2026!')).toBe(6);
  });
});
