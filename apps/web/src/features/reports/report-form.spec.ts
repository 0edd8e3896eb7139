import { describe, expect, it } from '@jest/globals';
import { reportRequestSchema } from '@hocvuso/contracts';
import { ApiError } from '../../api/client';
import {
  endedPeriods,
  reasonProblem,
  type ReportForm,
  reportProblems,
  serverProblem,
  toReportRequest,
} from './report-form';

const U = '11111111-2222-4333-8444-555555555555';
const TODAY = '2026-12-05';
const form = (over: Partial<ReportForm> = {}): ReportForm => ({
  scope: `unit:${U}`,
  kind: 'quarter',
  period: '2026-Q3',
  start: '',
  end: '',
  ...over,
});

describe('the periods the form offers', () => {
  it('lists only periods that ended before today, newest first, back to 2025', () => {
    expect(endedPeriods('quarter', TODAY)).toEqual([
      '2026-Q3',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
      '2025-Q3',
      '2025-Q2',
      '2025-Q1',
    ]);
    expect(endedPeriods('half', TODAY)).toEqual(['2026-H1', '2025-H2', '2025-H1']);
    expect(endedPeriods('year', TODAY)).toEqual(['2025']);
  });

  it('does not offer a period whose last day is today (the api wants it over)', () => {
    expect(endedPeriods('quarter', '2026-09-30')[0]).toBe('2026-Q2');
    expect(endedPeriods('quarter', '2026-10-01')[0]).toBe('2026-Q3');
    expect(endedPeriods('year', '2025-06-01')).toEqual([]);
  });
});

describe('checking the request form as the api does', () => {
  it('accepts an ended quarter of a place of the reach and builds the body the contract accepts', () => {
    expect(reportProblems(form(), TODAY)).toEqual([]);
    const body = toReportRequest(form());
    expect(body).toEqual({ unitId: U, period: '2026-Q3' });
    expect(reportRequestSchema.safeParse(body).success).toBe(true);
    expect(toReportRequest(form({ scope: `organisation:${U}` }))).toEqual({
      organisationId: U,
      period: '2026-Q3',
    });
    expect(toReportRequest(form({ scope: 'all', kind: 'year', period: '2025' }))).toEqual({ period: '2025' });
  });

  it('wants a scope and a period, and refuses a period that has not ended or is of another kind', () => {
    expect(reportProblems(form({ scope: '', period: '' }), TODAY)).toEqual([
      ['scope', 'scopeRequired'],
      ['period', 'periodRequired'],
    ]);
    expect(reportProblems(form({ period: '2026-Q4' }), TODAY)).toEqual([['period', 'periodNotEnded']]);
    expect(reportProblems(form({ period: '2026-H1' }), TODAY)).toEqual([['period', 'periodInvalid']]);
    expect(reportProblems(form({ period: '2026-Q5' }), TODAY)).toEqual([['period', 'periodInvalid']]);
    expect(reportProblems(form({ period: "2026-Q3'; drop" }), TODAY)).toEqual([['period', 'periodInvalid']]);
  });

  it('takes an ad-hoc range that ends today at the latest and does not start after it ends', () => {
    const adhoc = (start: string, end: string) => form({ kind: 'adhoc', period: '', start, end });
    expect(reportProblems(adhoc('2026-07-01', TODAY), TODAY)).toEqual([]);
    expect(toReportRequest(adhoc('2026-07-01', TODAY))).toEqual({
      unitId: U,
      period: '2026-07-01..2026-12-05',
    });
    expect(reportProblems(adhoc('', ''), TODAY)).toEqual([
      ['start', 'startRequired'],
      ['end', 'endRequired'],
    ]);
    expect(reportProblems(adhoc('2026-07-01', '2026-12-06'), TODAY)).toEqual([['end', 'endAfterToday']]);
    expect(reportProblems(adhoc('2026-08-02', '2026-08-01'), TODAY)).toEqual([['start', 'startAfterEnd']]);
    expect(reportProblems(adhoc('2026-02-30', '2026-03-01'), TODAY)).toEqual([['start', 'periodInvalid']]);
    expect(reportProblems(adhoc('2026-07-01', '01/08/2026'), TODAY)).toEqual([['end', 'periodInvalid']]);
  });
});

