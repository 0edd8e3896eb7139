import { describe, expect, it } from '@jest/globals';
import { formatCount } from '../../i18n/format';
import type { PopulationFigureRow, PopulationImportReport } from '@hocvuso/contracts';
import { POPULATION_COLUMNS } from '@hocvuso/domain';
import {
  CSV_MEDIA_TYPE,
  figuresInOrder,
  importStatus,
  isRowErrorCode,
  isSheetErrorCode,
  logFileName,
  MAX_SHEET_BYTES,
  periodsOf,
  sheetUpload,
  subGroupKey,
  summariseReport,
  supersededRevisions,
  templateCsv,
  XLSX_MEDIA_TYPE,
} from './population-sheet';

const report = (over: Partial<PopulationImportReport>): PopulationImportReport => ({
  id: '5c1f4b8e-0d7a-4f57-9a43-6f0e1d2c3b4a',
  fileName: 'dan-so.csv',
  format: 'csv',
  periods: ['2026'],
  sources: ['Cục Thống kê tỉnh'],
  dryRun: true,
  applied: false,
  rows: 0,
  created: 0,
  revised: 0,
  unchanged: 0,
  rejected: 0,
  createdAt: '2026-12-05T10:00:00.000Z',
  rejectedRows: [],
  accepted: [],
  ...over,
});

describe('which files go to the api, and how', () => {
  const file = (name: string, size = 10, type = '') => ({ name, size, type });

  it('sends a .csv as text/csv and a .xlsx as the workbook media type, by extension or by type', () => {
    expect(sheetUpload(file('Dân số 2026.CSV'))).toEqual({
      contentType: CSV_MEDIA_TYPE,
      fileName: 'Dân số 2026.CSV',
    });
    expect(sheetUpload(file('so-lieu.xlsx'))).toMatchObject({ contentType: XLSX_MEDIA_TYPE });
    // A phone's picker may give a name without an extension but the right type.
    expect(sheetUpload(file('document', 10, XLSX_MEDIA_TYPE))).toMatchObject({
      contentType: XLSX_MEDIA_TYPE,
    });
  });

  it('refuses no file, another kind of file, an empty file and one above the 5 MB limit before sending', () => {
    expect(sheetUpload(undefined)).toEqual({ problem: 'missing' });
    expect(sheetUpload(file('bao-cao.pdf', 10, 'application/pdf'))).toEqual({ problem: 'type' });
    expect(sheetUpload(file('so-lieu.xls'))).toEqual({ problem: 'type' });
    expect(sheetUpload(file('trong.csv', 0))).toEqual({ problem: 'empty' });
    expect(sheetUpload(file('lon.csv', MAX_SHEET_BYTES + 1))).toEqual({ problem: 'tooLarge' });
    expect(sheetUpload(file('vua.csv', MAX_SHEET_BYTES))).toMatchObject({ contentType: CSV_MEDIA_TYPE });
  });

  it('keeps of the file name only what the import log accepts, in NFC and at most 200 characters', () => {
    const decomposed = 'Da\u0302n so\u0302\u0301.csv';
    expect(logFileName(decomposed)).toBe('Dân số.csv'.normalize('NFC'));
    expect(logFileName('a\u200Bb\u202Ec/d\\e:f.csv')).toBe('a_b_c_d_e_f.csv');
    expect(logFileName('x'.repeat(500))).toHaveLength(200);
    expect(logFileName('Số liệu (2026)_v2-final.xlsx')).toBe('Số liệu (2026)_v2-final.xlsx');
  });
});

describe('the template sheet', () => {
  it('is the contract’s columns and one example row, with a BOM so spreadsheets read it as UTF-8', () => {
    const text = templateCsv();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, example, rest] = text.slice(1).split('\r\n');
    expect(header!.split(',')).toEqual([...POPULATION_COLUMNS]);
    const cells = example!.split(',');
    expect(cells).toHaveLength(POPULATION_COLUMNS.length);
    const row = Object.fromEntries(POPULATION_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(row).toMatchObject({ target_group: 'citizens', period: '2026', organisation_code: '' });
    expect(Number(row.count)).toBeGreaterThan(0);
    expect(rest).toBe('');
  });
});

