/**
 * Reporting periods on the Vietnam calendar. Codes: `2025-Q3` (quarter), `2025-H2` (six months), `2025` (year);
 * an ad-hoc period is a pair of dates. A period covers whole Vietnam days from `start` to `end` inclusive; its
 * cut-off instant (what a snapshot counts up to, exclusive) is 00:00 in Vietnam of the day after `end`.
 */
export type PeriodKind = 'quarter' | 'half' | 'year' | 'adhoc';

export interface Period {
  kind: PeriodKind;
  /** `2025-Q3`, `2025-H2`, `2025`, or `2025-07-01..2025-09-30` for an ad-hoc range. */
  code: string;
  /** First day, YYYY-MM-DD (Vietnam calendar). */
  start: string;
  /** Last day, YYYY-MM-DD (Vietnam calendar), inclusive. */
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

const isRealDate = (d: string): boolean => {
  const m = DATE.exec(d);
  if (!m) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

const lastDayOfMonth = (year: number, month: number): string =>
  new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);

const pad = (n: number) => String(n).padStart(2, '0');

/** Parses a period code; undefined when it is not one (a clear error is the caller's). */
export function parsePeriod(code: string): Period | undefined {
  const text = code.trim();
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return {
      kind: 'quarter',
      code: text,
      start: `${y}-${pad(q * 3 - 2)}-01`,
      end: lastDayOfMonth(y, q * 3),
    };
  }
  m = /^(\d{4})-H([12])$/.exec(text);
  if (m) {
    const y = Number(m[1]);
    const h = Number(m[2]);
    return {
      kind: 'half',
      code: text,
      start: `${y}-${h === 1 ? '01' : '07'}-01`,
      end: lastDayOfMonth(y, h * 6),
    };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return { kind: 'year', code: text, start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (m && isRealDate(m[1]!) && isRealDate(m[2]!) && m[1]! <= m[2]!)
    return { kind: 'adhoc', code: text, start: m[1]!, end: m[2]! };
  return undefined;
}

/** The instant a Vietnam calendar day starts. */
export function vietnamDayStart(date: string): Date {
  if (!isRealDate(date)) throw new RangeError(`expected a date YYYY-MM-DD, got ${date}`);
  return new Date(Date.parse(`${date}T00:00:00Z`) - VIETNAM_OFFSET_MS);
}

/** What a snapshot of the period counts up to (exclusive): 00:00 in Vietnam on the day after the period's end. */
export function periodCutOff(period: Pick<Period, 'end'>): Date {
  return new Date(vietnamDayStart(period.end).getTime() + 24 * 3600 * 1000);
}

/** The quarter, six months and year that end on `date` (a Vietnam date), if any: what is due for a report then. */
export function periodsEndingOn(date: string): Period[] {
  const m = DATE.exec(date);
  if (!m) return [];
  const y = Number(m[1]);
  const month = Number(m[2]);
  if (date !== lastDayOfMonth(y, month)) return [];
  const out: Period[] = [];
  if (month % 3 === 0) out.push(parsePeriod(`${y}-Q${month / 3}`)!);
  if (month % 6 === 0) out.push(parsePeriod(`${y}-H${month / 6}`)!);
  if (month === 12) out.push(parsePeriod(`${y}`)!);
  return out;
}

/** The month buckets (YYYY-MM) from `start` to `end` inclusive, for trends. */
export function monthsBetween(start: string, end: string): string[] {
  const out: string[] = [];
  let y = Number(start.slice(0, 4));
  let mo = Number(start.slice(5, 7));
  const last = end.slice(0, 7);
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = `${y}-${pad(mo)}`;
    if (key > last) break;
    out.push(key);
    mo += 1;
    if (mo === 13) {
      mo = 1;
      y += 1;
    }
  }
  return out;
}
