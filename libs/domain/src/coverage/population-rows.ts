import { TARGET_GROUPS, type TargetGroup } from '../catalog/target-groups';
import type { ScopeTarget } from '../access/scopes';
import { UNIT_CODE } from '../access/scopes';
import { foldForSearch } from '../text/normalize';
import { unsafeCharacter } from '../text/safe-text';
import { parsePeriod, type Period } from './periods';
import { subGroupFitsGroup, WHOLE_GROUP } from './sub-groups';

/**
 * Official populations (denominators) from a statistics sheet: the columns, how cells are read, and every check
 * a row must pass before anything is written (docs/populations.md). Pure: the caller looks the codes up in the
 * directory and passes what it found; every error of every row is reported at once, by line.
 */

/** The columns of a population sheet, in the order of the sample sheet. */
export const POPULATION_COLUMNS = [
  'unit_code',
  'organisation_code',
  'target_group',
  'sub_group',
  'period',
  'source',
  'count',
] as const;
export type PopulationColumn = (typeof POPULATION_COLUMNS)[number];

/**
 * Header aliases (compared folded: no diacritics, lower case, punctuation as spaces), so a sheet from a
 * statistics office can keep its Vietnamese headers.
 */
const HEADER_ALIASES: Record<PopulationColumn, readonly string[]> = {
  unit_code: ['unit code', 'unit', 'ma don vi', 'ma don vi hanh chinh', 'ma dvhc', 'don vi'],
  organisation_code: [
    'organization code',
    'organisation',
    'organization',
    'ma to chuc',
    'ma co quan',
    'ma co quan don vi',
    'to chuc',
  ],
  target_group: ['target group', 'group', 'nhom doi tuong', 'doi tuong', 'nhom'],
  sub_group: ['sub group', 'subgroup', 'nhom con', 'phan nhom'],
  period: ['ky', 'ky bao cao', 'ky so lieu', 'nam'],
  source: ['nguon', 'nguon so lieu', 'co quan cung cap'],
  count: ['value', 'so luong', 'so nguoi', 'dan so', 'tong so'],
};

/** The canonical column a header names (`Mã đơn vị` → `unit_code`), or undefined. */
export function populationColumnOf(header: string): PopulationColumn | undefined {
  const folded = foldForSearch(header.replace(/^\uFEFF/, ''));
  for (const column of POPULATION_COLUMNS) {
    if (folded === column.replace(/_/g, ' ')) return column;
    if (HEADER_ALIASES[column].includes(folded)) return column;
  }
  return undefined;
}

/** The largest figure a sheet may carry: above it, a typing error (Việt Nam has about 101 million people). */
export const MAX_POPULATION = 100_000_000;

/** Periods a population may be given for: a year, a six-month half or a quarter (not an ad-hoc range). */
export const POPULATION_PERIOD_KINDS = ['year', 'half', 'quarter'] as const;

/** A stable code per kind of row problem (the web translates it; the message is the English fallback). */
export type PopulationRowErrorCode =
  | 'place_missing'
  | 'place_both'
  | 'unsafe_text'
  | 'bad_code'
  | 'unknown_place'
  | 'unit_ended'
  | 'unit_not_yet'
  | 'bad_group'
  | 'bad_sub_group'
  | 'sub_group_mismatch'
  | 'bad_period'
  | 'bad_source'
  | 'count_missing'
  | 'count_not_number'
  | 'count_not_integer'
  | 'count_negative'
  | 'count_absurd'
  | 'duplicate'
  | 'sub_groups_exceed_whole';

export interface PopulationRowError {
  field: PopulationColumn | 'place';
  code: PopulationRowErrorCode;
  message: string;
}

export interface PopulationRowRejection {
  line: number;
  key?: string;
  /** The row's target group as written (so a report can say which figure of a place it is). */
  targetGroup?: string;
  errors: PopulationRowError[];
}

/** One record of the sheet: the cells by canonical column (strings from CSV; numbers or strings from XLSX). */
export interface PopulationRecord {
  line: number;
  cells: Partial<Record<PopulationColumn, unknown>>;
}

