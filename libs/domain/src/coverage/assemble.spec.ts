import {
  countKeysOf,
  coverageFilterProblem,
  groupKey,
  type IndicatorDefinition,
  indicatorCell,
  indicatorsUnderFilter,
  numeratorKey,
  type PlaceCounts,
  rankPlaces,
  trendPoints,
} from './index';

const ind = (
  over: Partial<IndicatorDefinition> & Pick<IndicatorDefinition, 'code'>,
): IndicatorDefinition => ({
  title: { vi: over.code },
  targetGroup: 'public-servants',
  subGroup: '',
  measure: 'trained',
  denominator: 'population',
  targets: [
    { by: '2025-12-31', share: 0.8, strictlyAbove: true },
    { by: '2026-12-31', share: 1 },
  ],
  source: { document: 'KH', section: 'II.1' },
  ...over,
});

const plan = [
  ind({ code: 'servants-trained' }),
  ind({ code: 'upper-secondary', targetGroup: 'students', subGroup: 'school:upper-secondary' }),
  ind({ code: 'students-trained', targetGroup: 'students' }),
  ind({
    code: 'vneid-adults',
    targetGroup: '*',
    subGroup: 'age:16+',
    measure: 'vneid_level2',
    denominator: 'none',
    targets: [{ by: '2025-12-31', count: 170000, strictlyAbove: true }],
  }),
  ind({ code: 'everyone-universalised', targetGroup: '*', measure: 'universalised' }),
];

const counts = (
  numerators: Record<string, number>,
  registered: Record<string, number> = {},
  populations: Record<string, number> = {},
): PlaceCounts => ({
  numerators: new Map(Object.entries(numerators)),
  registered: new Map(Object.entries(registered)),
  populations: new Map(
    Object.entries(populations).map(([k, value]) => [k, { value, period: '2025', source: 'Cục Thống kê' }]),
  ),
});

describe('filters re-key the plan’s indicators', () => {
  const keyed = (f: Parameters<typeof indicatorsUnderFilter>[1]) =>
    indicatorsUnderFilter(plan, f).map((i) => `${i.code}:${i.targetGroup}:${i.subGroup}`);

  it('leaves the plan as it is without a filter', () => {
    expect(indicatorsUnderFilter(plan, { targetGroup: null, subGroup: '' })).toEqual(plan);
  });

  it('a target group keeps its own indicators and re-keys everyone’s to the group', () => {
    expect(keyed({ targetGroup: 'students', subGroup: '' })).toEqual([
      'upper-secondary:students:school:upper-secondary',
      'students-trained:students:',
      // an age band does not fit students: the everyone-indicator about adults stays out
      'everyone-universalised:students:',
    ]);
  });

  it("'*' re-keys every indicator to everyone", () => {
    expect(keyed({ targetGroup: '*', subGroup: '' })).toEqual([
      'servants-trained:*:',
      'upper-secondary:*:school:upper-secondary',
      'students-trained:*:',
      'vneid-adults:*:age:16+',
      'everyone-universalised:*:',
    ]);
  });

  it('a sub-group re-keys whole-group indicators it fits and drops the others', () => {
    expect(keyed({ targetGroup: 'students', subGroup: 'school:primary' })).toEqual([
      'students-trained:students:school:primary',
      'everyone-universalised:students:school:primary',
    ]);
    expect(keyed({ targetGroup: null, subGroup: 'school:upper-secondary' })).toEqual([
      'upper-secondary:students:school:upper-secondary',
      'students-trained:students:school:upper-secondary',
      'everyone-universalised:*:school:upper-secondary',
    ]);
  });

  it('never changes code, measure, denominator or targets', () => {
    const [re] = indicatorsUnderFilter([plan[4]!], { targetGroup: 'citizens', subGroup: 'age:16+' });
    expect(re).toEqual({ ...plan[4], targetGroup: 'citizens', subGroup: 'age:16+' });
  });

  it('refuses sub-groups that are unknown or do not fit the group', () => {
    expect(coverageFilterProblem({ targetGroup: 'students', subGroup: '' })).toBeUndefined();
    expect(coverageFilterProblem({ targetGroup: 'students', subGroup: 'school:primary' })).toBeUndefined();
    expect(coverageFilterProblem({ targetGroup: '*', subGroup: 'age:16+' })).toBeUndefined();
    expect(coverageFilterProblem({ targetGroup: null, subGroup: 'org:enterprise' })).toBeUndefined();
    expect(coverageFilterProblem({ targetGroup: 'students', subGroup: 'org:enterprise' })).toMatch(/fit/);
    for (const bad of ['age:65+', 'school:', '\u0000', 'school:primary\u200b', "' OR 1=1"])
      expect(coverageFilterProblem({ targetGroup: null, subGroup: bad })).toMatch(/unknown/);
  });

  it('lists the keys the read queries need', () => {
    expect(countKeysOf(plan)).toEqual({
      groups: ['public-servants', 'students', '*'],
      subGroups: ['', 'school:upper-secondary', 'age:16+'],
      measures: ['trained', 'vneid_level2', 'universalised'],
    });
  });
});

