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

  it('lists a roster report with created, invited and rejected lines, the invitations and the codes', () => {
    const summary = summariseImport('roster', {
      importId: '5c1f4b8e-0d7a-4f57-9a43-6f0e1d2c3b4a',
      dryRun: false,
      created: 1,
      invited: 1,
      matched: 0,
      rejected: 1,
      channels: { email: 0, code: 1, notification: 1 },
      rows: [
        {
          line: 2,
          status: 'created',
          invitedBy: 'code',
          signInCode: { code: '01234567', expiresAt: '2026-12-05T10:00:00.000Z' },
        },
        { line: 3, status: 'invited', invitedBy: 'notification' },
        {
          line: 4,
          status: 'rejected',
          invitedBy: 'none',
          errors: [{ field: 'email', message: 'not a valid e-mail address' }],
        },
      ],
    });
    expect(summary.invitations).toEqual([
      ['email', 0],
      ['code', 1],
      ['notification', 1],
    ]);
    expect(summary.codes).toEqual([{ line: 2, code: '01234567', expiresAt: '2026-12-05T10:00:00.000Z' }]);
    expect(summary.counts).toEqual([
      ['created', 1],
      ['invited', 1],
      ['matched', 0],
      ['rejected', 1],
    ]);
    expect(summary.rejected).toEqual([{ line: 4, field: 'email', message: 'not a valid e-mail address' }]);
  });
});
