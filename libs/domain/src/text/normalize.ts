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

/**
 * `foldForSearch` as a character mapping for SQL's `translate(text, from, to)`: the upper-case ASCII letters and
 * every precomposed Latin letter with diacritics (all of Vietnamese, both cases, and đ/Đ) to the one letter it
 * folds to. After `translate`, turning runs of anything but `[a-z0-9]` into one space gives what `foldForSearch`
 * gives for NFC text in Latin script, so a query can fold a column in the database the same way the
 * application folds the search terms, without a stored folded copy. Derived from `foldForSearch` itself, so the
 * two cannot drift apart.
 */
export const SEARCH_FOLD_TRANSLATION: { readonly from: string; readonly to: string } = (() => {
  let from = '';
  let to = '';
  const ranges: Array<[number, number]> = [
    [0x41, 0x5a],
    [0xc0, 0x24f],
    [0x1e00, 0x1eff],
  ];
  for (const [first, last] of ranges) {
    for (let cp = first; cp <= last; cp++) {
      const ch = String.fromCodePoint(cp);
      const folded = foldForSearch(ch);
      if (folded !== ch && /^[a-z0-9]$/.test(folded)) {
        from += ch;
        to += folded;
      }
    }
  }
  return { from, to };
})();
