import type {
  PopulationFigureRow,
  PopulationImportReport,
  PopulationImportSummary,
} from '@hocvuso/contracts';
import { POPULATION_COLUMNS } from '@hocvuso/domain';
import type coverageVi from '../../i18n/sections/coverage.vi.json';

/**
 * The pure parts of the populations pages: which files may be sent and how, the template sheet, the row report
 * in one row per problem, and the figures filtered and ordered for the table (docs/populations.md).
 */

export const CSV_MEDIA_TYPE = 'text/csv';
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The api's default POPULATION_SHEET_MAX_BYTES (5 MB): larger files are refused before upload. */
export const MAX_SHEET_BYTES = 5 * 1024 * 1024;

/** What the file input offers: CSV and XLSX, by extension and by media type (phones pick by type). */
export const SHEET_ACCEPT = `.csv,.xlsx,${CSV_MEDIA_TYPE},${XLSX_MEDIA_TYPE}`;

export type SheetProblem = 'missing' | 'type' | 'empty' | 'tooLarge';

/** How a chosen file goes to the api, or why it cannot: its media type decided by extension, then by type. */
export function sheetUpload(
  file: { name: string; type: string; size: number } | undefined,
): { contentType: string; fileName: string } | { problem: SheetProblem } {
  if (!file) return { problem: 'missing' };
  const name = file.name.toLowerCase();
  const contentType =
    name.endsWith('.xlsx') || file.type === XLSX_MEDIA_TYPE
      ? XLSX_MEDIA_TYPE
      : name.endsWith('.csv') || file.type === CSV_MEDIA_TYPE
        ? CSV_MEDIA_TYPE
        : undefined;
  if (!contentType) return { problem: 'type' };
  if (file.size === 0) return { problem: 'empty' };
  if (file.size > MAX_SHEET_BYTES) return { problem: 'tooLarge' };
  return { contentType, fileName: logFileName(file.name) };
}

/**
 * The file's name as the import log may keep it: NFC, only letters, digits, spaces and . _ - ( ) (anything else,
 * e.g. a zero-width or text-direction character, becomes "_"), at most 200 characters.
 */
export function logFileName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 200);
}

/** An example row of the template: one whole group of one commune for a year. */
const TEMPLATE_EXAMPLE: Record<(typeof POPULATION_COLUMNS)[number], string> = {
  unit_code: 'DEMO01',
  organisation_code: '',
  target_group: 'citizens',
  sub_group: 'age:16+',
  period: '2026',
  source: 'Cục Thống kê tỉnh',
  count: '4050',
};

const csvCell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The template sheet: the contract's columns and one example row, UTF-8 with a BOM (spreadsheets read it so). */
export function templateCsv(): string {
  const header = POPULATION_COLUMNS.join(',');
  const example = POPULATION_COLUMNS.map((column) => csvCell(TEMPLATE_EXAMPLE[column])).join(',');
  return `\uFEFF${header}\r\n${example}\r\n`;
}

/** One problem of one refused line, as the row report's table shows it. */
export interface RowProblem {
  line: number;
  key: string;
  targetGroup: string;
  field: string;
  code: string;
  message: string;
}

export interface ReportSummary {
  /** Data rows without a problem, and refused rows. */
  good: number;
  bad: number;
  /** True when the figures were written. */
  applied: boolean;
  dryRun: boolean;
  /** One row per problem, by line. */
  problems: RowProblem[];
  /** What was (or, for a dry run, would be) done to the good rows. */
  outcome: { created: number; revised: number; unchanged: number };
}

export function summariseReport(report: PopulationImportReport): ReportSummary {
  return {
    good: Math.max(0, report.rows - report.rejected),
    bad: report.rejected,
    applied: report.applied,
    dryRun: report.dryRun,
    problems: report.rejectedRows.flatMap((row) =>
      row.errors.map((e) => ({
        line: row.line,
        key: row.key ?? '',
        targetGroup: row.targetGroup ?? '',
        field: e.field,
        code: e.code,
        message: e.message,
      })),
    ),
    outcome: { created: report.created, revised: report.revised, unchanged: report.unchanged },
  };
}

