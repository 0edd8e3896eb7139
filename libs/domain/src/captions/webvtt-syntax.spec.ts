import { parseWebVtt, parseWebVttTimestamp, webVttPlainText } from './webvtt';

const bytes = (s: string) => new TextEncoder().encode(s);
const codes = (r: { errors: { code: string; line: number }[] }) => r.errors.map((e) => `${e.line}:${e.code}`);

describe('WebVTT syntax (the spec cases)', () => {
  it('a minimal file: header, blank line, one cue', () => {
    const r = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:04.000\nXin chào\n');
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.cues).toEqual([
      { line: 3, start: 1, end: 4, settings: '', text: 'Xin chào', plainText: 'Xin chào' },
    ]);
  });

  it('a UTF-8 BOM before WEBVTT is accepted, as bytes and as text', () => {
    const file = '\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nA\n';
    expect(parseWebVtt(file).ok).toBe(true);
    expect(parseWebVtt(bytes(file)).ok).toBe(true);
    expect(parseWebVtt(bytes(file)).cues[0]!.text).toBe('A');
  });

  it('header text after a space or a tab, and header lines before the blank line', () => {
    expect(parseWebVtt('WEBVTT - Bài 1\nKind: captions\nLanguage: vi\n\n00:00.000 --> 00:01.000\nA').ok).toBe(
      true,
    );
    expect(parseWebVtt('WEBVTT\tx\n\n00:00.000 --> 00:01.000\nA').ok).toBe(true);
  });

  it.each([
    ['an empty file', ''],
    ['lower-case webvtt', 'webvtt\n\n00:00.000 --> 00:01.000\nA'],
    ['WEBVTT glued to text', 'WEBVTTX\n\n00:00.000 --> 00:01.000\nA'],
    ['an SRT file', '1\n00:00:00,000 --> 00:00:03,000\nXin chào\n'],
    ['a blank first line', '\nWEBVTT\n\n00:00.000 --> 00:01.000\nA'],
    ['two BOMs', '\uFEFF\uFEFFWEBVTT\n\n00:00.000 --> 00:01.000\nA'],
  ])('%s is refused with VTT_MISSING_HEADER on line 1', (_name, file) => {
    const r = parseWebVtt(file);
    expect(r.ok).toBe(false);
    expect(codes(r)).toEqual(['1:VTT_MISSING_HEADER']);
  });

  it('a cue right after the header without a blank line is named', () => {
    const r = parseWebVtt('WEBVTT\n00:00.000 --> 00:01.000\nA\n');
    expect(codes(r)).toContain('2:VTT_HEADER_NOT_SEPARATED');
  });

  it('timestamps with and without hours, and hours above 99', () => {
    expect(parseWebVttTimestamp('00:01.500')).toBe(1500);
    expect(parseWebVttTimestamp('01:02:03.004')).toBe(3723004);
    expect(parseWebVttTimestamp('100:00:00.000')).toBe(360000000);
    const r = parseWebVtt('WEBVTT\n\n00:59.000 --> 01:00:01.250\nA');
    expect(r.cues[0]).toMatchObject({ start: 59, end: 3601.25 });
  });

  it.each([
    ['comma decimals (SRT)', '00:00:01,000 --> 00:00:02,000', 'start "00:00:01,000"'],
    ['one hour digit', '1:00:01.000 --> 1:00:02.000', 'start "1:00:01.000"'],
    ['minutes 60', '00:60.000 --> 01:01.000', 'start "00:60.000"'],
    ['seconds 75', '00:01.000 --> 00:75.000', 'end "00:75.000"'],
    ['two millisecond digits', '00:01.00 --> 00:02.000', 'start "00:01.00"'],
    ['a missing end', '00:01.000 --> ', 'end ""'],
    ['letters', 'aa:bb.ccc --> 00:02.000', 'start "aa:bb.ccc"'],
  ])('%s: VTT_MALFORMED_TIMESTAMP on the timing line, naming the bad part', (_n, timing, part) => {
    const r = parseWebVtt(`WEBVTT\n\n${timing}\nA\n`);
    expect(codes(r)).toEqual(['3:VTT_MALFORMED_TIMESTAMP']);
    expect(r.errors[0]!.message).toContain(part);
  });

  it('an arrow without spaces is malformed', () => {
    expect(codes(parseWebVtt('WEBVTT\n\n00:01.000-->00:02.000\nA'))).toEqual(['3:VTT_MALFORMED_TIMESTAMP']);
  });

  it('tabs and several spaces around the arrow are fine', () => {
    const r = parseWebVtt('WEBVTT\n\n00:01.000\t-->  00:02.000\nA');
    expect(r.ok).toBe(true);
  });

  it('cue identifiers, including numbers and text with spaces', () => {
    const r = parseWebVtt(
      'WEBVTT\n\n1\n00:00.000 --> 00:01.000\nA\n\nphần hai\n00:01.000 --> 00:02.000\nB\n',
    );
    expect(r.cues.map((c) => c.id)).toEqual(['1', 'phần hai']);
    expect(r.cues.map((c) => c.line)).toEqual([4, 8]);
  });

  it('cue settings are kept; unknown ones are a warning, not an error', () => {
    const r = parseWebVtt(
      'WEBVTT\n\n00:00.000 --> 00:01.000 align:start line:90% position:10%\nA\n\n00:01.000 --> 00:02.000 colour:red\nB',
    );
    expect(r.ok).toBe(true);
    expect(r.cues[0]!.settings).toBe('align:start line:90% position:10%');
    expect(r.warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['6:VTT_UNKNOWN_SETTING']);
  });

  it('multi-line payloads keep their lines', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:02.000\nDòng một\nDòng hai\n');
    expect(r.cues[0]!.text).toBe('Dòng một\nDòng hai');
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
    ['LF', '\n'],
  ])('%s line endings give the same cues and line numbers', (_n, eol) => {
    const file = [
      'WEBVTT',
      '',
      'a',
      '00:00.000 --> 00:01.000',
      'A',
      'B',
      '',
      '00:01.000 --> 00:00.500',
      'C',
    ].join(eol);
    const r = parseWebVtt(file);
    expect(r.cues.map((c) => [c.id, c.line, c.text])).toEqual([
      ['a', 4, 'A\nB'],
      [undefined, 8, 'C'],
    ]);
    expect(codes(r)).toEqual(['8:VTT_END_NOT_AFTER_START']);
  });

  it('NOTE, STYLE and REGION blocks are skipped', () => {
    const file = [
      'WEBVTT',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:bottom width:40%',
      '',
      'NOTE Một ghi chú',
      'trên hai dòng',
      '',
      'NOTE',
      '',
      '00:00.000 --> 00:01.000',
      'A',
    ].join('\n');
    const r = parseWebVtt(file);
    expect(r.ok).toBe(true);
    expect(r.cues).toHaveLength(1);
    expect(r.warnings).toEqual([]);
  });

  it('a STYLE block after a cue is a warning (browsers ignore it)', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\nSTYLE\n::cue {}\n');
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['6:VTT_BLOCK_AFTER_CUES']);
  });

  it('"-->" inside a NOTE is refused', () => {
    expect(codes(parseWebVtt('WEBVTT\n\nNOTE a --> b\n\n00:00.000 --> 00:01.000\nA'))).toEqual([
      '3:VTT_ARROW_IN_NOTE',
    ]);
  });

  it('"-->" inside cue text (a forgotten blank line) is refused on its line', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nA\n00:01.000 --> 00:02.000\nB\n');
    expect(codes(r)).toEqual(['5:VTT_ARROW_IN_TEXT']);
  });

  it('"--&gt;" in text is fine and reads as an arrow', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nMở Cài đặt --&gt; Bảo mật');
    expect(r.ok).toBe(true);
    expect(r.cues[0]!.plainText).toBe('Mở Cài đặt --> Bảo mật');
  });

  it('a block with neither NOTE nor timings is VTT_MALFORMED_CUE on its first line', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\nA\n\nchỉ có chữ\nkhông có thời gian\n');
    expect(codes(r)).toEqual(['6:VTT_MALFORMED_CUE']);
  });

  it('a header only (no cues) is VTT_NO_CUES', () => {
    expect(codes(parseWebVtt('WEBVTT\n'))).toEqual(['1:VTT_NO_CUES']);
    expect(codes(parseWebVtt('WEBVTT\n\nNOTE nothing yet\n'))).toEqual(['1:VTT_NO_CUES']);
  });

  it('an empty cue is a warning', () => {
    const r = parseWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n\n00:01.000 --> 00:02.000\nB');
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => `${w.line}:${w.code}`)).toEqual(['3:VTT_EMPTY_CUE']);
  });

  it('markup is dropped from the plain text; the speaker is kept', () => {
    const r = parseWebVtt(
      'WEBVTT\n\n00:00.000 --> 00:02.000\n<v.loud Cô Lan>Chào <i>các em</i> &amp; <c.yellow>mọi người</c> <00:01.000>nhé &lt;3</v>',
    );
    expect(r.cues[0]).toMatchObject({ speaker: 'Cô Lan', plainText: 'Chào các em & mọi người nhé <3' });
    expect(webVttPlainText('a&#x1F600;b&#65;&bogus;')).toBe('a😀bA&bogus;');
  });
});
