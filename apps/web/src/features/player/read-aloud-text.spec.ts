import { describe, expect, it } from '@jest/globals';
import { clock, SPEECH_CHUNK_MAX, speechChunks, voiceFor } from './read-aloud-text';

describe('read-aloud: the voice for a lesson’s language', () => {
  const voices = [
    { lang: 'en-US', name: 'English', default: true },
    { lang: 'vi_VN', name: 'Mạng', localService: false },
    { lang: 'vi-VN', name: 'Máy', localService: true },
    { lang: 'vie', name: 'Not a prefix match' },
  ];

  it('matches the language as a prefix of the tag, on the device before the network', () => {
    expect(voiceFor(voices, 'vi')?.name).toBe('Máy');
    expect(voiceFor(voices, 'VI')?.name).toBe('Máy');
    expect(voiceFor(voices.slice(0, 2), 'vi')?.name).toBe('Mạng');
  });

  it('finds nothing for a language without a voice, and never a longer code that merely starts alike', () => {
    expect(voiceFor(voices, 'th')).toBeUndefined();
    expect(voiceFor([{ lang: 'vie', name: 'x' }], 'vi')).toBeUndefined();
    expect(voiceFor([], 'vi')).toBeUndefined();
  });
});

describe('read-aloud: the lesson’s text in pieces a voice reads reliably', () => {
  it('reads sentence by sentence, block by block', () => {
    expect(speechChunks('Nút nguồn.\nNhấn giữ để bật máy! Xong chưa? Rồi: tắt màn hình.')).toEqual([
      'Nút nguồn.',
      'Nhấn giữ để bật máy!',
      'Xong chưa?',
      'Rồi:',
      'tắt màn hình.',
    ]);
  });

  it('cuts a long sentence at a comma or a space, never inside a word, and every piece fits', () => {
    const long = Array.from({ length: 60 }, (_, i) => `từ${i}`).join(' ') + ', ' + 'và '.repeat(40) + 'hết.';
    const pieces = speechChunks(long);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(SPEECH_CHUNK_MAX);
    expect(pieces.join(' ').split(/\s+/)).toEqual(long.split(/\s+/));
  });

  it('drops zero-width, bidi and control characters and pieces without words; keeps NFC', () => {
    const decomposed = 'Tie\u0302\u0301ng Vie\u0323\u0302t.';
    expect(speechChunks(`\u200bXin\u0000 chào\u202e.\n\n— … \n${decomposed}`)).toEqual([
      'Xin chào.',
      'Tiếng Việt.',
    ]);
  });

  it('cuts a word longer than a piece where it must, and gives nothing for empty text', () => {
    const word = 'a'.repeat(500);
    expect(speechChunks(word).map((p) => p.length)).toEqual([220, 220, 60]);
    expect(speechChunks('   \n\n ')).toEqual([]);
  });
});

describe('read-aloud: the narration clock', () => {
  it.each([
    [0, '0:00'],
    [9.9, '0:09'],
    [74.3, '1:14'],
    [3725, '1:02:05'],
    [Number.NaN, '0:00'],
    [Number.POSITIVE_INFINITY, '0:00'],
    [-3, '0:00'],
  ])('%s s reads %s', (seconds, text) => {
    expect(clock(seconds)).toBe(text);
  });
});
