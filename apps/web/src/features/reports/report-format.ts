import type { ReportSummary } from '@hocvuso/contracts';

const locale = (lang: string) => (lang === 'en' ? 'en-GB' : 'vi-VN');

/** A share as a percentage with at most one decimal (82,5 % in Vietnamese); an em dash when there is none. */
export function formatShare(share: number | null | undefined, lang: string): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** A count with the language's thousands separator (170.000 in Vietnamese). */
export function formatCount(value: number | null | undefined, lang: string): string {
  if (value == null) return '—';
  return new Intl.NumberFormat(locale(lang)).format(value);
}

/** A date YYYY-MM-DD as Vietnamese offices write it (31/12/2025). */
export function formatDay(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Keys under `reports.period`. */
export type PeriodKey = 'quarter' | 'half1' | 'half2' | 'year' | 'adhoc';

/**
 * How a period is named in words: the key of its sentence and the values in it ("Quý III năm 2026",
 * "6 tháng đầu năm 2026", "Năm 2026", "Từ 01/07/2026 đến 15/08/2026"), as the reports' readers write it.
 */
export function periodWords(period: ReportSummary['period']): [PeriodKey, Record<string, string>] {
  const year = period.code.slice(0, 4);
  switch (period.kind) {
    case 'quarter':
      return ['quarter', { part: ROMAN[Number(period.code.slice(-1)) - 1] ?? period.code.slice(-1), year }];
    case 'half':
      return [period.code.endsWith('H1') ? 'half1' : 'half2', { year }];
    case 'year':
      return ['year', { year }];
    case 'adhoc':
      return ['adhoc', { start: formatDay(period.start), end: formatDay(period.end) }];
  }
}
