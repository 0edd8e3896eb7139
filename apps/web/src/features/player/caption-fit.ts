/**
 * Captions that fit a phone: a cue shows at most two lines on a 360 px screen, at a size the learner picks.
 *
 * Two things decide the number of lines: the font size (styles/video.css sizes captions in `cqi`, a share of the
 * player's width, so a line holds about the same number of characters on any screen: 42–50 at "large") and the
 * length of the cue. Caption files written for television carry cues of 150–180 characters (four lines or more on a
 * phone, half the picture); the player shows such a cue as consecutive shorter ones, cut at the ends of clauses
 * where it can, each on screen for its share of the time. The file, the transcript and the importer keep the
 * cues as written (docs/captions.md).
 */

export const CAPTION_SIZES = ['small', 'medium', 'large'] as const;
export type CaptionSize = (typeof CAPTION_SIZES)[number];
export const DEFAULT_CAPTION_SIZE: CaptionSize = 'medium';

const STORAGE_KEY = 'hvs.captionSize';

/** The longest text shown at once: two lines at the largest size on a 360 px phone, with room for wrapping. */
export const MAX_CUE_CHARS = 64;

/** A cue's time span and its text. */
export interface TimedText {
  start: number;
  end: number;
  text: string;
}

export function isCaptionSize(value: unknown): value is CaptionSize {
  return (CAPTION_SIZES as readonly unknown[]).includes(value);
}

/** The size chosen on this device before, or the default. */
export function storedCaptionSize(storage: Pick<Storage, 'getItem'> | undefined): CaptionSize {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return isCaptionSize(value) ? value : DEFAULT_CAPTION_SIZE;
  } catch {
    return DEFAULT_CAPTION_SIZE;
  }
}

/** Remembers the size on this device (every video after this one uses it). */
export function rememberCaptionSize(storage: Pick<Storage, 'setItem'> | undefined, size: CaptionSize): void {
  try {
    storage?.setItem(STORAGE_KEY, size);
  } catch {
    // Private mode or storage full: the choice lasts for this page only.
  }
}

/** A clause ends with a punctuation mark: the best place to cut, as a person reading aloud would pause there. */
const CLAUSES = /(?<=[.,;:!?…])\s+/u;

/**
 * The cue as consecutive cues of at most `maxChars` characters each (a single longer word stays whole), cut
 * between clauses first and between words otherwise; each lasts its share of the cue's time by length, the first
 * starting and the last ending when the cue does. A cue that fits, or that carries markup (a voice, italics,
 * entities: cutting it could break a tag), comes back as it is.
 */
export function splitCue(cue: TimedText, maxChars = MAX_CUE_CHARS): TimedText[] {
  const text = cue.text.replace(/\s+/gu, ' ').trim();
  if ([...text].length <= maxChars || /[<&]/u.test(text) || !(cue.end > cue.start)) return [cue];

  const length = (s: string) => [...s].length;
  const chunks: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (!current) current = piece;
    else if (length(current) + 1 + length(piece) <= maxChars) current = `${current} ${piece}`;
    else {
      chunks.push(current);
      current = piece;
    }
  };
  for (const clause of text.split(CLAUSES)) {
    if (length(clause) <= maxChars) push(clause);
    else for (const word of clause.split(' ')) push(word);
  }
  if (current) chunks.push(current);

  const total = chunks.reduce((sum, chunk) => sum + length(chunk), 0);
  const span = cue.end - cue.start;
  let used = 0;
  return chunks.map((chunk, index) => {
    const start = cue.start + (span * used) / total;
    used += length(chunk);
    const end = index === chunks.length - 1 ? cue.end : cue.start + (span * used) / total;
    return { start, end, text: chunk };
  });
}
