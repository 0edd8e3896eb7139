import type { ReportSummary } from '@hocvuso/contracts';
import { formatDay } from '../../i18n/format';

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