/** A version of an administrative unit (a code may have several over time: split, merged, renamed). */
export interface UnitVersionInfo {
  id: string;
  code: string;
  path: string;
  /** YYYY-MM-DD, first day valid. */
  validFrom: string;
  /** YYYY-MM-DD, first day no longer valid (exclusive), or null. */
  validTo: string | null;
  successorCodes: readonly string[];
}

export interface OrganisationInfo {
  id: string;
  code: string;
  /** The path of the organisation's unit. */
  unitPath: string;
}

/** A figure already stored (the current revision), for the sub-group sum check. */
export interface StoredFigure {
  placeKind: 'unit' | 'organisation';
  placeId: string;
  targetGroup: string;
  subGroup: string;
  period: string;
  source: string;
  value: number;
}

export interface PopulationCheckContext {
  /** Every version of the units with this code (any validity). */
  unitVersions: (code: string) => readonly UnitVersionInfo[];
  organisation: (code: string) => OrganisationInfo | undefined;
  /** Whether the caller may import for this place (population.import reach). */
  reaches: (target: ScopeTarget) => boolean;
  /** Current figures of the places the file names (for the sub-group sum check). */
  stored?: readonly StoredFigure[];
}

/** A checked row, its place resolved. */
export interface PopulationRow {
  line: number;
  placeKind: 'unit' | 'organisation';
  placeId: string;
  placeCode: string;
  /** The unit path (of the unit, or of the organisation's unit): the audit scope. */
  placePath: string;
  targetGroup: TargetGroup;
  subGroup: string;
  period: string;
  source: string;
  value: number;
}

const ORGANISATION_CODE = /^[A-Za-z0-9._-]{1,40}$/;
const MAX_SOURCE = 200;

const cellText = (v: unknown): string =>
  v === undefined || v === null ? '' : (typeof v === 'string' ? v : String(v)).normalize('NFC').trim();

/**
 * Reads a count cell. Numbers (XLSX) must be whole. Text may group thousands with a dot, a comma, a space or a
 * no-break space, in groups of exactly three digits ("12.345", "12,345", "1 234 567"): a population is a whole
 * number, so "12.345" is twelve thousand three hundred and forty-five, never twelve point three. A decimal
 * part ("12,5", "1.2345") or anything else is refused.
 */
export function readCount(v: unknown): { value: number } | { code: PopulationRowErrorCode; message: string } {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { code: 'count_not_number', message: 'expected a whole number' };
    if (!Number.isInteger(v))
      return { code: 'count_not_integer', message: 'expected a whole number of people' };
    return rangeOf(v);
  }
  const raw = cellText(v);
  if (raw === '') return { code: 'count_missing', message: 'expected the number of people' };
  const negative = /^[-−]/.test(raw);
  const body = raw.replace(/^[-−+]\s*/, '');
  let digits: string | undefined;
  if (/^\d+$/.test(body)) digits = body;
  else if (/^\d{1,3}([., \u00A0]\d{3})+$/.test(body) && new Set(body.replace(/\d/g, '')).size === 1)
    digits = body.replace(/\D/g, '');
  if (digits === undefined) {
    if (/^\d+([.,]\d+)?$/.test(body) || /^\d{1,3}([.,]\d{3})*[.,]\d{1,2}$/.test(body))
      return { code: 'count_not_integer', message: 'expected a whole number of people' };
    return { code: 'count_not_number', message: `"${raw.slice(0, 30)}" is not a number` };
  }
  if (digits.length > 12) return { code: 'count_absurd', message: `expected at most ${MAX_POPULATION}` };
  const value = Number(digits);
  return rangeOf(negative ? -value : value);
}

function rangeOf(value: number): { value: number } | { code: PopulationRowErrorCode; message: string } {
  if (value < 0) return { code: 'count_negative', message: 'a population cannot be negative' };
  if (value > MAX_POPULATION)
    return { code: 'count_absurd', message: `${value} is more than ${MAX_POPULATION}: a typing error?` };
  return { value: value === 0 ? 0 : value };
}

