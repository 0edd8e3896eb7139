import { isUiLanguage, type Language, SUB_GROUPS, TARGET_GROUPS, uiLanguageCodes } from '../catalog';
import { displayNameProblem, normalizeEmail, normalizeVietnamesePhone } from '../identity';
import { UNIT_CODE } from '../access';

/** One refused row of an imported CSV: its line in the file and every problem with it. */
export interface RowRejection {
  line: number;
  key?: string;
  errors: Array<{ field: string; message: string }>;
}

export const UNIT_LEVELS = ['province', 'commune', 'village'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
export const PARENT_LEVEL: Record<UnitLevel, UnitLevel | null> = {
  province: null,
  commune: 'province',
  village: 'commune',
};

/** What an organisation is; `cooperative_union` is a liên hiệp hợp tác xã (a union of cooperatives). */
export const ORGANISATION_KINDS = [
  'state_agency',
  'enterprise',
  'cooperative',
  'cooperative_union',
  'school',
  'university',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** An organisation's code: letters, digits, dots, dashes or underscores (tax, budget or local codes). */
export const ORGANISATION_CODE = /^[A-Za-z0-9._-]{1,40}$/;

export interface UnitRow {
  line: number;
  code: string;
  level: UnitLevel;
  name: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  successorCodes: string[];
}

export interface OrganisationRow {
  line: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  unitCode: string;
  /** The organisation this one is a sub-unit of (a department's office or centre), or null for a top one. */
  parentCode: string | null;
}

type Raw = Record<string, string | undefined>;

const text = (v: string | undefined) => (v ?? '').normalize('NFC').trim();
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) =>
  DATE.test(v) &&
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
  new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Reads and checks unit rows (header line 1, so data starts at line 2); every problem of a row is listed. */
export function checkUnitRows(records: readonly Raw[]): { rows: UnitRow[]; rejected: RowRejection[] } {
  const rows: UnitRow[] = [];
  const rejected: RowRejection[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const errors: RowRejection['errors'] = [];
    const code = text(r.code);
    const level = text(r.level) as UnitLevel;
    const name = text(r.name);
    const parentCode = text(r.parent_code) || null;
    const validFrom = text(r.valid_from);
    const validTo = text(r.valid_to) || null;
    const successorCodes = text(r.successor_codes)
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!UNIT_CODE.test(code)) errors.push({ field: 'code', message: 'expected 1 to 20 letters or digits' });
    if (!UNIT_LEVELS.includes(level))
      errors.push({ field: 'level', message: `expected one of ${UNIT_LEVELS.join(', ')}` });
    if (!name || name.length > 200)
      errors.push({ field: 'name', message: 'expected a name of 1 to 200 characters' });
    if (UNIT_LEVELS.includes(level)) {
      if (PARENT_LEVEL[level] && !parentCode)
        errors.push({
          field: 'parent_code',
          message: `a ${level} needs the code of its ${PARENT_LEVEL[level]}`,
        });
      if (!PARENT_LEVEL[level] && parentCode)
        errors.push({ field: 'parent_code', message: 'a province has no parent' });
    }
    if (parentCode && !UNIT_CODE.test(parentCode))
      errors.push({ field: 'parent_code', message: 'expected 1 to 20 letters or digits' });
    if (!isDate(validFrom)) errors.push({ field: 'valid_from', message: 'expected a date YYYY-MM-DD' });
    if (validTo && !isDate(validTo))
      errors.push({ field: 'valid_to', message: 'expected a date YYYY-MM-DD or nothing' });
    if (validTo && isDate(validTo) && isDate(validFrom) && validTo <= validFrom)
      errors.push({ field: 'valid_to', message: 'expected a date after valid_from' });
    const bad = successorCodes.find((c) => !UNIT_CODE.test(c));
    if (bad) errors.push({ field: 'successor_codes', message: `"${bad.slice(0, 30)}" is not a unit code` });
    const key = `${code}@${validFrom}`;
    if (seen.has(key))
      errors.push({
        field: 'code',
        message: `the unit ${code} valid from ${validFrom} appears twice in the file`,
      });
    seen.add(key);
    if (errors.length) rejected.push({ line, key: code || undefined, errors });
    else rows.push({ line, code, level, name, parentCode, validFrom, validTo, successorCodes });
  });
  return { rows, rejected };
}

