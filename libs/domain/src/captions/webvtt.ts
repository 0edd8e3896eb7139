/**
 * WebVTT caption files (https://www.w3.org/TR/webvtt1/), parsed and validated for Học vụ số: the cues a
 * transcript is built from, and every problem with the line it is on, so a teacher can fix the file.
 *
 * Pure and dependency-free (no zod, no Node modules): the api, the content importer and the learner's
 * browser all use it.
 * Every pattern is linear in the input: the api runs this on untrusted uploads (see the hostile-file tests).
 *
 * What is refused (errors) and why:
 * - `VTT_TOO_LARGE`: more bytes than `maxBytes` (default 1 MiB; a one-hour lecture is about 100 KB);
 * - `VTT_NOT_UTF8`: WebVTT must be UTF-8; the line of the first invalid byte is named;
 * - `VTT_NUL_CHARACTER`: a NUL (U+0000) anywhere (browsers would show U+FFFD);
 * - `VTT_MISSING_HEADER`: the first line is not `WEBVTT` (optionally followed by a space or tab and text);
 * - `VTT_HEADER_NOT_SEPARATED`: a cue timing line before the blank line that ends the header;
 * - `VTT_MALFORMED_CUE`: a block that is neither NOTE, STYLE, REGION nor a cue with a timing line;
 * - `VTT_MALFORMED_TIMESTAMP`: a timing line whose start or end is not `[hh:]mm:ss.ttt`;
 * - `VTT_ARROW_IN_TEXT` / `VTT_ARROW_IN_NOTE`: `-->` inside cue text or a comment (usually a missing blank
 *   line between two cues; write `--&gt;` to show the arrow);
 * - `VTT_END_NOT_AFTER_START`: a cue that ends at or before it starts;
 * - `VTT_CUES_OUT_OF_ORDER`: a cue starting earlier than the cue before it (the spec requires order);
 * - `VTT_CUES_OVERLAP`: a cue starting before an earlier cue ended. The WebVTT format allows overlap (two
 *   speakers at once); this platform refuses it because a transcript is read one cue after the other and a
 *   screen reader announces one caption at a time. Cues that touch (end = next start) do not overlap;
 * - `VTT_CUE_PAST_END`: a cue ending after the video's duration (when `durationSeconds` is given);
 * - `VTT_NO_CUES`: no cue at all;
 * - `VTT_LOW_COVERAGE`: with a duration, the share of the video covered by cues is below `minCoverage`
 *   (default 0.5). Set `coverageSeverity: 'warning'` to report it without refusing.
 * Warnings (kept, not refused): `VTT_EMPTY_CUE` (a cue with no text), `VTT_UNKNOWN_SETTING` (a cue setting
 * browsers ignore), `VTT_BLOCK_AFTER_CUES` (STYLE or REGION after the first cue, which browsers ignore).
 *
 * Cue text is NFC-normalised; `plainText` drops the markup (`<v Lan>`, `<i>`, `<c.x>`, inline timestamps)
 * and decodes the character references, for a transcript shown as text (never as HTML).
 */

export type WebVttIssueCode =
  | 'VTT_TOO_LARGE'
  | 'VTT_NOT_UTF8'
  | 'VTT_NUL_CHARACTER'
  | 'VTT_MISSING_HEADER'
  | 'VTT_HEADER_NOT_SEPARATED'
  | 'VTT_MALFORMED_CUE'
  | 'VTT_MALFORMED_TIMESTAMP'
  | 'VTT_ARROW_IN_TEXT'
  | 'VTT_ARROW_IN_NOTE'
  | 'VTT_END_NOT_AFTER_START'
  | 'VTT_CUES_OUT_OF_ORDER'
  | 'VTT_CUES_OVERLAP'
  | 'VTT_CUE_PAST_END'
  | 'VTT_NO_CUES'
  | 'VTT_LOW_COVERAGE'
  | 'VTT_EMPTY_CUE'
  | 'VTT_UNKNOWN_SETTING'
  | 'VTT_BLOCK_AFTER_CUES';

export interface WebVttIssue {
  /** 1-based line number in the file (line 1 for problems of the whole file). */
  line: number;
  code: WebVttIssueCode;
  message: string;
}

export interface WebVttCue {
  /** The cue identifier, when the block has one. */
  id?: string;
  /** The line of the cue's timing line. */
  line: number;
  /** Seconds from the start of the video (millisecond precision). */
  start: number;
  end: number;
  /** The cue settings after the end time (`align:start line:90%`), as written. */
  settings: string;
  /** The cue payload, NFC, lines joined with `\n`, markup kept. */
  text: string;
  /** The payload without markup and with character references decoded. */
  plainText: string;
  /** The speaker of the first `<v …>` span, if any. */
  speaker?: string;
}