/** The key of a figure: one value per place, group, sub-group, period and source. */
export const figureKey = (
  f: Pick<PopulationRow, 'placeKind' | 'placeId' | 'targetGroup' | 'subGroup' | 'period' | 'source'>,
): string => [f.placeKind, f.placeId, f.targetGroup, f.subGroup, f.period, f.source].join('\u0001');

/**
 * The unit a population of `period` is entered on: the version of the code valid on the period's last day
 * ("reports for a period use the units valid at the period's end"). A unit merged or split before then has no
 * figure of its own for the period: its figures are entered on its successor(s).
 */
function resolveUnit(
  code: string,
  period: Period | undefined,
  ctx: PopulationCheckContext,
): { unit: UnitVersionInfo } | PopulationRowError {
  const versions = ctx
    .unitVersions(code)
    .filter((u) => ctx.reaches({ unitPath: u.path, organisationId: null }));
  // An unknown code and a code outside the caller's area read the same: nothing about other areas leaks.
  if (versions.length === 0)
    return { field: 'unit_code', code: 'unknown_place', message: `no unit ${code} in your area` };
  if (!period) return { unit: versions[0]! };
  const valid = versions.find(
    (u) => u.validFrom <= period.end && (u.validTo === null || u.validTo > period.end),
  );
  if (valid) return { unit: valid };
  const ended = versions
    .filter((u) => u.validTo !== null && u.validTo <= period.end)
    .sort((a, b) => b.validTo!.localeCompare(a.validTo!))[0];
  if (ended) {
    const successors = ended.successorCodes.length ? ended.successorCodes.join(', ') : null;
    return {
      field: 'unit_code',
      code: 'unit_ended',
      message: successors
        ? `unit ${code} ended on ${ended.validTo} (merged or split), before the end of ${period.code}; enter its figures on its successor(s): ${successors}`
        : `unit ${code} ended on ${ended.validTo}, before the end of ${period.code}`,
    };
  }
  const first = [...versions].sort((a, b) => a.validFrom.localeCompare(b.validFrom))[0]!;
  return {
    field: 'unit_code',
    code: 'unit_not_yet',
    message: `unit ${code} is valid only from ${first.validFrom}, after the end of ${period.code}`,
  };
}

const UNSAFE_ANYWHERE =
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;
const visible = (text: string): string => text.replace(UNSAFE_ANYWHERE, '\uFFFD');

function unsafe(field: PopulationColumn, value: string): PopulationRowError | undefined {
  const what = unsafeCharacter(value);
  return what
    ? { field, code: 'unsafe_text', message: `contains ${what}, which a ${field} may not hold` }
    : undefined;
}

/**
 * Checks every record of a population sheet (line numbers as in the file, the header being line 1). A row is
 * accepted only when all its cells are right, its place is in the caller's area and valid for the period, and
 * it does not repeat another row's key. Then, per place, group, period and source, the sub-groups' figures
 * (from the file, else stored) may not add up to more than the whole group's: sub-groups of one family are
 * disjoint (one school level, one organisation kind), so a larger sum is a wrong figure, refused as an error
 * on the rows of the file that take part.
 */
