import { detectVideoContainer } from './detect-video-container';
import { cleanVideoName } from './video-name';

const bytes = (...parts: Array<string | number[]>) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('detectVideoContainer: the type comes from the bytes, never the name', () => {
  it('knows MP4, QuickTime, WebM and Matroska by their first box or header', () => {
    expect(detectVideoContainer(bytes([0, 0, 0, 0x20], 'ftypisom', [0, 0, 2, 0], 'isomiso2avc1mp41'))).toBe(
      'mp4',
    );
    expect(detectVideoContainer(bytes([0, 0, 0, 0x14], 'ftypqt  ', [0, 0, 0, 0], 'qt  '))).toBe('mov');
    expect(
      detectVideoContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1], 'B\x82\x84webm')),
    ).toBe('webm');
    expect(detectVideoContainer(bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x86], 'B\x82\x88matroska'))).toBe(
      'mkv',
    );
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'VIDEO_EMPTY'],
    ['a renamed Windows program', bytes('MZ\x90\x00', [3, 0, 0, 0]), 'VIDEO_EXECUTABLE'],
    ['a renamed Linux program', bytes([0x7f], 'ELF', [2, 1, 1]), 'VIDEO_EXECUTABLE'],
    ['a shell script', bytes('#!/bin/sh\nrm -rf /\n'), 'VIDEO_EXECUTABLE'],
    [
      'an HTML page named .mp4',
      bytes([0xef, 0xbb, 0xbf], '  <!DOCTYPE html><script>alert(1)</script>'),
      'VIDEO_MARKUP',
    ],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'VIDEO_MARKUP'],
    ['a PDF', bytes('%PDF-1.7\n'), 'VIDEO_TYPE_NOT_ALLOWED'],
    ['a ZIP', bytes('PK\x03\x04'), 'VIDEO_TYPE_NOT_ALLOWED'],
    ['random bytes', bytes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), 'VIDEO_TYPE_NOT_ALLOWED'],
    ['a box that is not ftyp', bytes([0, 0, 0, 8], 'mdat', [0, 0, 0, 0]), 'VIDEO_TYPE_NOT_ALLOWED'],
  ])('refuses %s with a code naming the problem', (_what, head, code) => {
    expect(() => detectVideoContainer(head)).toThrow(expect.objectContaining({ code }));
  });

  it('refuses a file whose declared size is zero even if bytes were read', () => {
    expect(() => detectVideoContainer(bytes('ftyp'), 0)).toThrow(
      expect.objectContaining({ code: 'VIDEO_EMPTY' }),
    );
  });
});

describe('cleanVideoName: the client name is metadata only', () => {
  it('drops folders, control, zero-width and bidi-override characters; NFC; at most 200 characters', () => {
    expect(cleanVideoName('../../etc/passwd')).toBe('passwd');
    expect(cleanVideoName('C:\\Users\\lan\\Bài 1.mp4')).toBe('Bài 1.mp4'.normalize('NFC'));
    expect(cleanVideoName('Ba\u0300i\u200b 1\u202egnp.mp4')).toBe('Bài 1gnp.mp4'.normalize('NFC'));
    expect(cleanVideoName('a\u0000b\u0007c.mp4')).toBe('abc.mp4');
    expect(cleanVideoName('.hidden.mp4')).toBe('hidden.mp4');
    expect([...cleanVideoName('ệ'.repeat(5000))]).toHaveLength(200);
    expect(cleanVideoName('')).toBe('video');
    expect(cleanVideoName(undefined)).toBe('video');
    expect(cleanVideoName('\u200b\u202e')).toBe('video');
  });
});
