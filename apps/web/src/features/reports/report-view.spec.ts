import { describe, expect, it } from '@jest/globals';
import {
  downloadName,
  downloadsOf,
  nextPollDelay,
  POLL_FIRST_MS,
  POLL_MAX_MS,
  reportView,
} from './report-view';
import { periodWords } from './report-format';

const report = (status: 'queued' | 'generating' | 'ready' | 'submitted' | 'failed', over = {}) => ({
  status,
  progress: 0,
  supersededBy: null as number | null,
  ...over,
});

describe('what the page shows of a report', () => {
  it('follows a report being generated with its progress, and nothing to download yet', () => {
    expect(reportView(report('queued'), true)).toMatchObject({
      pending: true,
      progress: 0,
      downloadable: false,
      canSubmit: false,
      canCorrect: false,
    });
    expect(reportView(report('generating', { progress: 55 }), true)).toMatchObject({
      pending: true,
      progress: 55,
    });
    expect(reportView(report('generating', { progress: 140 }), true).progress).toBe(100);
  });

  it('lets a statistician submit a ready report and correct a finished one, only the latest revision', () => {
    expect(reportView(report('ready', { progress: 100 }), true)).toMatchObject({
      pending: false,
      progress: 100,
      downloadable: true,
      canSubmit: true,
      canCorrect: true,
      canRetry: false,
    });
    expect(reportView(report('submitted'), true)).toMatchObject({
      downloadable: true,
      canSubmit: false,
      canCorrect: true,
    });
    expect(reportView(report('ready', { supersededBy: 2 }), true)).toMatchObject({
      downloadable: true,
      canSubmit: false,
      canCorrect: false,
    });
    expect(reportView(report('failed'), true)).toMatchObject({ downloadable: false, canRetry: true });
  });

  it('gives a report viewer the figures and downloads, and no control that changes anything', () => {
    for (const status of ['queued', 'generating', 'ready', 'submitted', 'failed'] as const) {
      const view = reportView(report(status), false);
      expect([status, view.canSubmit, view.canCorrect, view.canRetry]).toEqual([status, false, false, false]);
    }
    expect(reportView(report('ready'), false).downloadable).toBe(true);
  });
});

describe('asking again while a report is generated', () => {
  it('starts at one second and backs off by half again each answer without news, up to 15 s', () => {
    expect(nextPollDelay(0)).toBe(POLL_FIRST_MS);
    expect(nextPollDelay(1)).toBe(1500);
    expect(nextPollDelay(2)).toBe(2250);
    const delays = Array.from({ length: 12 }, (_, i) => nextPollDelay(i));
    for (let i = 1; i < delays.length; i += 1) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(nextPollDelay(10)).toBe(POLL_MAX_MS);
    expect(nextPollDelay(10_000)).toBe(POLL_MAX_MS);
    expect(nextPollDelay(-3)).toBe(POLL_FIRST_MS);
    expect(nextPollDelay(Number.NaN)).toBe(POLL_FIRST_MS);
  });
});

describe('downloads', () => {
  it("links the api's three files, with an ASCII name of period, place and revision", () => {
    expect(downloadsOf('abc').map((d) => d.href)).toEqual([
      '/api/admin/reports/abc.xlsx',
      '/api/admin/reports/abc.pdf',
      '/api/admin/reports/abc.csv',
    ]);
    const r = {
      period: { code: '2026-Q3', kind: 'quarter' as const, start: '2026-07-01', end: '2026-09-30' },
      place: { kind: 'unit' as const, id: 'x', name: 'Tỉnh Lai Châu (Đồng bằng)', level: 'province' },
      revision: 2,
    };
    expect(downloadName(r, 'pdf')).toBe('bao-cao-2026-Q3-tinh-lai-chau-dong-bang-r2.pdf');
    expect(
      downloadName(
        {
          ...r,
          period: { ...r.period, code: '2026-07-01..2026-08-15' },
          place: { ...r.place, name: '\u202e‮' },
        },
        'csv',
      ),
    ).toBe('bao-cao-2026-07-01_2026-08-15-r2.csv');
  });
});

describe('a period in words', () => {
  it('names quarters in Roman numerals, halves, years and ranges as the offices write them', () => {
    expect(periodWords({ code: '2026-Q3', kind: 'quarter', start: '', end: '' })).toEqual([
      'quarter',
      { part: 'III', year: '2026' },
    ]);
    expect(periodWords({ code: '2026-H1', kind: 'half', start: '', end: '' })).toEqual([
      'half1',
      { year: '2026' },
    ]);
    expect(periodWords({ code: '2026-H2', kind: 'half', start: '', end: '' })).toEqual([
      'half2',
      { year: '2026' },
    ]);
    expect(periodWords({ code: '2025', kind: 'year', start: '', end: '' })).toEqual([
      'year',
      { year: '2025' },
    ]);
    expect(
      periodWords({ code: '2026-07-01..2026-08-15', kind: 'adhoc', start: '2026-07-01', end: '2026-08-15' }),
    ).toEqual(['adhoc', { start: '01/07/2026', end: '15/08/2026' }]);
  });
});