describe('the row report', () => {
  it('counts good and bad rows and lists one row per problem, each with its line, code and group', () => {
    const summary = summariseReport(
      report({
        rows: 4,
        rejected: 2,
        rejectedRows: [
          {
            line: 3,
            key: 'NOPE',
            targetGroup: 'citizens',
            errors: [{ field: 'unit_code', code: 'unknown_place', message: 'no unit NOPE in your area' }],
          },
          {
            line: 5,
            key: 'DEMO01',
            targetGroup: 'citizens',
            errors: [
              { field: 'count', code: 'count_negative', message: 'negative' },
              { field: 'period', code: 'bad_period', message: 'bad period' },
            ],
          },
        ],
      }),
    );
    expect([summary.good, summary.bad, summary.applied]).toEqual([2, 2, false]);
    expect(summary.problems.map((p) => [p.line, p.key, p.targetGroup, p.code])).toEqual([
      [3, 'NOPE', 'citizens', 'unknown_place'],
      [5, 'DEMO01', 'citizens', 'count_negative'],
      [5, 'DEMO01', 'citizens', 'bad_period'],
    ]);
  });

  it('keeps what a good file did, or would do', () => {
    const summary = summariseReport(
      report({ rows: 3, created: 2, revised: 1, dryRun: false, applied: true }),
    );
    expect(summary).toMatchObject({ good: 3, bad: 0, applied: true, dryRun: false, problems: [] });
    expect(summary.outcome).toEqual({ created: 2, revised: 1, unchanged: 0 });
  });

  it('has words for every documented row error and sheet refusal, and none for an unknown code', () => {
    expect(['unknown_place', 'count_negative', 'duplicate', 'unit_ended'].every(isRowErrorCode)).toBe(true);
    expect(isRowErrorCode('toString')).toBe(false);
    expect(['SHEET_NOT_XLSX', 'SHEET_COLUMNS_MISSING', 'CSV_MALFORMED'].every(isSheetErrorCode)).toBe(true);
    expect(isSheetErrorCode('FORBIDDEN')).toBe(false);
  });

  it('says of each logged import whether it was applied, a valid check, refused or empty', () => {
    expect(importStatus(report({ dryRun: false, applied: true, rows: 2, created: 2 }))).toBe('applied');
    expect(importStatus(report({ rows: 2, created: 2 }))).toBe('checked');
    expect(importStatus(report({ dryRun: false, rows: 2, rejected: 1 }))).toBe('refused');
    expect(importStatus(report({ rows: 2, rejected: 1 }))).toBe('refused');
    expect(importStatus(report({ dryRun: false }))).toBe('nothing');
  });
});

describe('the figures table', () => {
  const figure = (over: Partial<PopulationFigureRow>): PopulationFigureRow => ({
    targetGroup: 'citizens',
    subGroup: '',
    period: '2025',
    source: 'Cục Thống kê tỉnh',
    value: 100,
    revision: 1,
    revisions: [
      { revision: 1, value: 100, importId: null, createdAt: '2026-01-01T00:00:00.000Z', current: true },
    ],
    ...over,
  });

  it('offers the periods newest first: a year, then its halves, then its quarters', () => {
    const rows = ['2025-Q3', '2026', '2025', '2025-H2', '2026-Q1', '2025-H1'].map((period) =>
      figure({ period }),
    );
    expect(periodsOf(rows)).toEqual(['2026', '2026-Q1', '2025', '2025-H1', '2025-H2', '2025-Q3']);
  });

  it('orders by period, group, sub-group (the whole group first) and source, and filters by period', () => {
    const rows = [
      figure({ period: '2025', targetGroup: 'students', subGroup: 'school:primary' }),
      figure({ period: '2025', targetGroup: 'students' }),
      figure({ period: '2026', targetGroup: 'citizens' }),
      figure({ period: '2025', targetGroup: 'citizens', source: 'Sở GD&ĐT' }),
    ];
    expect(figuresInOrder(rows).map((r) => [r.period, r.targetGroup, r.subGroup, r.source])).toEqual([
      ['2026', 'citizens', '', 'Cục Thống kê tỉnh'],
      ['2025', 'citizens', '', 'Sở GD&ĐT'],
      ['2025', 'students', '', 'Cục Thống kê tỉnh'],
      ['2025', 'students', 'school:primary', 'Cục Thống kê tỉnh'],
    ]);
    expect(figuresInOrder(rows, '2026')).toHaveLength(1);
    // The input is left as it was.
    expect(rows[0]!.subGroup).toBe('school:primary');
  });

  it('lists the superseded revisions of a figure, newest first, never the current one', () => {
    const row = figure({
      value: 130,
      revision: 3,
      revisions: [
        { revision: 3, value: 130, importId: 'c', createdAt: '2026-03-01T00:00:00.000Z', current: true },
        { revision: 2, value: 120, importId: 'b', createdAt: '2026-02-01T00:00:00.000Z', current: false },
        { revision: 1, value: 100, importId: 'a', createdAt: '2026-01-01T00:00:00.000Z', current: false },
      ],
    });
    expect(supersededRevisions(row).map((r) => r.revision)).toEqual([2, 1]);
  });
});

describe('words and numbers of the figures', () => {
  it('writes counts with the language’s separator and names sub-groups with the dashboards’ keys', () => {
    expect(formatCount(12345, 'vi')).toBe('12.345');
    expect(formatCount(12345, 'en')).toBe('12,345');
    expect(subGroupKey('age:16+')).toBe('coverage.subGroups.age_16plus');
    expect(subGroupKey('school:upper-secondary')).toBe('coverage.subGroups.school_upper-secondary');
  });
});
