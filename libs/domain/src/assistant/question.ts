/** The longest question the assistant reads, in characters after cleaning (the contract refuses longer input). */
export const MAX_QUESTION_CHARS = 500;

const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;

/** Text without NUL, zero-width, bidi or control characters (line feeds and tabs stay). */
export const stripInvisible = (text: string): string => text.replace(INVISIBLE, '');

/**
 * A question as the assistant reads it: NFC, without NUL, zero-width, bidi or control characters (removed, not
 * refused: a pasted question often carries them), whitespace collapsed, cut at `MAX_QUESTION_CHARS`.
 */
export function cleanQuestion(raw: string): string {
  return [...stripInvisible(raw.normalize('NFC')).replace(/\s+/g, ' ').trim()]
    .slice(0, MAX_QUESTION_CHARS)
    .join('')
    .trim();
}
