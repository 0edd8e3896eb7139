import { inspectAudio } from './audio-file';

/** `count` MPEG-2 layer III frames, mono, 32 kbit/s at 22.05 kHz (104 bytes, 576 samples each). */
function mp3Frames(count: number): Uint8Array {
  const frame = new Uint8Array(104);
  frame.set([0xff, 0xf3, 0x40, 0xc0]);
  const out = new Uint8Array(104 * count);
  for (let i = 0; i < count; i++) out.set(frame, i * 104);
  return out;
}

/** An ID3v2.4 tag of `size` bytes of body before the audio. */
function id3(size: number): Uint8Array {
  const tag = new Uint8Array(10 + size);
  tag.set([
    0x49,
    0x44,
    0x33,
    4,
    0,
    0,
    (size >> 21) & 0x7f,
    (size >> 14) & 0x7f,
    (size >> 7) & 0x7f,
    size & 0x7f,
  ]);
  return tag;
}

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** An Ogg page (CRC not checked by the inspection) with one segment of `payload`. */
function oggPage(type: number, granule: number, payload: Uint8Array): Uint8Array {
  const head = new Uint8Array(28);
  head.set([0x4f, 0x67, 0x67, 0x53, 0, type]);
  new DataView(head.buffer).setBigUint64(6, BigInt(granule), true);
  head[26] = 1;
  head[27] = payload.length;
  return concat(head, payload);
}

function oggOpus(seconds: number, preSkip = 312): Uint8Array {
  const opusHead = new Uint8Array(19);
  opusHead.set(new TextEncoder().encode('OpusHead'));
  opusHead[8] = 1;
  opusHead[9] = 1;
  opusHead[10] = preSkip & 0xff;
  opusHead[11] = preSkip >> 8;
  return concat(
    oggPage(2, 0, opusHead),
    oggPage(0, 0, new TextEncoder().encode('OpusTags')),
    oggPage(4, seconds * 48000 + preSkip, new Uint8Array(40)),
  );
}

describe('inspectAudio: a narration file is known by its bytes, and its length measured', () => {
  it('reads MP3 frames to the end: 100 frames of 576 samples at 22.05 kHz play 2.61 s', () => {
    expect(inspectAudio(mp3Frames(100))).toEqual({ ok: true, container: 'mp3', durationSeconds: 2.61 });
  });

  it('skips an ID3 tag before the first frame', () => {
    expect(inspectAudio(concat(id3(300), mp3Frames(50)))).toEqual({
      ok: true,
      container: 'mp3',
      durationSeconds: 1.31,
    });
  });

  it('stops counting at a damaged frame (a truncated file plays what it has)', () => {
    const bytes = concat(mp3Frames(40), new Uint8Array(500), mp3Frames(40));
    expect(inspectAudio(bytes)).toMatchObject({ ok: true, durationSeconds: 1.04 });
  });

  it('measures Ogg Opus from the last page, minus the pre-skip', () => {
    expect(inspectAudio(oggOpus(42))).toEqual({ ok: true, container: 'ogg', durationSeconds: 42 });
  });

  it('recognises M4A by its ftyp brand without measuring it', () => {
    const m4a = concat(
      new Uint8Array([0, 0, 0, 24]),
      new TextEncoder().encode('ftypM4A '),
      new Uint8Array(40),
    );
    expect(inspectAudio(m4a)).toEqual({ ok: true, container: 'm4a', durationSeconds: null });
  });

  it.each([
    ['an empty file', new Uint8Array(0), 'AUDIO_EMPTY'],
    [
      'a Linux program',
      concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), new Uint8Array(200)),
      'AUDIO_NOT_AUDIO',
    ],
    ['a web page', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), 'AUDIO_NOT_AUDIO'],
    ['plain text', new TextEncoder().encode('Xin chào, đây không phải âm thanh.'), 'AUDIO_NOT_AUDIO'],
    [
      'an MP4 video',
      concat(new Uint8Array([0, 0, 0, 24]), new TextEncoder().encode('ftypavc1'), new Uint8Array(40)),
      'AUDIO_NOT_AUDIO',
    ],
    [
      'an Ogg file with no Opus or Vorbis stream',
      oggPage(2, 0, new TextEncoder().encode('Theora')),
      'AUDIO_CORRUPT',
    ],
    // One lone frame sync inside text is not MP3: two frames in a row are required, from the first byte.
    [
      'text with a stray 0xFFF3 inside',
      concat(new TextEncoder().encode('abc'), mp3Frames(1)),
      'AUDIO_NOT_AUDIO',
    ],
  ])('refuses %s', (_what, bytes, code) => {
    expect(inspectAudio(bytes)).toMatchObject({ ok: false, code });
  });
});
