import { normalizeVietnamesePhone } from '../identity/contact';
import { searchTerms } from '../text/normalize';

/**
 * What an administrator's learner search looks for, decided once from what they typed:
 * - `email`: the whole address, lower-cased (a needle with `@`);
 * - `phone`: a Vietnamese mobile number typed any usual way (`0912 345 678`, `0912.345.678`, `+84912345678`,
 *   `84912345678`) is the stored E.164 number exactly; a part of one, at least PHONE_MIN_DIGITS digits, matches
 *   as a prefix when it starts like a whole number (`0912 34` → `+8491234…`, `+84 912` → `+84912…`) and
 *   anywhere in the number otherwise (`345678`, `84912`);
 * - `terms`: the words of a name folded as the catalogue folds them (foldForSearch: no diacritics, đ → d), each
 *   the start of a word of the name (`nguyen van an` finds `Nguyễn Văn An`).
 * A needle that yields none of these (a phone fragment of fewer than 6 digits, only punctuation) finds nobody.
 */
export interface LearnerNeedle {
  email: string | null;
  phone: { exact: string } | { like: string } | null;
  terms: string[];
}

export const PHONE_MIN_DIGITS = 6;

const PHONE_LIKE = /^\+?\d+$/;

export function learnerNeedle(typed: string): LearnerNeedle {
  const text = typed.normalize('NFC').trim();
  if (text.includes('@')) return { email: text.toLowerCase(), phone: null, terms: [] };
  const compact = text.replace(/[\s.\-()]/g, '');
  if (PHONE_LIKE.test(compact)) return { email: null, phone: phoneMatch(compact), terms: [] };
  return { email: null, phone: null, terms: searchTerms(text) };
}

/** Whether a needle can match anybody. */
export const needleMatchesAnyone = (n: LearnerNeedle): boolean =>
  n.email !== null || n.phone !== null || n.terms.length > 0;

function phoneMatch(compact: string): LearnerNeedle['phone'] {
  try {
    return { exact: normalizeVietnamesePhone(compact) };
  } catch {
    // not a whole number: a part of one
  }
  const digits = compact.replace(/^\+/, '');
  if (digits.length < PHONE_MIN_DIGITS) return null;
  if (compact.startsWith('+')) return digits.startsWith('84') ? { like: `+${digits}%` } : null;
  if (digits.startsWith('0')) return { like: `+84${digits.slice(1)}%` };
  return { like: `%${digits}%` };
}

/**
 * The learner statuses a list filters by (docs/learners.md):
 * - `no-profile`: never filled in a profile (no place, no group; only readers with global reach see them);
 * - `no-place`: no commune or ward declared (with or without a profile);
 * - `not-enrolled`: no course yet; `enrolled`: at least one course; `completed`: completed at least one course.
 */
export const LEARNER_STATUSES = ['no-profile', 'no-place', 'not-enrolled', 'enrolled', 'completed'] as const;
export type LearnerStatus = (typeof LEARNER_STATUSES)[number];
