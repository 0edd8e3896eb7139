import { parseWebVtt } from './webvtt';

const vtt = (...cues: string[]) => `WEBVTT\n\n${cues.map((c) => `${c}\nchữ`).join('\n\n')}\n`;
const codes = (r: { errors: { code: string; line: number }[] }) => r.errors.map((e) => `${e.line}:${e.code}`);

describe('WebVTT cue timing rules', () => {
  it('a cue that ends when it starts, or before, is refused', () => {
    expect(codes(parseWebVtt(vtt('00:02.000 --> 00:02.000')))).toEqual(['3:VTT_END_NOT_AFTER_START']);
    expect(codes(parseWebVtt(vtt('00:02.000 --> 00:01.000')))).toEqual(['3:VTT_END_NOT_AFTER_START']);
  });

  it('a cue starting before the previous one is out of order, naming both lines', () => {
    const r = parseWebVtt(vtt('00:05.000 --> 00:06.000', '00:01.000 --> 00:02.000'));
    expect(codes(r)).toEqual(['6:VTT_CUES_OUT_OF_ORDER']);
    expect(r.errors[0]!.message).toContain('line 3');
  });

  it('overlapping cues are refused, naming the cue still showing', () => {
    const r = parseWebVtt(vtt('00:00.000 --> 00:05.000', '00:04.000 --> 00:06.000'));
    expect(codes(r)).toEqual(['6:VTT_CUES_OVERLAP']);
    expect(r.errors[0]!.message).toContain('line 3 ends (00:05.000)');
  });

  it('a cue inside a long earlier cue overlaps it even after a short one in between', () => {
    const r = parseWebVtt(
      vtt('00:00.000 --> 00:10.000', '00:02.000 --> 00:03.000', '00:05.000 --> 00:06.000'),
    );
    expect(codes(r)).toEqual(['6:VTT_CUES_OVERLAP', '9:VTT_CUES_OVERLAP']);
    expect(r.errors[1]!.message).toContain('line 3');
  });

  it('cues that touch do not overlap; gaps are fine', () => {
    expect(
      parseWebVtt(vtt('00:00.000 --> 00:01.000', '00:01.000 --> 00:02.000', '00:05.000 --> 00:06.000')).ok,
    ).toBe(true);
  });

  it('equal starts are in order but overlap', () => {
    expect(codes(parseWebVtt(vtt('00:01.000 --> 00:02.000', '00:01.000 --> 00:03.000')))).toEqual([
      '6:VTT_CUES_OVERLAP',
    ]);
  });

  it('a cue past the end of the video is refused; one ending exactly at the end is fine', () => {
    const r = parseWebVtt(vtt('00:00.000 --> 00:30.000', '00:30.000 --> 01:00.001'), { durationSeconds: 60 });
    expect(codes(r)).toEqual(['6:VTT_CUE_PAST_END']);
    expect(r.errors[0]!.message).toContain('01:00.000');
    expect(parseWebVtt(vtt('00:00.000 --> 01:00.000'), { durationSeconds: 60 }).ok).toBe(true);
  });

  it('a cue starting after the end is past the end too', () => {
    expect(
      codes(parseWebVtt(vtt('00:00.000 --> 00:08.000', '00:11.000 --> 00:12.000'), { durationSeconds: 10 })),
    ).toEqual(['6:VTT_CUE_PAST_END']);
  });

  it('fractional durations are compared to the millisecond', () => {
    expect(parseWebVtt(vtt('00:00.000 --> 01:20.600'), { durationSeconds: 80.6 }).ok).toBe(true);
    expect(codes(parseWebVtt(vtt('00:00.000 --> 01:20.601'), { durationSeconds: 80.6 }))).toEqual([
      '3:VTT_CUE_PAST_END',
    ]);
  });

  it('without a duration, neither the end nor coverage is checked', () => {
    const r = parseWebVtt(vtt('10:00.000 --> 10:01.000'));
    expect(r.ok).toBe(true);
    expect(r.coverage).toBeUndefined();
  });

  it('every problem of a file is listed at once, in line order', () => {
    const r = parseWebVtt(
      vtt(
        '00:00.000 --> 00:05.000',
        '00:03.000 --> 00:04.000',
        '00:02.000 --> 00:02.500',
        '00:09.000 --> 00:20.000',
      ),
      { durationSeconds: 10 },
    );
    expect(codes(r)).toEqual(['6:VTT_CUES_OVERLAP', '9:VTT_CUES_OUT_OF_ORDER', '12:VTT_CUE_PAST_END']);
  });
});

describe('WebVTT coverage of the video', () => {
  it('coverage is the share of the duration under some cue (overlaps counted once, clipped to the video)', () => {
    const r = parseWebVtt(vtt('00:00.000 --> 00:30.000', '00:45.000 --> 01:00.000'), { durationSeconds: 60 });
    expect(r.coverage).toBe(0.75);
    expect(r.ok).toBe(true);
  });

  it('below the default 50 % is refused', () => {
    const r = parseWebVtt(vtt('00:00.000 --> 00:10.000'), { durationSeconds: 60 });
    expect(r.coverage).toBe(0.166);
    expect(codes(r)).toEqual(['1:VTT_LOW_COVERAGE']);
    expect(r.errors[0]!.message).toBe('the captions cover 16% of the video; at least 50% is expected');
  });

  it('the threshold is configurable, and can be a warning', () => {
    const file = vtt('00:00.000 --> 00:45.000');
    expect(parseWebVtt(file, { durationSeconds: 60, minCoverage: 0.8 }).ok).toBe(false);
    const warned = parseWebVtt(file, { durationSeconds: 60, minCoverage: 0.8, coverageSeverity: 'warning' });
    expect(warned.ok).toBe(true);
    expect(warned.warnings.map((w) => w.code)).toEqual(['VTT_LOW_COVERAGE']);
    expect(parseWebVtt(file, { durationSeconds: 60, minCoverage: 0 }).ok).toBe(true);
  });

  it('a cue past the end does not inflate coverage beyond 100 %', () => {
    const r = parseWebVtt(vtt('00:00.000 --> 02:00.000'), { durationSeconds: 60 });
    expect(r.coverage).toBe(1);
  });
});
