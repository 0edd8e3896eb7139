import { openLessonSwitch, readingSecondsEarned, readingSecondsRemaining } from './reading-time';

describe('the reading clock: one open lesson per course', () => {
  it('counts banked seconds, plus the running stint only for the open lesson', () => {
    expect(readingSecondsEarned({ bankedSeconds: 30, isOpenLesson: true, openForSeconds: 20 })).toBe(50);
    expect(readingSecondsEarned({ bankedSeconds: 30, isOpenLesson: false, openForSeconds: 20 })).toBe(30);
  });

  it('never counts negative or NaN time', () => {
    expect(readingSecondsEarned({ bankedSeconds: -5, isOpenLesson: true, openForSeconds: -9 })).toBe(0);
    expect(readingSecondsEarned({ bankedSeconds: NaN, isOpenLesson: true, openForSeconds: NaN })).toBe(0);
  });

  it('says how many whole seconds are left, at least 1 while any time is missing', () => {
    expect(readingSecondsRemaining(60, { bankedSeconds: 0, isOpenLesson: true, openForSeconds: 0 })).toBe(60);
    expect(readingSecondsRemaining(60, { bankedSeconds: 59.5, isOpenLesson: false, openForSeconds: 0 })).toBe(
      1,
    );
    expect(readingSecondsRemaining(60, { bankedSeconds: 20, isOpenLesson: true, openForSeconds: 40 })).toBe(
      0,
    );
  });

  it('four lessons opened at once: only the last one opened earns the wait', () => {
    // Opened A, B, C, D within a second, then 54 s passed with D open.
    let current: { lessonId: string | null; openForSeconds: number } = { lessonId: null, openForSeconds: 0 };
    const banked: Record<string, number> = { A: 0, B: 0, C: 0, D: 0 };
    for (const lesson of ['A', 'B', 'C', 'D']) {
      const change = openLessonSwitch({ ...current, openForSeconds: 0.2 }, lesson);
      if (change.bank) banked[change.bank.lessonId]! += change.bank.seconds;
      current = { lessonId: lesson, openForSeconds: 0 };
    }
    const earned = (k: string) =>
      readingSecondsEarned({
        bankedSeconds: banked[k]!,
        isOpenLesson: current.lessonId === k,
        openForSeconds: 54,
      });
    expect(earned('D')).toBe(54);
    for (const k of ['A', 'B', 'C']) expect(earned(k)).toBeCloseTo(0.2, 9);
  });

  it('re-opening the open lesson keeps its stint running; opening another banks it', () => {
    expect(openLessonSwitch({ lessonId: 'A', openForSeconds: 40 }, 'A')).toEqual({ restart: false });
    expect(openLessonSwitch({ lessonId: null, openForSeconds: 0 }, 'A')).toEqual({ restart: true });
    expect(openLessonSwitch({ lessonId: 'A', openForSeconds: 40 }, 'B')).toEqual({
      bank: { lessonId: 'A', seconds: 40 },
      restart: true,
    });
    expect(openLessonSwitch({ lessonId: 'A', openForSeconds: -3 }, 'B').bank?.seconds).toBe(0);
  });
});
