/** Text is stored NFC with collapsed whitespace at the edges; every write path calls this. */
export function normalizeText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Folds Vietnamese (and other Latin) text for search: strips diacritics, maps đ/Đ to d, lower-cases,
 * and turns anything that is not a letter or digit into a single space.
 * `Dịch vụ công` and `dich vu cong` fold to the same string.
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * A space, then the text folded for search: a stored column that `LIKE '% term%'` (a term from searchTerms)
 * matches at the start of any word.
 */
export const foldedWords = (value: string): string => ` ${foldForSearch(value)}`;

/** The search terms of a free-text query, folded; punctuation such as %, _ and quotes never reaches SQL syntax. */
export function searchTerms(query: string, maxTerms = 8): string[] {
  const folded = foldForSearch(query);
  if (!folded) return [];
  return folded
    .split(' ')
    .filter((t) => t.length > 0)
    .slice(0, maxTerms);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID: ids that are not cannot exist, so callers answer 404 without a query. */
export const isUuid = (value: string): boolean => UUID.test(value);
