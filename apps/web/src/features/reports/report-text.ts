import type { ReportSummary } from '@hocvuso/contracts';
import type { TFunction } from 'i18next';
import { periodWords } from './report-format';

const KIND = {
  quarter: 'reports.kind.quarter',
  half: 'reports.kind.half',
  year: 'reports.kind.year',
  adhoc: 'reports.kind.adhoc',
} as const;

const PERIOD = {
  quarter: 'reports.period.quarter',
  half1: 'reports.period.half1',
  half2: 'reports.period.half2',
  year: 'reports.period.year',
  adhoc: 'reports.period.adhoc',
} as const;

/** The kind of period in words ("Quý", "6 tháng", "Năm", "Tùy chọn"). */
export const kindText = (t: TFunction, kind: ReportSummary['period']['kind']): string => t(KIND[kind]);

/** A period in words ("Quý III năm 2026"). */
export function periodText(t: TFunction, period: ReportSummary['period']): string {
  const [key, values] = periodWords(period);
  // Each key of PERIOD takes the values periodWords gives it (the translations spec checks the placeholders).
  return (t as unknown as (key: string, values: Record<string, string>) => string)(PERIOD[key], values);
}

/** The report's place in words (everywhere has no name of its own). */
export const placeText = (t: TFunction, place: ReportSummary['place']): string =>
  place.kind === 'all' ? t('reports.form.everywhere') : place.name;
