import { foldForSearch } from '../text/normalize';

/**
 * Words too common to tell one lesson from another, folded (Vietnamese without diacritics, English lower-case).
 * Dropped as single terms; a pair of adjacent words is kept unless both are in this list.
 */
const STOPWORDS = new Set([
  // Vietnamese function words and question words (folded: "làm thế nào" → "lam the nao")
  'a',
  'ai',
  'anh',
  'ban',
  'bao',
  'bi',
  'boi',
  'cac',
  'cach',
  'can',
  'cho',
  'chi',
  'co',
  'con',
  'cua',
  'da',
  'dang',
  'de',
  'den',
  'deu',
  'di',
  'do',
  'duoc',
  'gi',
  'hay',
  'hoac',
  'khi',
  'khong',
  'la',
  'lai',
  'lam',
  'len',
  'minh',
  'mot',
  'nao',
  'neu',
  'nay',
  'nen',
  'nhu',
  'nhung',
  'noi',
  'nua',
  'o',
  'phai',
  'ra',
  'rang',
  'rat',
  'roi',
  'sao',
  'se',
  'sau',
  'thi',
  'the',
  'theo',
  'thu',
  'toi',
  'tren',
  'trong',
  'tu',
  'va',
  've',
  'vi',
  'voi',
  'vay',
  'vao',
  'a',
  'chua',
  'nhe',
  'em',
  'chung',
  'ta',
  'nguoi',
  'nhieu',
  'it',
  'cung',
  'van',
  'tai',
  // English
  'about',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'can',
  'could',
  'do',
  'does',
  'for',
  'from',
  'how',
  'i',
  'if',
  'in',
  'into',
  'is',
  'it',
  'its',
  'me',
  'my',
  'of',
  'on',
  'or',
  'should',
  'so',
  'that',
  'the',
  'their',
  'them',
  'then',
  'there',
  'these',
  'they',
  'this',
  'to',
  'was',
  'what',
  'when',
  'where',
  'which',
  'who',
  'why',
  'will',
  'with',
  'would',
  'you',
  'your',
  'we',
  'our',
  'am',
  'has',
  'have',
  'not',
  'no',
  'one',
  'get',
  'use',
]);

/** The folded words of a text, in order (`Lừa đảo qua điện thoại` → lua, dao, qua, dien, thoai). */
export const foldedTokens = (text: string): string[] => {
  const folded = foldForSearch(text);
  return folded ? folded.split(' ') : [];
};

/**
 * The search terms of a text for the assistant, with repeats (term frequency counts): every word that is not a
 * stopword, and every pair of adjacent words joined by `_` (Vietnamese writes a word as several syllables:
 * `điện thoại` is one word, and `dien_thoai` tells it from `dien` in `điện tử`), unless both are stopwords.
 */
export function assistantTerms(text: string): string[] {
  const words = foldedTokens(text);
  const terms: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!STOPWORDS.has(w)) terms.push(w);
    const next = words[i + 1];
    if (next !== undefined && !(STOPWORDS.has(w) && STOPWORDS.has(next))) terms.push(`${w}_${next}`);
  }
  return terms;
}

/** Distinct terms, for the stored term column the database matches candidates on. */
export const distinctTerms = (terms: readonly string[]): string[] => [...new Set(terms)];

/**
 * The text a passage is searched by: its lesson's title, its section heading when it has its own, and its text.
 * The indexer and the ranking use this one composition, so stored terms and counted terms agree.
 */
export const passageSearchText = (lessonTitle: string, heading: string, text: string): string =>
  `${lessonTitle}\n${heading === lessonTitle ? '' : `${heading}\n`}${text}`;
