import {
  factGroups,
  indicatorProgress,
  monthsBetween,
  parsePeriod,
  periodCutOff,
  periodsEndingOn,
  personSubGroups,
  subGroupFitsGroup,
  targetInForce,
} from './index';

describe('periods on the Vietnam calendar', () => {
  it('parses quarters, halves, years and ad-hoc ranges', () => {
    expect(parsePeriod('2025-Q3')).toEqual({
      kind: 'quarter',
      code: '2025-Q3',
      start: '2025-07-01',
      end: '2025-09-30',
    });
    expect(parsePeriod('2024-Q1')?.end).toBe('2024-03-31');
    expect(parsePeriod('2025-H1')).toMatchObject({ start: '2025-01-01', end: '2025-06-30' });
    expect(parsePeriod('2025-H2')).toMatchObject({ start: '2025-07-01', end: '2025-12-31' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(parsePeriod('2025-02-01..2025-02-28')).toMatchObject({ kind: 'adhoc', end: '2025-02-28' });
  });

  it('refuses what is not a period', () => {
    for (const bad of [
      '2025-Q5',
      '2025-H3',
      '25',
      '2025-02-30..2025-03-01',
      '2025-03-02..2025-03-01',
      '',
      'Q1',
    ])
      expect(parsePeriod(bad)).toBeUndefined();
  });

  it('cuts off at 00:00 in Vietnam the day after the end (17:00 UTC on the last day)', () => {
    expect(periodCutOff(parsePeriod('2025-Q4')!).toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });

  it('knows which reports fall due on a day', () => {
    expect(periodsEndingOn('2025-12-31').map((p) => p.code)).toEqual(['2025-Q4', '2025-H2', '2025']);
    expect(periodsEndingOn('2025-06-30').map((p) => p.code)).toEqual(['2025-Q2', '2025-H1']);
    expect(periodsEndingOn('2025-03-31').map((p) => p.code)).toEqual(['2025-Q1']);
    expect(periodsEndingOn('2025-04-30')).toEqual([]);
    expect(periodsEndingOn('2025-03-30')).toEqual([]);
  });

  it('lists month buckets across a year end', () => {
    expect(monthsBetween('2025-11-15', '2026-02-01')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('population sub-groups', () => {
  it('derives school level, organisation kind and age band', () => {
    expect(personSubGroups({ schoolLevel: 'upper-secondary' }, '2025-10-01')).toEqual([
      'school:upper-secondary',
    ]);
    expect(personSubGroups({ organisationKind: 'cooperative_union' }, '2025-10-01')).toEqual([
      'org:cooperative_union',
    ]);
    expect(personSubGroups({ birthYear: 2010 }, '2025-12-31')).toEqual([]);
    expect(personSubGroups({ birthYear: 2010 }, '2026-01-01')).toEqual(['age:16+']);
    expect(personSubGroups({ organisationKind: 'ministry', birthYear: null }, '2026-01-01')).toEqual([]);
  });

  it('fits sub-groups to their target group only', () => {
    expect(subGroupFitsGroup('students', 'school:primary')).toBe(true);
    expect(subGroupFitsGroup('students', 'org:enterprise')).toBe(false);
    expect(subGroupFitsGroup('enterprise-workers', 'org:cooperative')).toBe(true);
    expect(subGroupFitsGroup('citizens', 'age:16+')).toBe(true);
    expect(subGroupFitsGroup('citizens', '')).toBe(true);
    expect(subGroupFitsGroup('citizens', 'age:65+')).toBe(false);
  });

  it('writes one fact per group and one for all groups', () => {
    expect(factGroups(['citizens', 'students', 'citizens'])).toEqual(['citizens', 'students', '*']);
  });
});

describe('indicator progress', () => {
  const share = {
    denominator: 'population' as const,
    targets: [
      { by: '2025-12-31', share: 0.8, strictlyAbove: true },
      { by: '2026-12-31', share: 1 },
    ],
  };

  it('uses the first target not yet past, then the last', () => {
    expect(targetInForce(share.targets, '2025-06-01')?.by).toBe('2025-12-31');
    expect(targetInForce(share.targets, '2025-12-31')?.by).toBe('2025-12-31');
    expect(targetInForce(share.targets, '2026-01-01')?.by).toBe('2026-12-31');
    expect(targetInForce(share.targets, '2027-05-01')?.by).toBe('2026-12-31');
    expect(targetInForce([], '2027-05-01')).toBeNull();
  });

  it('"more than 80 %": exactly 80 % is not met, and the gap counts whole people', () => {
    expect(indicatorProgress(share, 80, 100, '2025-10-01')).toMatchObject({
      status: 'behind',
      gap: 1,
      share: 0.8,
    });
    expect(indicatorProgress(share, 81, 100, '2025-10-01')).toMatchObject({ status: 'met', gap: 0 });
    expect(indicatorProgress(share, 0, 3, '2025-10-01')).toMatchObject({ gap: 3 });
  });

  it('a target past its date and not met is overdue; 100 % needs everyone', () => {
    expect(indicatorProgress(share, 99, 100, '2027-01-02')).toMatchObject({ status: 'overdue', gap: 1 });
    expect(indicatorProgress(share, 100, 100, '2027-01-02')).toMatchObject({ status: 'met' });
  });

  it('without a population there is no share, and it says so', () => {
    expect(indicatorProgress(share, 10, null, '2025-10-01')).toMatchObject({
      status: 'no-population',
      share: null,
    });
    expect(indicatorProgress(share, 10, 0, '2025-10-01')).toMatchObject({
      status: 'no-population',
      share: null,
    });
  });

  it('flags a numerator above its population instead of hiding it', () => {
    expect(indicatorProgress(share, 120, 100, '2025-10-01')).toMatchObject({
      status: 'met',
      share: 1.2,
      exceedsPopulation: true,
    });
  });

  it('counts absolute targets ("more than 170,000 adults")', () => {
    const count = {
      denominator: 'none' as const,
      targets: [{ by: '2025-12-31', count: 170000, strictlyAbove: true }],
    };
    expect(indicatorProgress(count, 170000, null, '2025-10-01')).toMatchObject({ status: 'behind', gap: 1 });
    expect(indicatorProgress(count, 170001, null, '2025-10-01')).toMatchObject({ status: 'met', gap: 0 });
    expect(indicatorProgress(count, 5, null, '2026-01-01')).toMatchObject({ status: 'overdue' });
  });
});