/** What an entry of the import log says happened. */
export type ImportStatus = 'applied' | 'checked' | 'refused' | 'nothing';

export function importStatus(item: PopulationImportSummary): ImportStatus {
  if (item.applied) return 'applied';
  if (item.rejected > 0) return 'refused';
  if (item.dryRun) return 'checked';
  return 'nothing';
}

/** The row-error codes the web has words for; any other code is shown with the api's own (English) message. */
export const ROW_ERROR_CODES = [
  'place_missing',
  'place_both',
  'bad_code',
  'unsafe_text',
  'unknown_place',
  'unit_ended',
  'unit_not_yet',
  'bad_group',
  'bad_sub_group',
  'sub_group_mismatch',
  'bad_period',
  'bad_source',
  'count_missing',
  'count_not_number',
  'count_not_integer',
  'count_negative',
  'count_absurd',
  'duplicate',
  'sub_groups_exceed_whole',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];
export const isRowErrorCode = (code: string): code is RowErrorCode =>
  (ROW_ERROR_CODES as readonly string[]).includes(code);

/** The sheet-level refusals (the whole file) the page explains in its own words. */
export const SHEET_ERROR_CODES = [
  'SHEET_REQUIRED',
  'SHEET_TOO_LARGE',
  'SHEET_NOT_XLSX',
  'SHEET_UNPACKS_TOO_LARGE',
  'SHEET_UNREADABLE',
  'SHEET_EMPTY',
  'SHEET_COLUMNS_MISSING',
  'SHEET_COLUMNS_REPEATED',
  'SHEET_TOO_MANY_ROWS',
  'CSV_MALFORMED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INVALID_TEXT',
] as const;
export type SheetErrorCode = (typeof SHEET_ERROR_CODES)[number];
export const isSheetErrorCode = (code: string): code is SheetErrorCode =>
  (SHEET_ERROR_CODES as readonly string[]).includes(code);

/** A period code for sorting: year, then the part of it (the whole year first, then halves, then quarters). */
function periodOrder(period: string): [number, number] {
  const [, year, part] = /^(\d{4})(?:-(H[12]|Q[1-4]))?$/.exec(period) ?? [];
  const rank = !part ? 0 : part.startsWith('H') ? Number(part[1]) : 2 + Number(part[1]);
  return [Number(year ?? 0), rank];
}

/** The periods the figures have, newest first (for the period filter). */
export function periodsOf(rows: readonly PopulationFigureRow[]): string[] {
  return [...new Set(rows.map((r) => r.period))].sort((a, b) => {
    const [ya, ra] = periodOrder(a);
    const [yb, rb] = periodOrder(b);
    return yb - ya || ra - rb;
  });
}

/**
 * The figures in table order: newest period first, then group, sub-group (the whole group first) and source;
 * only one period when one is chosen.
 */
export function figuresInOrder(rows: readonly PopulationFigureRow[], period?: string): PopulationFigureRow[] {
  const periods = periodsOf(rows);
  return rows
    .filter((r) => !period || r.period === period)
    .sort(
      (a, b) =>
        periods.indexOf(a.period) - periods.indexOf(b.period) ||
        a.targetGroup.localeCompare(b.targetGroup) ||
        a.subGroup.localeCompare(b.subGroup) ||
        a.source.localeCompare(b.source, 'vi'),
    );
}

/** A figure's earlier revisions (newest first): the ones the current revision superseded. */
export const supersededRevisions = (row: PopulationFigureRow) => row.revisions.filter((r) => !r.current);

/** The i18n key of a sub-group's name, shared with the dashboards (`age:16+` → `coverage.subGroups.age_16plus`). */
export const subGroupKey = (code: string) =>
  `coverage.subGroups.${code.replace(':', '_').replace('+', 'plus')}` as `coverage.subGroups.${keyof typeof coverageVi.coverage.subGroups}`;