export function checkPopulationRows(
  records: readonly PopulationRecord[],
  ctx: PopulationCheckContext,
): { rows: PopulationRow[]; rejected: PopulationRowRejection[] } {
  const rows: PopulationRow[] = [];
  const rejected = new Map<number, PopulationRowRejection>();
  const seen = new Map<string, number>();
  const reject = (line: number, key: string | undefined, errors: PopulationRowError[]) => {
    const entry = rejected.get(line) ?? { line, ...(key ? { key } : {}), errors: [] };
    entry.errors.push(...errors);
    rejected.set(line, entry);
  };

  for (const { line, cells } of records) {
    const errors: PopulationRowError[] = [];
    const unitCode = cellText(cells.unit_code);
    const organisationCode = cellText(cells.organisation_code);
    const group = cellText(cells.target_group);
    const subGroup = cellText(cells.sub_group);
    const periodCode = cellText(cells.period);
    const source = cellText(cells.source).replace(/\s+/g, ' ');
    const key = unitCode || organisationCode || undefined;

    const unsafeCells = (
      [
        ['unit_code', unitCode],
        ['organisation_code', organisationCode],
        ['target_group', group],
        ['sub_group', subGroup],
        ['period', periodCode],
        ['source', source],
      ] as const
    )
      .map(([field, value]) => unsafe(field, value))
      .filter((e): e is PopulationRowError => e !== undefined);
    errors.push(...unsafeCells);
    const unsafeField = new Set(unsafeCells.map((e) => e.field));

    if (!unitCode && !organisationCode)
      errors.push({
        field: 'place',
        code: 'place_missing',
        message: 'expected a unit_code or an organisation_code',
      });
    if (unitCode && organisationCode)
      errors.push({
        field: 'place',
        code: 'place_both',
        message: 'expected a unit_code or an organisation_code, not both',
      });

    const period = parsePeriod(periodCode);
    const periodOk =
      period !== undefined && (POPULATION_PERIOD_KINDS as readonly string[]).includes(period.kind);
    if (!periodOk && !unsafeField.has('period'))
      errors.push({
        field: 'period',
        code: 'bad_period',
        message: 'expected a year (2025), a half (2025-H1, 2025-H2) or a quarter (2025-Q1 … 2025-Q4)',
      });

    const groupOk = (TARGET_GROUPS as readonly string[]).includes(group);
    if (!groupOk && !unsafeField.has('target_group'))
      errors.push({
        field: 'target_group',
        code: 'bad_group',
        message: `expected one of ${TARGET_GROUPS.join(', ')}`,
      });
    if (!unsafeField.has('sub_group') && groupOk && !subGroupFitsGroup(group as TargetGroup, subGroup))
      errors.push({
        field: 'sub_group',
        code: /^[a-z]+:/.test(subGroup) ? 'sub_group_mismatch' : 'bad_sub_group',
        message: `"${subGroup.slice(0, 40)}" is not a population sub-group of ${group} (leave it empty for the whole group)`,
      });

    if (!unsafeField.has('source') && (source.length === 0 || source.length > MAX_SOURCE))
      errors.push({
        field: 'source',
        code: 'bad_source',
        message: `expected the source of the figure, 1 to ${MAX_SOURCE} characters`,
      });

    const count = readCount(cells.count);
    if (!('value' in count)) errors.push({ field: 'count', ...count });

    let place: Pick<PopulationRow, 'placeKind' | 'placeId' | 'placeCode' | 'placePath'> | undefined;
    if (unitCode && !organisationCode && !unsafeField.has('unit_code')) {
      if (!UNIT_CODE.test(unitCode))
        errors.push({ field: 'unit_code', code: 'bad_code', message: 'expected 1 to 20 letters or digits' });
      else {
        const found = resolveUnit(unitCode, periodOk ? period : undefined, ctx);
        if ('unit' in found)
          place = {
            placeKind: 'unit',
            placeId: found.unit.id,
            placeCode: unitCode,
            placePath: found.unit.path,
          };
        else errors.push(found);
      }
    }
    if (organisationCode && !unitCode && !unsafeField.has('organisation_code')) {
      if (!ORGANISATION_CODE.test(organisationCode))
        errors.push({
          field: 'organisation_code',
          code: 'bad_code',
          message: 'expected 1 to 40 letters, digits, dots, dashes or underscores',
        });
      else {
        const org = ctx.organisation(organisationCode);
        if (!org || !ctx.reaches({ unitPath: org.unitPath, organisationId: org.id }))
          errors.push({
            field: 'organisation_code',
            code: 'unknown_place',
            message: `no organisation ${organisationCode} in your area`,
          });
        else
          place = {
            placeKind: 'organisation',
            placeId: org.id,
            placeCode: organisationCode,
            placePath: org.unitPath,
          };
      }
    }

    if (place && periodOk && groupOk && errors.length === 0 && 'value' in count) {
      const row: PopulationRow = {
        line,
        ...place,
        targetGroup: group as TargetGroup,
        subGroup,
        period: period.code,
        source,
        value: count.value,
      };
      const k = figureKey(row);
      const first = seen.get(k);
      if (first !== undefined) {
        reject(line, key, [
          {
            field: 'place',
            code: 'duplicate',
            message: `the same place, group, sub-group, period and source as line ${first}`,
          },
        ]);
        continue;
      }
      seen.set(k, line);
      rows.push(row);
    } else if (errors.length > 0) reject(line, key, errors);
  }

  checkSubGroupSums(rows, ctx.stored ?? [], reject);
  const rejectedLines = new Set(rejected.keys());
  const groupOf = new Map(records.map((r) => [r.line, cellText(r.cells.target_group)]));
  return {
    rows: rows.filter((r) => !rejectedLines.has(r.line)),
    // What the report quotes from the file is made visible (controls, invisible and bidi characters shown as
    // U+FFFD): it is stored (jsonb cannot hold NUL) and shown to people.
    rejected: [...rejected.values()]
      .sort((a, b) => a.line - b.line)
      .map((r) => ({
        ...r,
        ...(r.key !== undefined ? { key: visible(r.key).slice(0, 40) } : {}),
        ...(groupOf.get(r.line) ? { targetGroup: visible(groupOf.get(r.line)!).slice(0, 40) } : {}),
        errors: r.errors.map((e) => ({ ...e, message: visible(e.message) })),
      })),
  };
}

