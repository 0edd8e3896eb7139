import { describe, expect, it } from '@jest/globals';
import { summariseImport } from './import-report';

describe('import reports', () => {
  it('lists a units report with one row per problem of each rejected line', () => {
    const summary = summariseImport('units', {
      dryRun: true,
      created: 2,
      updated: 1,
      unchanged: 3,
      rejected: [
        {
          line: 4,
          key: 'X1',
          errors: [
            { field: 'level', message: 'expected one of province, commune, village' },
            { field: 'valid_from', message: 'expected a date YYYY-MM-DD' },
          ],
        },
      ],
    });
    expect(summary.dryRun).toBe(true);
    expect(summary.counts).toEqual([
      ['created', 2],
      ['updated', 1],
      ['unchanged', 3],
      ['rejected', 1],
    ]);
    expect(summary.rejected.map((r) => [r.line, r.key, r.field])).toEqual([
      [4, 'X1', 'level'],
      [4, 'X1', 'valid_from'],
    ]);
  });

  it('lists a roster report with created, matched and rejected lines', () => {
    const summary = summariseImport('roster', {
      dryRun: false,
      created: 1,
      matched: 1,
      rejected: 1,
      rows: [
        { line: 2, status: 'created' },
        { line: 3, status: 'matched' },
        { line: 4, status: 'rejected', errors: [{ field: 'email', message: 'not a valid e-mail address' }] },
      ],
    });
    expect(summary.counts).toEqual([
      ['created', 1],
      ['matched', 1],
      ['rejected', 1],
    ]);
    expect(summary.rejected).toEqual([{ line: 4, field: 'email', message: 'not a valid e-mail address' }]);
  });
});
