import { firstInvalidUtf8Offset, parseWebVtt, WEBVTT_DEFAULT_MAX_BYTES } from './webvtt';

const enc = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: (Uint8Array | number[])[]) => {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return new Uint8Array(out);
};

describe('WebVTT encoding, NUL, size and normalisation', () => {
  it('a Latin-1 (Windows-1258-like) byte is refused as not UTF-8, on its line', () => {
    // "Xin ch\xE0o" on line 4: à saved as a single byte.
    const file = concat(enc('WEBVTT\n\n00:00.000 --> 00:01.000\nXin ch'), [0xe0], enc('o\n'));
    const r = parseWebVtt(file);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ line: 4, code: 'VTT_NOT_UTF8', message: expect.stringContaining('0xE0') }]);
  });

  it('line numbers of invalid bytes count CRLF and lone CR once each', () => {
    const crlf = concat(enc('WEBVTT\r\n\r\n00:00.000 --> 00:01.000\r\n'), [0xff]);
    expect(parseWebVtt(crlf).errors[0]!.line).toBe(4);
    const cr = concat(enc('WEBVTT\r\r00:00.000 --> 00:01.000\r'), [0xff]);
    expect(parseWebVtt(cr).errors[0]!.line).toBe(4);
  });

  it.each([
    ['a lone continuation byte', [0x80]],
    ['an overlong "/"', [0xc0, 0xaf]],
    ['an overlong 3-byte form', [0xe0, 0x80, 0x80]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['a truncated sequence at the end', [0xe1, 0xba]],
    ['0xFE', [0xfe]],
  ])('%s is not UTF-8', (_n, bad) => {
    expect(firstInvalidUtf8Offset(concat(enc('ab'), bad))).toBe(2);
  });

  it('well-formed multi-byte text (Vietnamese, emoji) is UTF-8', () => {
    expect(firstInvalidUtf8Offset(enc('Tiếng Việt 😀 ệ'))).toBe(-1);
  });

  it('UTF-16 (with its BOM) is refused as not UTF-8', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x57, 0x00, 0x45, 0x00]);
    expect(parseWebVtt(utf16).errors[0]!.code).toBe('VTT_NOT_UTF8');
  });

  it('a NUL character is refused on its line', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nA\u0000B\n');
    expect(r.errors.map((e) => `${e.line}:${e.code}`)).toEqual(['4:VTT_NUL_CHARACTER']);
  });

  it('a file over the size limit is refused before parsing', () => {
    const big = 'WEBVTT\n\n' + '00:00.000 --> 00:01.000\nA\n\n'.repeat(10);
    const r = parseWebVtt(big, { maxBytes: 50 });
    expect(r.errors.map((e) => e.code)).toEqual(['VTT_TOO_LARGE']);
    expect(parseWebVtt(enc(big), { maxBytes: 50 }).errors.map((e) => e.code)).toEqual(['VTT_TOO_LARGE']);
    expect(WEBVTT_DEFAULT_MAX_BYTES).toBe(1024 * 1024);
  });

  it('the limit counts UTF-8 bytes, not characters', () => {
    const file = 'WEBVTT\n\n00:00.000 --> 00:01.000\n' + 'ệ'.repeat(20); // 20 chars, 60 bytes
    expect(parseWebVtt(file, { maxBytes: 80 }).errors.map((e) => e.code)).toEqual(['VTT_TOO_LARGE']);
    expect(parseWebVtt(file, { maxBytes: 200 }).ok).toBe(true);
  });

  it('cue text and identifiers are NFC', () => {
    const decomposed = 'Tie\u0302\u0301ng Vie\u0323\u0302t';
    const r = parseWebVtt(`WEBVTT\n\n${decomposed}\n00:00.000 --> 00:01.000\n${decomposed}`);
    expect(r.cues[0]!.text).toBe('Tiếng Việt');
    expect(r.cues[0]!.id).toBe('Tiếng Việt');
    expect(r.cues[0]!.text).toBe(r.cues[0]!.text.normalize('NFC'));
  });

  it('RTL and zero-width characters in text are kept as text (shown as text, never as markup)', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n<script>alert(1)</script>\u202Eabc\u200B');
    expect(r.ok).toBe(true);
    expect(r.cues[0]!.plainText).toBe('alert(1)\u202Eabc\u200B');
  });

  it('a huge number of errors is capped', () => {
    const file = 'WEBVTT\n\n' + 'x\ny\n\n'.repeat(500);
    expect(parseWebVtt(file).errors).toHaveLength(100);
  });
});

describe('WebVTT hostile files (the api parses untrusted uploads: every pattern is linear)', () => {
  const n = 900_000; // just under the 1 MiB limit
  const cue = 'WEBVTT\n\n00:00.000 --> 00:01.000\n';

  it.each([
    ['a run of "<"', cue + '<'.repeat(n)],
    ['repeated "<v " without a closing ">"', cue + '<v '.repeat(n / 3)],
    ['"<v" then a run of spaces', `${cue}<v${' '.repeat(n)}`],
    ['repeated "&a" without ";"', cue + '&a'.repeat(n / 2)],
  ])('%s is parsed as plain text', (_name, file) => {
    const r = parseWebVtt(file);
    expect(r.ok).toBe(true);
    expect(r.cues).toHaveLength(1);
  });

  it('a timing line with a huge run of blanks before garbage is a malformed timestamp', () => {
    const r = parseWebVtt(`WEBVTT\n\n00:00.000${' '.repeat(n)}x --> 00:01.000\nA`);
    expect(r.errors.map((e) => `${e.line}:${e.code}`)).toEqual(['3:VTT_MALFORMED_TIMESTAMP']);
  });

  it('a huge number of cue settings gives capped warnings', () => {
    const r = parseWebVtt(`WEBVTT\n\n00:00.000 --> 00:01.000 ${'x:y '.repeat(n / 4)}\nA`);
    expect(r.ok).toBe(true);
    expect(r.warnings).toHaveLength(100);
  });

  it('twenty thousand one-second cues (a 5½-hour video) are all kept and checked', () => {
    const cues = Array.from({ length: 20_000 }, (_, i) => {
      const t = (s: number) =>
        [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
          .map((x) => String(x).padStart(2, '0'))
          .join(':') + '.000';
      return `${t(i)} --> ${t(i + 1)}\n${i}`;
    });
    const r = parseWebVtt(`WEBVTT\n\n${cues.join('\n\n')}`, { durationSeconds: 20_000 });
    expect(r.errors).toEqual([]);
    expect(r.cues).toHaveLength(20_000);
    expect(r.coverage).toBe(1);
  });
});
