import type { CompetencyMapping } from '../coverage/universalisation';
import { learningPath, pathEquivalents, type PathCourseInput } from './placement-path';

const FW = 'tt02-2025';
const ORDER = ['1.1', '2.1', '4.2'];
const mapping = (from: string, to: string, relation = 'equivalent'): CompetencyMapping => {
  const [fromFramework, fromCode] = from.split(':') as [string, string];
  const [toFramework, toCode] = to.split(':') as [string, string];
  return { fromFramework, fromCode, toFramework, toCode, relation };
};
const MAPPINGS = [
  mapping(`${FW}:1.1`, 'digcomp-2.2:1.1'),
  mapping(`${FW}:2.1`, 'digcomp-2.2:2.1'),
  // Only equivalences translate: a related item is a neighbour, not the same competency.
  mapping('qd757-2025:3.1', `${FW}:4.2`, 'related'),
  // Two hops: a third framework equivalent to DigComp counts through it.
  mapping('other:a', 'digcomp-2.2:2.1'),
];
const course = (id: string, competencies: Array<[string, string, number | null]>): PathCourseInput => ({
  id,
  competencies: competencies.map(([framework, code, level]) => ({ framework, code, level })),
  completed: false,
  enrolled: false,
});
const path = (mastered: string[], courses: PathCourseInput[]) =>
  learningPath({
    framework: FW,
    competencyOrder: ORDER,
    mastered,
    courses,
    equivalents: pathEquivalents(FW, ORDER, MAPPINGS),
  });

describe('learningPath: competencies of other frameworks linked as equivalent count as the group framework’s', () => {
  it('puts a course tagged only with an equivalent DigComp competency on the path, under the group framework’s code', () => {
    const p = path([], [course('digcomp-only', [['digcomp-2.2', '2.1', 2]])]);
    expect(p).toEqual([
      { courseId: 'digcomp-only', level: 2, toLearn: [`${FW}:2.1`], enrolled: false, forSubGroups: [] },
    ]);
  });

  it('skips that course when the learner masters the group framework’s competency', () => {
    expect(path([`${FW}:2.1`], [course('digcomp-only', [['digcomp-2.2', '2.1', 1]])])).toEqual([]);
  });

  it('follows equivalences through another framework, but never a related link', () => {
    const p = path(
      [],
      [course('third', [['other', 'a', 1]]), course('related-only', [['qd757-2025', '3.1', 1]])],
    );
    expect(p.map((e) => e.courseId)).toEqual(['third']);
    expect(p[0]!.toLearn).toEqual([`${FW}:2.1`]);
  });

  it('counts a competency named in both frameworks once, at the lowest level of either', () => {
    const p = path(
      [],
      [
        course('both', [
          [FW, '1.1', 3],
          ['digcomp-2.2', '1.1', 1],
        ]),
      ],
    );
    expect(p).toEqual([
      { courseId: 'both', level: 1, toLearn: [`${FW}:1.1`], enrolled: false, forSubGroups: [] },
    ]);
  });

  it('without equivalents, other frameworks neither add nor block a course (as before)', () => {
    const p = learningPath({
      framework: FW,
      competencyOrder: ORDER,
      mastered: [],
      courses: [course('digcomp-only', [['digcomp-2.2', '2.1', 1]])],
    });
    expect(p).toEqual([]);
  });
});