describe("a correction's reason", () => {
  it('is 5 to 1000 characters once trimmed, like the contract', () => {
    expect(reasonProblem('')).toBe('reasonRequired');
    expect(reasonProblem('   \n ')).toBe('reasonRequired');
    expect(reasonProblem(' abcd ')).toBe('reasonTooShort');
    expect(reasonProblem('Sửa số dân')).toBeUndefined();
    expect(reasonProblem('x'.repeat(1000))).toBeUndefined();
    expect(reasonProblem('x'.repeat(1001))).toBe('reasonTooLong');
    // What the contract says of the same reasons.
    const parsed = (reason: string) =>
      reportRequestSchema.safeParse({ period: '2026-Q3', correctionOf: 1, reason }).success;
    expect(parsed(' abcd ')).toBe(false);
    expect(parsed('Sửa số dân')).toBe(true);
    expect(parsed('x'.repeat(1001))).toBe(false);
  });

  it('agrees with the contract on hostile reasons (NUL, zero-width, right-to-left, huge)', () => {
    const hostile = [
      '\u0000\u0000\u0000\u0000\u0000',
      '\u200b\u200b\u200b\u200b\u200b',
      '\u202eSửa số dân\u202c',
      'a\u0000b',
      ' \t\n ',
      'Sửa'.normalize('NFD'),
      'x'.repeat(100_000),
    ];
    for (const reason of hostile) {
      const contract = reportRequestSchema.safeParse({ period: '2026-Q3', correctionOf: 1, reason }).success;
      expect([JSON.stringify(reason.slice(0, 12)), reasonProblem(reason) === undefined]).toEqual([
        JSON.stringify(reason.slice(0, 12)),
        contract,
      ]);
    }
  });

  it('goes into the body with the revision it corrects, trimmed', () => {
    expect(toReportRequest(form(), { plan: 'lai-chau', correctionOf: 2, reason: '  Sửa số dân  ' })).toEqual({
      plan: 'lai-chau',
      unitId: U,
      period: '2026-Q3',
      correctionOf: 2,
      reason: 'Sửa số dân',
    });
  });
});

describe("the api's refusals, next to the field they are about", () => {
  const refusal = (code: string, details?: unknown) =>
    new ApiError(code.endsWith('FOUND') ? 404 : 400, code, code, details);

  it('puts period refusals on the period (the last day for a range) and reach refusals on the scope', () => {
    expect(serverProblem(refusal('PERIOD_NOT_ENDED'), 'quarter')).toEqual(['period', 'periodNotEnded']);
    expect(serverProblem(refusal('PERIOD_NOT_ENDED'), 'adhoc')).toEqual(['end', 'endAfterToday']);
    expect(serverProblem(refusal('PERIOD_INVALID'), 'adhoc')).toEqual(['start', 'periodInvalid']);
    expect(serverProblem(refusal('REPORT_EXISTS'), 'year')).toEqual(['period', 'reportExists']);
    expect(serverProblem(refusal('REPORT_IN_PROGRESS'), 'half')).toEqual(['period', 'reportInProgress']);
    expect(serverProblem(refusal('UNIT_NOT_FOUND'), 'quarter')).toEqual(['scope', 'scopeOutOfReach']);
    expect(serverProblem(refusal('PLACE_REQUIRED'), 'quarter')).toEqual(['scope', 'scopeOutOfReach']);
  });

  it("reads a validation failure's paths, and leaves anything else to the whole form", () => {
    expect(serverProblem(refusal('VALIDATION_FAILED', [{ path: 'reason' }]), 'quarter')).toEqual([
      'reason',
      'reasonTooShort',
    ]);
    expect(serverProblem(refusal('VALIDATION_FAILED', [{ path: 'unitId' }]), 'quarter')).toEqual([
      'scope',
      'scopeOutOfReach',
    ]);
    expect(serverProblem(refusal('VALIDATION_FAILED', 'not a list'), 'quarter')).toBeUndefined();
    expect(serverProblem(refusal('RATE_LIMITED'), 'quarter')).toBeUndefined();
    expect(serverProblem(new Error('network'), 'quarter')).toBeUndefined();
  });
});
