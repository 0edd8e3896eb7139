import { SUB_GROUPS } from '../catalog/target-groups';
import { learningPath, nextOnPath, type PathCourseInput } from './placement-path';

const FW = 'tt02-2025';
const ORDER = ['1.2', '1.3', '2.1', '2.3', '4.1', '4.2', '5.2'];
const course = (
  id: string,
  competencies: Array<[string, number | null]>,
  extra: Partial<Pick<PathCourseInput, 'subGroups' | 'inGroup' | 'completed' | 'enrolled'>> = {},
): PathCourseInput => ({
  id,
  competencies: competencies.map(([code, level]) => ({ framework: FW, code, level })),
  completed: extra.completed ?? false,
  enrolled: extra.enrolled ?? false,
  ...(extra.subGroups !== undefined && { subGroups: extra.subGroups }),
  ...(extra.inGroup !== undefined && { inGroup: extra.inGroup }),
});
const path = (
  subGroups: readonly string[] | undefined,
  courses: PathCourseInput[],
  mastered: string[] = [],
) =>
  learningPath({
    framework: FW,
    competencyOrder: ORDER,
    mastered,
    courses,
    ...(subGroups !== undefined && { subGroups }),
  });
const ids = (p: ReturnType<typeof learningPath>) => p.map((e) => e.courseId);

// Shaped like the shipped citizens' catalogue: general courses and courses made for sub-groups.
const CATALOGUE = [
  course('online-scams', [
    ['1.2', 1],
    ['4.2', 1],
  ]),
  course('online-public-services', [
    ['1.3', 1],
    ['2.3', 1],
  ]),
  course('ai-assistants', [['4.2', 2]]),
  course(
    'digital-skills-for-people-with-disabilities',
    [
      ['2.1', 1],
      ['5.2', 1],
    ],
    { subGroups: ['people-with-disabilities', 'older-adults'] },
  ),
  course('smartphone-basics', [['4.1', 1]], { subGroups: ['older-adults'] }),
  course('selling-online', [['2.1', 2]], { subGroups: ['small-traders-farmers'] }),
  course('easy-vietnamese-first-steps', [['2.1', 1]], { subGroups: ['ethnic-minorities'] }),
];