function checkSubGroupSums(
  rows: readonly PopulationRow[],
  stored: readonly StoredFigure[],
  reject: (line: number, key: string | undefined, errors: PopulationRowError[]) => void,
): void {
  // Effective figures per (place, group, period, source): the file's, else the stored current one.
  type Bucket = {
    whole?: { value: number; line?: number };
    subs: Map<string, { value: number; line?: number }>;
  };
  const buckets = new Map<string, Bucket>();
  const bucketOf = (f: Omit<StoredFigure, 'subGroup' | 'value'>) => {
    const k = [f.placeKind, f.placeId, f.targetGroup, f.period, f.source].join('\u0001');
    let b = buckets.get(k);
    if (!b) buckets.set(k, (b = { subs: new Map() }));
    return b;
  };
  const fileKeys = new Set(
    rows.map((r) => [r.placeKind, r.placeId, r.targetGroup, r.period, r.source].join('\u0001')),
  );
  for (const s of stored) {
    if (!fileKeys.has([s.placeKind, s.placeId, s.targetGroup, s.period, s.source].join('\u0001'))) continue;
    const b = bucketOf(s);
    if (s.subGroup === WHOLE_GROUP) b.whole ??= { value: s.value };
    else if (!b.subs.has(s.subGroup)) b.subs.set(s.subGroup, { value: s.value });
  }
  for (const r of rows) {
    const b = bucketOf(r);
    if (r.subGroup === WHOLE_GROUP) b.whole = { value: r.value, line: r.line };
    else b.subs.set(r.subGroup, { value: r.value, line: r.line });
  }
  const byLine = new Map(rows.map((r) => [r.line, r]));
  for (const b of buckets.values()) {
    if (!b.whole) continue;
    const sum = [...b.subs.values()].reduce((s, x) => s + x.value, 0);
    if (sum <= b.whole.value) continue;
    const lines = [b.whole.line, ...[...b.subs.values()].map((x) => x.line)].filter(
      (l): l is number => l !== undefined,
    );
    for (const line of lines)
      reject(line, byLine.get(line)?.placeCode, [
        {
          field: 'count',
          code: 'sub_groups_exceed_whole',
          message: `the sub-groups add up to ${sum}, more than the whole group's ${b.whole.value}`,
        },
      ]);
  }
}
