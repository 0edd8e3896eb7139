import { duePeriods } from './coverage-report';

describe('scheduled coverage reports', () => {
  it('are due from 00:30 in Vietnam on the day after a quarter, six months or year ends', () => {
    // 2025-12-31 17:29 UTC = 00:29 on 1 January in Vietnam: not yet.
    expect(duePeriods(new Date('2025-12-31T17:29:00Z')).map((p) => p.code)).not.toContain('2025-Q4');
    expect(duePeriods(new Date('2025-12-31T17:30:00Z')).map((p) => p.code)).toEqual([
      '2025-Q4',
      '2025-H2',
      '2025',
    ]);
  });

  it('catch up for a week, then stop', () => {
    expect(duePeriods(new Date('2026-04-06T00:00:00Z')).map((p) => p.code)).toEqual(['2026-Q1']);
    expect(duePeriods(new Date('2026-04-09T00:00:00Z'))).toEqual([]);
    expect(duePeriods(new Date('2026-05-15T00:00:00Z'))).toEqual([]);
  });
});