export interface WebVttOptions {
  /** The video's duration: cues must end within it, and coverage is measured against it. */
  durationSeconds?: number;
  /** The least share (0..1) of the duration the cues must cover. Default 0.5. */
  minCoverage?: number;
  /** Whether low coverage refuses the file (`error`, the default) or is only reported (`warning`). */
  coverageSeverity?: 'error' | 'warning';
  /** The largest file accepted, in bytes (UTF-8). Default 1 MiB. */
  maxBytes?: number;
}

export interface WebVttResult {
  /** True when there is no error (warnings allowed). */
  ok: boolean;
  cues: WebVttCue[];
  errors: WebVttIssue[];
  warnings: WebVttIssue[];
  /** The share of the duration covered by cues, when a duration was given (0..1, 3 decimals). */
  coverage?: number;
}

export const WEBVTT_DEFAULT_MAX_BYTES = 1024 * 1024;
export const WEBVTT_DEFAULT_MIN_COVERAGE = 0.5;
/** Errors listed at most; a file with more is broken throughout and the first ones say how. */
const MAX_ISSUES = 100;

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const KNOWN_SETTINGS = new Set(['vertical', 'line', 'position', 'size', 'align', 'region']);
const ARROW = '-->';

/** Parses a WebVTT timestamp (`01:02.500`, `1:02:03.004`… hours need 2+ digits) to milliseconds. */
export function parseWebVttTimestamp(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, h, mm, ss, ms] = m;
  return ((Number(h ?? 0) * 60 + Number(mm)) * 60 + Number(ss)) * 1000 + Number(ms);
}

