import { learningPath, nextOnPath, type PathCourseInput, placementRetakeAt } from './placement-path';

const FW = 'tt02-2025';
const ORDER = ['1.2', '1.3', '2.3', '4.1', '4.2', '6.1'];
const course = (
  id: string,
  competencies: Array<[string, number | null, string?]>,
  state: Partial<Pick<PathCourseInput, 'completed' | 'enrolled'>> = {},
): PathCourseInput => ({
  id,
  competencies: competencies.map(([code, level, framework]) => ({ framework: framework ?? FW, code, level })),
  completed: state.completed ?? false,
  enrolled: state.enrolled ?? false,
});
const path = (mastered: string[], courses: PathCourseInput[]) =>
  learningPath({ framework: FW, competencyOrder: ORDER, mastered, courses });

describe('learningPath: the group courses that teach something not yet mastered', () => {
  it('skips a course whose framework competencies are all mastered', () => {
    const p = path(
      [`${FW}:1.2`, `${FW}:4.2`],
      [
        course('scams', [
          ['1.2', 1],
          ['4.2', 1],
        ]),
        course('public', [
          ['2.3', 1],
          ['4.2', 1],
        ]),
      ],
    );
    expect(p.map((e) => e.courseId)).toEqual(['public']);
    expect(p[0]!.toLearn).toEqual([`${FW}:2.3`]);
  });

  it('skips completed courses even when they teach competencies not mastered', () => {
    const p = path([], [course('done', [['1.2', 1]], { completed: true }), course('open', [['4.1', 1]])]);
    expect(p.map((e) => e.courseId)).toEqual(['open']);
  });

  it('orders by level, then by the first competency to learn in framework order, then by id', () => {
    const p = path(
      [`${FW}:1.2`],
      [
        course('ai', [['6.1', 2]]),
        course('zeta', [['4.1', 1]]),
        course('office', [['1.3', 3]]),
        course('alpha', [['4.1', 1]]),
        // 1.2 is mastered, so its first competency to learn is 2.3: after 1.3, before 4.1
        course('mixed', [
          ['1.2', 1],
          ['2.3', 1],
        ]),
      ],
    );
    expect(p.map((e) => e.courseId)).toEqual(['mixed', 'alpha', 'zeta', 'ai', 'office']);
    expect(p.map((e) => e.level)).toEqual([1, 1, 1, 2, 3]);
  });

  it('a course level is its lowest level in the framework; a missing level counts as 1', () => {
    const p = path(
      [],
      [
        course('b', [['4.2', 2]]),
        course('a', [
          ['4.2', 3],
          ['6.1', null],
        ]),
      ],
    );
    expect(p.map((e) => [e.courseId, e.level])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('only the group framework counts: other frameworks neither add nor block a course', () => {
    const p = path(
      [`${FW}:4.2`],
      [
        course('digcomp-only', [['4.2', 1, 'digcomp-2.2']]),
        course('both', [
          ['4.2', 1],
          ['4.2', 1, 'digcomp-2.2'],
        ]),
      ],
    );
    expect(p).toEqual([]);
  });

  it('an unknown competency code sorts after known ones', () => {
    const p = path([], [course('unknown', [['9.9', 1]]), course('known', [['6.1', 1]])]);
    expect(p.map((e) => e.courseId)).toEqual(['known', 'unknown']);
  });

  it('carries whether the learner is already enrolled', () => {
    const p = path([], [course('a', [['1.2', 1]], { enrolled: true })]);
    expect(p[0]!.enrolled).toBe(true);
  });

  it('everything mastered or no courses: an empty path and no next course', () => {
    expect(path([`${FW}:1.2`], [course('a', [['1.2', 1]])])).toEqual([]);
    expect(path([], [])).toEqual([]);
    expect(nextOnPath([])).toBeNull();
  });

  it('next is the first course of the path', () => {
    const p = path([], [course('b', [['4.1', 1]]), course('a', [['1.2', 1]])]);
    expect(nextOnPath(p)?.courseId).toBe('a');
  });
});

describe('placementRetakeAt', () => {
  it('opens 24 hours after the submission', () => {
    expect(placementRetakeAt(new Date('2026-01-01T10:00:00Z')).toISOString()).toBe(
      '2026-01-02T10:00:00.000Z',
    );
  });
});
