import { REPORT_PERIOD_KINDS, type ReportRequest, reportRequestSchema } from '@hocvuso/contracts';
import { parsePeriod } from '@hocvuso/domain';
import { isApiError } from '../../api/client';

export type ReportPeriodKind = (typeof REPORT_PERIOD_KINDS)[number];

/** The first year the plans report on: the period lists start here. */
export const FIRST_REPORT_YEAR = 2025;

/** What the request form holds, as typed (text of the controls). */
export interface ReportForm {
  /** `unit:<id>`, `organisation:<id>` or `all` (a place of the caller's reach), '' when none is chosen. */
  scope: string;
  kind: ReportPeriodKind;
  /** A period code of the chosen kind (`2026-Q3`, `2026-H1`, `2026`), for the standard kinds. */
  period: string;
  /** The ad-hoc range (YYYY-MM-DD). */
  start: string;
  end: string;
}

export type ReportField = 'scope' | 'period' | 'start' | 'end' | 'reason';

/** Keys under `reports.problems`. */
export type ReportProblem =
  | 'scopeRequired'
  | 'periodRequired'
  | 'periodInvalid'
  | 'periodNotEnded'
  | 'startRequired'
  | 'endRequired'
  | 'startAfterEnd'
  | 'endAfterToday'
  | 'reasonRequired'
  | 'reasonTooShort'
  | 'reasonTooLong'
  | 'reportExists'
  | 'reportInProgress'
  | 'scopeOutOfReach';

/** The contract's bounds on a correction's reason (libs/contracts reports.ts), after trimming. */
export const REASON_MIN = 5;
export const REASON_MAX = 1000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (d: string): boolean =>
  DATE.test(d) &&
  !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
  new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/**
 * The periods of a kind that have ended before `today` (a Vietnam date), newest first, back to
 * FIRST_REPORT_YEAR: what the period list offers (a report of a period still running is refused by the api).
 */
export function endedPeriods(kind: Exclude<ReportPeriodKind, 'adhoc'>, today: string): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (let y = year; y >= FIRST_REPORT_YEAR; y -= 1) {
    const codes =
      kind === 'quarter'
        ? [4, 3, 2, 1].map((q) => `${y}-Q${q}`)
        : kind === 'half'
          ? [`${y}-H2`, `${y}-H1`]
          : [`${y}`];
    for (const code of codes) if (parsePeriod(code)!.end < today) out.push(code);
  }
  return out;
}

/** The period code the form asks for ('' when it names none). */
export function periodCodeOf(form: ReportForm): string {
  if (form.kind === 'adhoc') return `${form.start}..${form.end}`;
  return form.period;
}

/**
 * What is wrong with the form, field by field, in the order they are shown; the same rules as the api
 * (reportRequestSchema and the service: a standard period must have ended, an ad-hoc range ends today at the
 * latest and does not start after it ends).
 */
export function reportProblems(form: ReportForm, today: string): Array<[ReportField, ReportProblem]> {
  const out: Array<[ReportField, ReportProblem]> = [];
  if (!form.scope) out.push(['scope', 'scopeRequired']);
  if (form.kind === 'adhoc') {
    const start = form.start.trim();
    const end = form.end.trim();
    if (!start) out.push(['start', 'startRequired']);
    else if (!isRealDate(start)) out.push(['start', 'periodInvalid']);
    if (!end) out.push(['end', 'endRequired']);
    else if (!isRealDate(end)) out.push(['end', 'periodInvalid']);
    else if (end > today) out.push(['end', 'endAfterToday']);
    if (isRealDate(start) && isRealDate(end) && start > end) out.push(['start', 'startAfterEnd']);
    return out;
  }
  if (!form.period) {
    out.push(['period', 'periodRequired']);
    return out;
  }
  const period = parsePeriod(form.period);
  if (!period || period.kind !== form.kind) out.push(['period', 'periodInvalid']);
  else if (period.end >= today) out.push(['period', 'periodNotEnded']);
  return out;
}

/** What is wrong with a correction's reason (the contract trims it, then wants 5 to 1000 characters). */
export function reasonProblem(reason: string): ReportProblem | undefined {
  const text = reason.trim();
  if (!text) return 'reasonRequired';
  if (text.length < REASON_MIN) return 'reasonTooShort';
  if (text.length > REASON_MAX) return 'reasonTooLong';
  return undefined;
}

/** The place part of a request from a scope value (`unit:<id>`, `organisation:<id>`, `all`). */
export function placeOf(scope: string): Pick<ReportRequest, 'unitId' | 'organisationId'> {
  const [kind, id] = scope.split(':');
  if (kind === 'unit' && id) return { unitId: id };
  if (kind === 'organisation' && id) return { organisationId: id };
  return {};
}

/** The scope value of a place (the report's own place, for a correction). */
export const scopeOf = (place: { kind: string; id: string | null }): string =>
  place.kind === 'all' || !place.id ? 'all' : `${place.kind}:${place.id}`;

/** The body of POST /api/admin/reports for a checked form (the schema's own check is the last word). */
export function toReportRequest(
  form: ReportForm,
  extra: { plan?: string; correctionOf?: number; reason?: string } = {},
): ReportRequest {
  const body: ReportRequest = {
    ...(extra.plan ? { plan: extra.plan } : {}),
    ...placeOf(form.scope),
    period: periodCodeOf(form).trim(),
    ...(extra.correctionOf != null ? { correctionOf: extra.correctionOf, reason: extra.reason?.trim() } : {}),
  };
  return reportRequestSchema.parse(body);
}

/**
 * The field an api refusal belongs to, with its problem, so it is shown next to that field; undefined for an
 * error about the whole request (shown above the form).
 */
export function serverProblem(
  error: unknown,
  kind: ReportPeriodKind,
): [ReportField, ReportProblem] | undefined {
  if (!isApiError(error)) return undefined;
  const periodField: ReportField = kind === 'adhoc' ? 'end' : 'period';
  switch (error.code) {
    case 'PERIOD_INVALID':
      return [kind === 'adhoc' ? 'start' : 'period', 'periodInvalid'];
    case 'PERIOD_NOT_ENDED':
      return [periodField, kind === 'adhoc' ? 'endAfterToday' : 'periodNotEnded'];
    case 'REPORT_EXISTS':
      return [periodField, 'reportExists'];
    case 'REPORT_IN_PROGRESS':
    case 'REPORT_NOT_FINISHED':
      return [periodField, 'reportInProgress'];
    case 'UNIT_NOT_FOUND':
    case 'ORGANISATION_NOT_FOUND':
    case 'PLACE_REQUIRED':
      return ['scope', 'scopeOutOfReach'];
    case 'VALIDATION_FAILED': {
      const paths = Array.isArray(error.details)
        ? (error.details as Array<{ path?: unknown }>).map((d) => String(d.path ?? ''))
        : [];
      if (paths.includes('reason')) return ['reason', 'reasonTooShort'];
      if (paths.includes('unitId') || paths.includes('organisationId')) return ['scope', 'scopeOutOfReach'];
      if (paths.includes('period')) return [periodField, 'periodInvalid'];
      return undefined;
    }
    default:
      return undefined;
  }
}