/** `mm:ss.ttt` or `h:mm:ss.ttt`, for messages. */
export function formatWebVttTime(seconds: number): string {
  const total = Math.round(seconds * 1000);
  const ms = total % 1000;
  const s = Math.floor(total / 1000) % 60;
  const m = Math.floor(total / 60000) % 60;
  const h = Math.floor(total / 3600000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${h ? `${pad(h)}:` : ''}${pad(m)}:${pad(s)}.${pad(ms, 3)}`;
}

/**
 * The byte offset of the first byte that is not well-formed UTF-8 (overlongs, surrogates and code points
 * past U+10FFFF included), or -1.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00A0',
  lrm: '\u200E',
  rlm: '\u200F',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** The cue text a person reads: tags dropped, references decoded, spaces tidied per line. */
export function webVttPlainText(text: string): string {
  return decodeEntities(text.replace(/<[^<>]*>/g, ''))
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

function speakerOf(text: string): string | undefined {
  const m = /<v(?:\.[^\s<>]*)?[ \t]([^<>]*)>/.exec(text);
  const name = m?.[1] ? decodeEntities(m[1]).trim() : '';
  return name || undefined;
}

interface Line {
  n: number;
  text: string;
}

const startsKeyword = (line: string, word: string) =>
  line === word || line.startsWith(`${word} `) || line.startsWith(`${word}\t`);

/** Parses and validates a WebVTT file given as bytes (checked as UTF-8) or as already-decoded text. */
export function parseWebVtt(input: Uint8Array | string, options: WebVttOptions = {}): WebVttResult {
  const maxBytes = options.maxBytes ?? WEBVTT_DEFAULT_MAX_BYTES;
  const errors: WebVttIssue[] = [];
  const warnings: WebVttIssue[] = [];
  const cues: WebVttCue[] = [];
  const error = (line: number, code: WebVttIssueCode, message: string) => {
    if (errors.length < MAX_ISSUES) errors.push({ line, code, message });
  };
  const warn = (line: number, code: WebVttIssueCode, message: string) => {
    if (warnings.length < MAX_ISSUES) warnings.push({ line, code, message });
  };
  const done = (coverage?: number): WebVttResult => ({
    ok: errors.length === 0,
    cues,
    errors,
    warnings,
    ...(coverage === undefined ? {} : { coverage }),
  });

  let text: string;
  if (typeof input === 'string') {
    if (utf8Length(input, maxBytes) > maxBytes) {
      error(1, 'VTT_TOO_LARGE', `the file is larger than ${maxBytes} bytes`);
      return done();
    }
    text = input;
  } else {
    if (input.length > maxBytes) {
      error(1, 'VTT_TOO_LARGE', `the file is larger than ${maxBytes} bytes`);
      return done();
    }
    const bad = firstInvalidUtf8Offset(input);
    if (bad >= 0) {
      const line = lineOfByte(input, bad);
      error(
        line,
        'VTT_NOT_UTF8',
        `byte ${bad} (0x${input[bad]!.toString(16).toUpperCase().padStart(2, '0')}) is not UTF-8: save the file as UTF-8`,
      );
      return done();
    }
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lines: Line[] = text.split(/\r\n|\r|\n/).map((t, i) => ({ n: i + 1, text: t }));
  for (const l of lines)
    if (l.text.includes('\u0000')) error(l.n, 'VTT_NUL_CHARACTER', 'the line holds a NUL character');

  const first = lines[0]!.text;
  if (!(first === 'WEBVTT' || first.startsWith('WEBVTT ') || first.startsWith('WEBVTT\t'))) {
    error(1, 'VTT_MISSING_HEADER', 'expected the first line to be "WEBVTT" (then a blank line)');
    return done();
  }

  // The header runs to the first blank line.
  let i = 1;
  while (i < lines.length && lines[i]!.text !== '') {
    if (lines[i]!.text.includes(ARROW)) {
      error(
        lines[i]!.n,
        'VTT_HEADER_NOT_SEPARATED',
        'expected a blank line between the WEBVTT line and the first cue',
      );
      break;
    }
    i++;
  }

  // Blocks: runs of non-blank lines.
  const blocks: Line[][] = [];
  let current: Line[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.text === '') {
      if (current.length) blocks.push(current);
      current = [];
    } else current.push(l);
  }
  if (current.length) blocks.push(current);

  for (const block of blocks) {
    const head = block[0]!;
    if (startsKeyword(head.text, 'NOTE')) {
      const arrow = block.find((l) => l.text.includes(ARROW));
      if (arrow)
        error(
          arrow.n,
          'VTT_ARROW_IN_NOTE',
          'a NOTE cannot contain "-->" (a blank line is missing before the next cue?)',
        );
      continue;
    }
    if (
      (head.text === 'STYLE' ||
        head.text === 'REGION' ||
        startsKeyword(head.text, 'STYLE') ||
        startsKeyword(head.text, 'REGION')) &&
      !block.some((l) => l.text.includes(ARROW))
    ) {
      if (cues.length)
        warn(
          head.n,
          'VTT_BLOCK_AFTER_CUES',
          `a ${head.text.split(/[ \t]/)[0]} block after the first cue is ignored by browsers`,
        );
      continue;
    }
    let timingIndex = 0;
    let id: string | undefined;
    if (!head.text.includes(ARROW)) {
      if (block.length < 2 || !block[1]!.text.includes(ARROW)) {
        error(
          head.n,
          'VTT_MALFORMED_CUE',
          'expected a cue timing line "00:00:01.000 --> 00:00:04.000" (or NOTE, STYLE, REGION)',
        );
        continue;
      }
      id = head.text;
      timingIndex = 1;
    }
    const timing = block[timingIndex]!;
    const cue = parseTiming(timing, error, warn);
    const payload = block.slice(timingIndex + 1);
    const arrowLine = payload.find((l) => l.text.includes(ARROW));
    if (arrowLine)
      error(
        arrowLine.n,
        'VTT_ARROW_IN_TEXT',
        'cue text cannot contain "-->": add a blank line before the next cue, or write "--&gt;"',
      );
    if (!cue) continue;
    const raw = payload
      .map((l) => l.text)
      .join('\n')
      .normalize('NFC');
    if (!raw.trim()) warn(timing.n, 'VTT_EMPTY_CUE', 'the cue has no text');
    const speaker = speakerOf(raw);
    cues.push({
      ...(id !== undefined ? { id: id.normalize('NFC') } : {}),
      line: timing.n,
      start: cue.start / 1000,
      end: cue.end / 1000,
      settings: cue.settings,
      text: raw,
      plainText: webVttPlainText(raw),
      ...(speaker ? { speaker } : {}),
    });
  }

  // Order, overlap, the video's end.
  const durationMs =
    options.durationSeconds !== undefined &&
    Number.isFinite(options.durationSeconds) &&
    options.durationSeconds > 0
      ? Math.round(options.durationSeconds * 1000)
      : undefined;
  let prev: WebVttCue | undefined;
  let latest: WebVttCue | undefined; // the cue that ends last so far
  for (const cue of cues) {
    const s = Math.round(cue.start * 1000);
    const e = Math.round(cue.end * 1000);
    if (e <= s)
      error(
        cue.line,
        'VTT_END_NOT_AFTER_START',
        `the cue ends (${formatWebVttTime(cue.end)}) at or before it starts (${formatWebVttTime(cue.start)})`,
      );
    if (prev && s < Math.round(prev.start * 1000)) {
      error(
        cue.line,
        'VTT_CUES_OUT_OF_ORDER',
        `the cue starts at ${formatWebVttTime(cue.start)}, before the cue on line ${prev.line} (${formatWebVttTime(prev.start)}): cues must be in time order`,
      );
    } else if (latest && s < Math.round(latest.end * 1000)) {
      error(
        cue.line,
        'VTT_CUES_OVERLAP',
        `the cue starts at ${formatWebVttTime(cue.start)}, before the cue on line ${latest.line} ends (${formatWebVttTime(latest.end)})`,
      );
    }
    if (durationMs !== undefined && e > durationMs)
      error(
        cue.line,
        'VTT_CUE_PAST_END',
        `the cue ends at ${formatWebVttTime(cue.end)}, after the end of the video (${formatWebVttTime(durationMs / 1000)})`,
      );
    prev = cue;
    if (!latest || e > Math.round(latest.end * 1000)) latest = cue;
  }
  if (cues.length === 0 && !errors.some((x) => x.code !== 'VTT_NUL_CHARACTER'))
    error(1, 'VTT_NO_CUES', 'the file has no cues');

  if (durationMs === undefined || cues.length === 0) return done();
  const coverage = coverageShare(cues, durationMs);
  const min = options.minCoverage ?? WEBVTT_DEFAULT_MIN_COVERAGE;
  if (coverage < min) {
    const message = `the captions cover ${Math.floor(coverage * 100)}% of the video; at least ${Math.round(min * 100)}% is expected`;
    if ((options.coverageSeverity ?? 'error') === 'error') error(1, 'VTT_LOW_COVERAGE', message);
    else warn(1, 'VTT_LOW_COVERAGE', message);
  }
  return done(coverage);
}

function parseTiming(
  timing: Line,
  error: (line: number, code: WebVttIssueCode, message: string) => void,
  warn: (line: number, code: WebVttIssueCode, message: string) => void,
): { start: number; end: number; settings: string } | undefined {
  const at = timing.text.indexOf(ARROW);
  const left = timing.text.slice(0, at);
  const right = timing.text.slice(at + ARROW.length);
  const startText = trimEndBlanks(left);
  const rightParts = right.replace(/^[ \t]+/, '').split(/[ \t]+/);
  const endText = rightParts[0] ?? '';
  const settings = rightParts.slice(1).filter(Boolean);
  if (!/[ \t]$/.test(left) || !/^[ \t]/.test(right)) {
    error(timing.n, 'VTT_MALFORMED_TIMESTAMP', 'expected spaces around "-->"');
    return undefined;
  }
  const start = parseWebVttTimestamp(startText);
  const end = parseWebVttTimestamp(endText);
  if (start === undefined || end === undefined) {
    const which = start === undefined ? `start "${startText}"` : `end "${endText}"`;
    error(
      timing.n,
      'VTT_MALFORMED_TIMESTAMP',
      `the ${which} is not a WebVTT time (mm:ss.ttt or hh:mm:ss.ttt)`,
    );
    return undefined;
  }
  for (const s of settings) {
    const colon = s.indexOf(':');
    const name = colon > 0 ? s.slice(0, colon) : s;
    if (colon <= 0 || colon === s.length - 1 || !KNOWN_SETTINGS.has(name))
      warn(timing.n, 'VTT_UNKNOWN_SETTING', `the cue setting "${s}" is not one browsers understand`);
  }
  return { start, end, settings: settings.join(' ') };
}

/** The share of [0, duration] covered by the union of the cues (each clipped to the video), 3 decimals. */
function coverageShare(cues: WebVttCue[], durationMs: number): number {
  const spans = cues
    .map(
      (c) =>
        [Math.max(0, Math.round(c.start * 1000)), Math.min(durationMs, Math.round(c.end * 1000))] as const,
    )
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = 0;
  for (const [s, e] of spans) {
    const from = Math.max(s, reach);
    if (e > from) covered += e - from;
    reach = Math.max(reach, e);
  }
  return Math.floor((covered / durationMs) * 1000) / 1000;
}

/**
 * `value` without its trailing spaces and tabs. (A `/[ \t]+$/` regex is quadratic on a long run of blanks
 * followed by other text: every regex here is linear, since the api runs this on untrusted files.)
 */
function trimEndBlanks(value: string): string {
  let end = value.length;
  while (end > 0 && (value[end - 1] === ' ' || value[end - 1] === '\t')) end--;
  return value.slice(0, end);
}

/** The UTF-8 length of a string, counting no further than `limit + 1`. */
function utf8Length(text: string, limit: number): number {
  if (text.length > limit) return limit + 1;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
    if (n > limit) return n;
  }
  return n;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}