describe('one indicator’s cell for one place', () => {
  const servants = plan[0]!;
  const g = groupKey('public-servants', '');

  it('keeps numerator and registered apart and divides only by the population', () => {
    const cell = indicatorCell(
      servants,
      counts({ [numeratorKey('public-servants', '', 'trained')]: 81 }, { [g]: 95 }, { [g]: 100 }),
      '2025-10-01',
      false,
    );
    expect(cell).toMatchObject({
      code: 'servants-trained',
      numerator: 81,
      registered: 95,
      population: { value: 100, period: '2025', source: 'Cục Thống kê' },
      share: 0.81,
      gap: 0,
      status: 'met',
      exceedsPopulation: false,
      target: { by: '2025-12-31', share: 0.8 },
    });
  });

  it('does not read another measure’s or sub-group’s count', () => {
    const cell = indicatorCell(
      servants,
      counts(
        {
          [numeratorKey('public-servants', '', 'universalised')]: 50,
          [numeratorKey('public-servants', 'org:enterprise', 'trained')]: 40,
          [numeratorKey('*', '', 'trained')]: 30,
        },
        {},
        { [g]: 100 },
      ),
      '2025-10-01',
      false,
    );
    expect(cell).toMatchObject({ numerator: 0, share: 0, gap: 81, status: 'behind' });
  });

  it('without a population: counts, no share, no gap', () => {
    expect(
      indicatorCell(
        servants,
        counts({ [numeratorKey('public-servants', '', 'trained')]: 7 }, { [g]: 9 }),
        '2025-10-01',
        false,
      ),
    ).toMatchObject({
      numerator: 7,
      registered: 9,
      population: null,
      share: null,
      gap: null,
      status: 'no-population',
    });
  });

  it('flags a numerator above the population', () => {
    expect(
      indicatorCell(
        servants,
        counts({ [numeratorKey('public-servants', '', 'trained')]: 130 }, {}, { [g]: 100 }),
        '2026-03-01',
        false,
      ),
    ).toMatchObject({ share: 1.3, exceedsPopulation: true, status: 'met' });
  });

  it('an absolute-count target is the plan area’s only', () => {
    const vneid = plan[3]!;
    const c = counts({ [numeratorKey('*', 'age:16+', 'vneid_level2')]: 170001 }, {}, { '*|age:16+': 5 });
    expect(indicatorCell(vneid, c, '2025-10-01', true)).toMatchObject({
      numerator: 170001,
      population: null,
      status: 'met',
      gap: 0,
      target: { count: 170000 },
    });
    expect(indicatorCell(vneid, c, '2025-10-01', false)).toMatchObject({
      numerator: 170001,
      population: null,
      status: 'no-population',
      gap: null,
      target: null,
    });
  });
});

describe('the trend', () => {
  it('runs the sums across months, carrying in what came before, against each year’s population', () => {
    const points = trendPoints(
      ['2025-11', '2025-12', '2026-01', '2026-02'],
      [
        { month: '2025-09', count: 5 },
        { month: '2025-12', count: 10 },
        { month: '2026-02', count: 1 },
        { month: '2026-03', count: 100 },
      ],
      (year) => (year === '2025' ? 100 : null),
    );
    expect(points).toEqual([
      { month: '2025-11', numerator: 5, population: 100, share: 0.05 },
      { month: '2025-12', numerator: 15, population: 100, share: 0.15 },
      { month: '2026-01', numerator: 15, population: null, share: null },
      { month: '2026-02', numerator: 16, population: null, share: null },
    ]);
  });
});

describe('the emulation table', () => {
  it('ranks by share, then numerator, then name; ties share a rank; no population last', () => {
    const ranked = rankPlaces([
      { name: 'Xã Bản Giang', numerator: 10, share: 0.5 },
      { name: 'Phường Tân Phong', numerator: 90, share: 0.9 },
      { name: 'Xã Ậm Nà', numerator: 10, share: 0.5 },
      { name: 'Xã Mường Tè', numerator: 99, share: null },
      { name: 'Xã Bình Lư', numerator: 20, share: 0.5 },
      { name: 'Xã Ẩn', numerator: 1, share: null },
    ]);
    expect(ranked.map((r) => [r.rank, r.name])).toEqual([
      [1, 'Phường Tân Phong'],
      [2, 'Xã Bình Lư'],
      [3, 'Xã Ậm Nà'],
      [3, 'Xã Bản Giang'],
      [5, 'Xã Mường Tè'],
      [6, 'Xã Ẩn'],
    ]);
  });

  it('ranks nothing for no places', () => {
    expect(rankPlaces([])).toEqual([]);
  });
});
