import { describe, expect, it } from '@jest/globals';
import { clockTime, currentCueIndex, transcriptFromVtt, transcriptTrack } from './transcript';

const VTT = [
  'WEBVTT',
  '',
  'NOTE chapters follow',
  '',
  '1',
  '00:00.000 --> 00:05.000',
  '<v Cô Lan>Xin chào <b>các bác</b></v>',
  '',
  '00:05.000 --> 00:09.500',
  '',
  '00:10.000 --> 01:02:03.000',
  'Mở Cài đặt --&gt; Bảo mật',
  'rồi chọn Khóa màn hình.',
].join('\r\n');

describe('the transcript built from captions', () => {
  it('one entry per cue with text: time, plain text (markup dropped), speaker', () => {
    expect(transcriptFromVtt(VTT)).toEqual([
      { start: 0, end: 5, text: 'Xin chào các bác', speaker: 'Cô Lan' },
      { start: 10, end: 3723, text: 'Mở Cài đặt --> Bảo mật\nrồi chọn Khóa màn hình.' },
    ]);
  });

  it('a file that is not WebVTT gives no entries (the lesson then shows its own text)', () => {
    expect(transcriptFromVtt('<html>not captions</html>')).toEqual([]);
  });

  it('markup in a cue stays text', () => {
    const [cue] = transcriptFromVtt(
      'WEBVTT\n\n00:00.000 --> 00:01.000\n<img src=x onerror=alert(1)>&lt;b&gt;',
    );
    expect(cue!.text).toBe('<b>');
  });

  it('the current cue: inside one, in a gap, before the first, at a boundary', () => {
    const cues = transcriptFromVtt(VTT);
    expect(currentCueIndex(cues, 0)).toBe(0);
    expect(currentCueIndex(cues, 4.99)).toBe(0);
    expect(currentCueIndex(cues, 5)).toBe(-1);
    expect(currentCueIndex(cues, 10)).toBe(1);
    expect(currentCueIndex(cues, 5000)).toBe(-1);
    expect(currentCueIndex([], 3)).toBe(-1);
  });

  it('times read like the player’s', () => {
    expect(clockTime(0)).toBe('0:00');
    expect(clockTime(65.9)).toBe('1:05');
    expect(clockTime(3723)).toBe('1:02:03');
  });

  it('the track: the lesson language first, then the interface language, then any', () => {
    const tracks = [{ language: 'en' }, { language: 'vi' }];
    expect(transcriptTrack(tracks, 'vi', 'en')).toEqual({ language: 'vi' });
    expect(transcriptTrack(tracks, 'fr', 'en')).toEqual({ language: 'en' });
    expect(transcriptTrack(tracks, 'fr')).toEqual({ language: 'en' });
    expect(transcriptTrack([], 'vi')).toBeUndefined();
  });
});
