/**
 * Characters that never belong in text people type for others to read (names, titles, lesson bodies): they
 * either do nothing visible or change how the text around them is shown, on a screen, a certificate or in a
 * spreadsheet.
 *
 * - C0 controls (U+0000–U+001F: NUL, ESC of ANSI escapes, …), DEL (U+007F) and C1 controls (U+0080–U+009F);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F,
 *   U+061C), which can make `gpj.exe` read as `exe.jpg`;
 * - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and the Unicode line and paragraph separators
 *   (U+2028, U+2029), which make two strings that look the same compare different.
 *
 * Multi-line text (lesson bodies, reasons) may contain line feeds and tabs; CR LF is folded to LF first.
 */
const UNSAFE_SINGLE_LINE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;
const UNSAFE_MULTI_LINE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;
/** Zero-width, bidi and control characters anywhere in an identifier (e-mail address, phone number, code). */
const INVISIBLE_OR_CONTROL = UNSAFE_SINGLE_LINE;

export type TextKind = 'single-line' | 'multi-line';

/** Why a character is refused, in words a person can act on. */
function describe(char: string): string {
  const code = char.codePointAt(0)!;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (char === '\n' || char === '\r' || code === 0x2028 || code === 0x2029) return `a line break (${hex})`;
  if (code === 0x1b) return `an escape character (${hex})`;
  if (code <= 0x1f || (code >= 0x7f && code <= 0x9f)) return `a control character (${hex})`;
  if (
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0x200e ||
    code === 0x200f ||
    code === 0x061c
  )
    return `a text-direction character (${hex})`;
  return `an invisible character (${hex})`;
}

/**
 * The first character of `value` that text of this kind may not contain, described for a message, or
 * undefined when the text is clean. Judge the NFC-normalised text (see `cleanText`).
 */
export function unsafeCharacter(value: string, kind: TextKind = 'single-line'): string | undefined {
  const match = (kind === 'single-line' ? UNSAFE_SINGLE_LINE : UNSAFE_MULTI_LINE).exec(value);
  return match ? describe(match[0]) : undefined;
}

/** Text as it is stored: NFC, CR LF folded to LF (multi-line), trimmed at the edges unless `trim` is false. */
export function cleanText(value: string, kind: TextKind = 'single-line', trim = true): string {
  const nfc = value.normalize('NFC');
  const folded = kind === 'multi-line' ? nfc.replace(/\r\n/g, '\n') : nfc;
  return trim ? folded.trim() : folded;
}

/** Whether a string holds a zero-width, bidi or control character (identifiers: e-mails, phones, codes). */
export const hasInvisibleOrControl = (value: string): boolean => INVISIBLE_OR_CONTROL.test(value);

/** Whether a string holds a NUL, which Postgres text cannot store (the api refuses it before any handler). */
export const hasNul = (value: string): boolean => value.includes('\u0000');

/**
 * The first path (`a.b.0`) in a parsed query or JSON body whose key or string value contains a NUL, or
 * undefined. It walks every value: the body was parsed already (bounded by the body limit), and a cap would let
 * a NUL through behind enough filler values. The walk is iterative (deep nesting cannot overflow the stack),
 * skips numbers and booleans, and builds a path only for the value it reports.
 */
export function findNul(value: unknown): string | undefined {
  const stack: WalkNode[] = [{ value, key: '', parent: undefined }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    const v = node.value;
    if (typeof v === 'string') {
      if (hasNul(v)) return pathOf(node);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (walkable(item)) stack.push({ value: item, key: String(i), parent: node });
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v as Record<string, unknown>)) {
        const child = { value: item, key, parent: node };
        if (hasNul(key)) return pathOf(child);
        if (walkable(item)) stack.push(child);
      }
    }
  }
  return undefined;
}

interface WalkNode {
  value: unknown;
  key: string;
  parent: WalkNode | undefined;
}

const walkable = (v: unknown): boolean => typeof v === 'string' || (v !== null && typeof v === 'object');

function pathOf(node: WalkNode): string {
  const keys: string[] = [];
  for (let n: WalkNode | undefined = node; n?.parent; n = n.parent) keys.push(n.key);
  return keys.reverse().join('.');
}
