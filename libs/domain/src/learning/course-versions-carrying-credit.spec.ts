import { creditCarries, openLessonAfterMove, planVersionMove } from './course-versions';

describe('moving to a newer version: which credit carries', () => {
  it('a chain of minor changes carries; one major change on the way breaks it', () => {
    const carries = [
      { from: 'a1', to: 'a2' },
      { from: 'a2', to: 'a3' },
    ];
    expect(creditCarries('a1', 'a3', carries)).toBe(true);
    expect(creditCarries('a1', 'a1', [])).toBe(true);
    // a3 → a4 was major (no carry recorded)
    expect(creditCarries('a1', 'a4', carries)).toBe(false);
    // carries go forward only
    expect(creditCarries('a3', 'a1', carries)).toBe(false);
  });

  it('a cycle of reverts terminates', () => {
    const carries = [
      { from: 'a1', to: 'a2' },
      { from: 'a2', to: 'a1' },
    ];
    expect(creditCarries('a1', 'a9', carries)).toBe(false);
    expect(creditCarries('a2', 'a1', carries)).toBe(true);
  });

  it('sorts each lesson into same, carried (minor), reread (major), added and removed', () => {
    const from = [
      { lessonId: 'intro', revisionId: 'i1' },
      { lessonId: 'steps', revisionId: 's1' },
      { lessonId: 'quiz', revisionId: 'q1' },
      { lessonId: 'old', revisionId: 'o1' },
    ];
    const to = [
      { lessonId: 'intro', revisionId: 'i2' },
      { lessonId: 'new', revisionId: 'n1' },
      { lessonId: 'steps', revisionId: 's1' },
      { lessonId: 'quiz', revisionId: 'q2' },
    ];
    const plan = planVersionMove(from, to, [{ from: 'i1', to: 'i2' }]);
    expect(plan.same).toEqual([{ lessonId: 'steps', revisionId: 's1' }]);
    expect(plan.carried).toEqual([{ lessonId: 'intro', from: 'i1', to: 'i2' }]);
    expect(plan.reread).toEqual([{ lessonId: 'quiz', from: 'q1', to: 'q2' }]);
    expect(plan.added).toEqual([{ lessonId: 'new', revisionId: 'n1' }]);
    expect(plan.removed).toEqual([{ lessonId: 'old', revisionId: 'o1' }]);
  });

  it('the open lesson stays open only when its credit carries', () => {
    const plan = planVersionMove(
      [
        { lessonId: 'intro', revisionId: 'i1' },
        { lessonId: 'quiz', revisionId: 'q1' },
        { lessonId: 'steps', revisionId: 's1' },
        { lessonId: 'old', revisionId: 'o1' },
      ],
      [
        { lessonId: 'intro', revisionId: 'i2' },
        { lessonId: 'quiz', revisionId: 'q2' },
        { lessonId: 'steps', revisionId: 's1' },
      ],
      [{ from: 'i1', to: 'i2' }],
    );
    expect(openLessonAfterMove('i1', plan)).toBe('i2');
    expect(openLessonAfterMove('s1', plan)).toBe('s1');
    expect(openLessonAfterMove('q1', plan)).toBeNull();
    expect(openLessonAfterMove('o1', plan)).toBeNull();
    expect(openLessonAfterMove(null, plan)).toBeNull();
  });

  it('moving to the same version changes nothing', () => {
    const lessons = [{ lessonId: 'intro', revisionId: 'i1' }];
    const plan = planVersionMove(lessons, lessons, []);
    expect(plan).toEqual({ same: lessons, carried: [], reread: [], added: [], removed: [] });
  });
});