describe('learningPath with the learner’s sub-groups', () => {
  it('leaves the path as it was for a learner who declares no sub-group', () => {
    const without = path(undefined, CATALOGUE);
    expect(path([], CATALOGUE)).toEqual(without);
    // Every group course is on it, sub-group ones included, in the level / framework / id order, with no reason.
    expect(ids(without)).toEqual([
      'online-scams',
      'online-public-services',
      'digital-skills-for-people-with-disabilities',
      'easy-vietnamese-first-steps',
      'smartphone-basics',
      'selling-online',
      'ai-assistants',
    ]);
    expect(without.every((e) => e.forSubGroups.length === 0)).toBe(true);
  });

  it('puts a person with a disability’s course first among courses of its level and leaves out courses only for others', () => {
    const p = path(['people-with-disabilities'], CATALOGUE);
    expect(ids(p)).toEqual([
      'digital-skills-for-people-with-disabilities',
      'online-scams',
      'online-public-services',
      'ai-assistants',
    ]);
    expect(p[0]!.forSubGroups).toEqual(['people-with-disabilities']);
    expect(p.slice(1).map((e) => e.forSubGroups)).toEqual([[], [], []]);
    expect(nextOnPath(p)!.courseId).toBe('digital-skills-for-people-with-disabilities');
  });

  it('gives an older adult every course made for them before the general ones of the same level, not before a lower level', () => {
    const courses = [
      ...CATALOGUE,
      course('advanced-for-older-adults', [['1.2', 2]], { subGroups: ['older-adults'] }),
    ];
    const p = path(['older-adults'], courses);
    expect(ids(p)).toEqual([
      // level 1: made for them (framework order, then id), then general (framework order, then id)
      'digital-skills-for-people-with-disabilities',
      'smartphone-basics',
      'online-scams',
      'online-public-services',
      // level 2: the same inside the level
      'advanced-for-older-adults',
      'ai-assistants',
    ]);
    expect(p.filter((e) => e.forSubGroups.length > 0).map((e) => e.level)).toEqual([1, 1, 2]);
  });

  it('names every sub-group of the learner a course is made for, in the sub-groups’ own order, and only theirs', () => {
    const p = path(['older-adults', 'people-with-disabilities'], CATALOGUE);
    const reasons = new Map(p.map((e) => [e.courseId, e.forSubGroups]));
    expect(reasons.get('digital-skills-for-people-with-disabilities')).toEqual([
      'older-adults',
      'people-with-disabilities',
    ]);
    expect(reasons.get('smartphone-basics')).toEqual(['older-adults']);
    expect(reasons.has('selling-online')).toBe(false);
    expect(reasons.has('easy-vietnamese-first-steps')).toBe(false);
    // The order of the profile's list changes nothing.
    expect(path(['people-with-disabilities', 'older-adults'], CATALOGUE)).toEqual(p);
    // A course matching two of the learner's sub-groups does not outrank one matching one: framework order decides.
    expect(ids(p).slice(0, 2)).toEqual(['digital-skills-for-people-with-disabilities', 'smartphone-basics']);
  });

  it('brings in a course made for the learner’s sub-group that targets another group; not one for someone else', () => {
    const courses = [
      course('general', [['1.3', 1]]),
      course('phone-for-older-adults', [['1.2', 1]], { subGroups: ['older-adults'], inGroup: false }),
      course('other-group-general', [['1.2', 1]], { inGroup: false }),
      course('other-group-traders', [['1.2', 1]], { subGroups: ['small-traders-farmers'], inGroup: false }),
    ];
    const p = path(['older-adults'], courses);
    expect(ids(p)).toEqual(['phone-for-older-adults', 'general']);
    expect(p[0]!.forSubGroups).toEqual(['older-adults']);
    // Without the sub-group, nothing from another group joins.
    expect(ids(path([], courses))).toEqual(['general']);
  });

  it('keeps the general courses when no course is made for the learner’s sub-group', () => {
    const p = path(
      ['small-traders-farmers'],
      [
        course('general-b', [['4.1', 1]]),
        course('general-a', [['1.2', 1]]),
        course('for-older-adults', [['1.2', 1]], { subGroups: ['older-adults'] }),
      ],
    );
    expect(ids(p)).toEqual(['general-a', 'general-b']);
    expect(p.every((e) => e.forSubGroups.length === 0)).toBe(true);
  });

  it('ignores a sub-group code it does not know, and repeats, on the learner and on the course', () => {
    expect(path(['veterans', 'OLDER-ADULTS', 'older-adults\u0000'], CATALOGUE)).toEqual(path([], CATALOGUE));
    const twice = path(['older-adults', 'older-adults'], CATALOGUE);
    expect(twice).toEqual(path(['older-adults'], CATALOGUE));
    const p = path(
      ['older-adults'],
      [
        course('odd', [['1.2', 1]], { subGroups: ['veterans'] }),
        course('for-them', [['4.1', 1]], { subGroups: ['older-adults', 'older-adults', 'veterans'] }),
      ],
    );
    // A course whose only sub-group is unknown counts as made for everyone.
    expect(p.map((e) => [e.courseId, e.forSubGroups])).toEqual([
      ['for-them', ['older-adults']],
      ['odd', []],
    ]);
  });

  it('never puts a course on the path for its sub-group alone: mastered, completed or off-framework courses stay off', () => {
    const courses = [
      course('mastered', [['2.1', 1]], { subGroups: ['people-with-disabilities'] }),
      course('done', [['4.1', 1]], { subGroups: ['people-with-disabilities'], completed: true }),
      {
        id: 'other-framework',
        competencies: [{ framework: 'qd757-v1', code: '0.1', level: 1 }],
        completed: false,
        enrolled: false,
        subGroups: ['people-with-disabilities'],
      },
      course('general', [['4.2', 1]]),
    ];
    const p = path(['people-with-disabilities'], courses, [`${FW}:2.1`]);
    expect(ids(p)).toEqual(['general']);
  });

  it('gives the same path whatever order the courses come in', () => {
    const reversed = [...CATALOGUE].reverse();
    for (const subGroups of [[], ...SUB_GROUPS.map((s) => [s]), [...SUB_GROUPS]])
      expect(path(subGroups, reversed)).toEqual(path(subGroups, CATALOGUE));
  });
});