export function checkOrganisationRows(records: readonly Raw[]): {
  rows: OrganisationRow[];
  rejected: RowRejection[];
} {
  const rows: OrganisationRow[] = [];
  const rejected: RowRejection[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const errors: RowRejection['errors'] = [];
    const code = text(r.code);
    const name = text(r.name);
    const kind = text(r.kind) as OrganisationRow['kind'];
    const unitCode = text(r.unit_code);
    const parentCode = text(r.parent_code) || null;
    if (!ORGANISATION_CODE.test(code))
      errors.push({
        field: 'code',
        message: 'expected 1 to 40 letters, digits, dots, dashes or underscores',
      });
    if (!name || name.length > 300)
      errors.push({ field: 'name', message: 'expected a name of 1 to 300 characters' });
    if (!ORGANISATION_KINDS.includes(kind))
      errors.push({ field: 'kind', message: `expected one of ${ORGANISATION_KINDS.join(', ')}` });
    if (!UNIT_CODE.test(unitCode))
      errors.push({ field: 'unit_code', message: 'expected the code of the unit the organisation is in' });
    if (parentCode !== null && !ORGANISATION_CODE.test(parentCode))
      errors.push({
        field: 'parent_code',
        message: 'expected the code of the organisation this one belongs to, or nothing',
      });
    else if (parentCode !== null && parentCode === code)
      errors.push({ field: 'parent_code', message: 'an organisation cannot be its own parent' });
    if (seen.has(code))
      errors.push({ field: 'code', message: `the organisation ${code} appears twice in the file` });
    seen.add(code);
    if (errors.length) rejected.push({ line, key: code || undefined, errors });
    else rows.push({ line, code, name, kind, unitCode, parentCode });
  });
  return { rows, rejected };
}

export interface RosterRow {
  line: number;
  name: string;
  email: string | null;
  phone: string | null;
  organisationCode: string | null;
  unitCode: string | null;
  targetGroup: (typeof TARGET_GROUPS)[number];
  subGroups: string[];
  /** The language of a new account's invitation and of the app (optional column, `vi` when blank). */
  language: Language;
}

/**
 * Roster rows for bulk enrolment: a name, an e-mail or a Vietnamese mobile number, and a target group;
 * optionally `language` (an interface language of content/languages.yaml) for the accounts the roster creates.
 */
export function checkRosterRows(records: readonly Raw[]): { rows: RosterRow[]; rejected: RowRejection[] } {
  const rows: RosterRow[] = [];
  const rejected: RowRejection[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const line = i + 2;
    const errors: RowRejection['errors'] = [];
    const name = text(r.name);
    let email: string | null = null;
    let phone: string | null = null;
    const nameProblem = displayNameProblem(r.name ?? '');
    if (nameProblem) errors.push({ field: 'name', message: nameProblem });
    if (text(r.email)) {
      try {
        email = normalizeEmail(text(r.email));
      } catch {
        errors.push({ field: 'email', message: 'not a valid e-mail address' });
      }
    }
    if (text(r.phone)) {
      try {
        phone = normalizeVietnamesePhone(text(r.phone));
      } catch {
        errors.push({ field: 'phone', message: 'not a valid Vietnamese mobile number' });
      }
    }
    if (!text(r.email) && !text(r.phone))
      errors.push({ field: 'email', message: 'expected an e-mail address or a phone number' });
    const targetGroup = text(r.target_group) as RosterRow['targetGroup'];
    if (!TARGET_GROUPS.includes(targetGroup))
      errors.push({ field: 'target_group', message: `expected one of ${TARGET_GROUPS.join(', ')}` });
    const subGroups = text(r.sub_groups)
      .split(/[;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const badSub = subGroups.find((s) => !(SUB_GROUPS as readonly string[]).includes(s));
    if (badSub) errors.push({ field: 'sub_groups', message: `expected any of ${SUB_GROUPS.join(', ')}` });
    const organisationCode = text(r.organisation_code) || null;
    const unitCode = text(r.unit_code) || null;
    const language: Language = text(r.language).toLowerCase() || 'vi';
    if (!isUiLanguage(language))
      errors.push({ field: 'language', message: `expected ${uiLanguageCodes().join(' or ')}, or nothing` });
    if (unitCode && !UNIT_CODE.test(unitCode))
      errors.push({ field: 'unit_code', message: 'expected 1 to 20 letters or digits' });
    const identity = email ?? phone;
    if (identity && seen.has(identity))
      errors.push({ field: email ? 'email' : 'phone', message: 'this person appears twice in the file' });
    if (identity) seen.add(identity);
    if (errors.length) rejected.push({ line, key: identity ?? undefined, errors });
    else
      rows.push({ line, name, email, phone, organisationCode, unitCode, targetGroup, subGroups, language });
  });
  return { rows, rejected };
}

/**
 * A CSV cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is prefixed
 * with a single quote, so exports cannot carry CSV injection. A phone number in international form (`+`
 * then digits only, e.g. +84912345678) is no formula: it is left as typed, so it opens and re-imports as is.
 */
export function neutraliseCsvCell(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  if (/^\+\d{6,15}$/.test(s)) return s;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}
