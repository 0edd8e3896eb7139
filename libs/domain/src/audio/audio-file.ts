/**
 * Narration audio of a lesson (docs/read-aloud.md): which container a file is, decided from its bytes only —
 * never from its name — and how long it plays, measured where the container says it cheaply (Ogg: the last
 * page's granule position; MP3: the sum of its frames). A program, a web page or anything that is not one of the
 * three accepted containers is refused by the caller with the problem this returns.
 */
export const AUDIO_CONTAINERS = {
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
} as const;
export type AudioContainer = keyof typeof AUDIO_CONTAINERS;

/** The file extensions each container may carry. */
export const AUDIO_EXTENSIONS: Record<string, AudioContainer> = {
  mp3: 'mp3',
  ogg: 'ogg',
  opus: 'ogg',
  oga: 'ogg',
  m4a: 'm4a',
};

/** The largest narration file a lesson may carry (a 10-minute lesson at 32 kbit/s is about 2.3 MiB). */
export const AUDIO_MAX_BYTES = 5 * 1024 * 1024;
/** The longest narration, in seconds (the longest lesson is 120 minutes). */
export const AUDIO_MAX_SECONDS = 2 * 3600;

export type AudioProblemCode = 'AUDIO_EMPTY' | 'AUDIO_NOT_AUDIO' | 'AUDIO_TYPE_MISMATCH' | 'AUDIO_CORRUPT';

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...Array.from(b.subarray(from, Math.min(to, b.length))));

/** The length of an ID3v2 tag at the start of the bytes (0 when there is none). */
function id3Length(b: Uint8Array): number {
  if (!startsWith(b, [0x49, 0x44, 0x33]) || b.length < 10) return 0;
  // A syncsafe integer: 7 bits per byte; a footer adds 10 more bytes.
  const size = ((b[6]! & 0x7f) << 21) | ((b[7]! & 0x7f) << 14) | ((b[8]! & 0x7f) << 7) | (b[9]! & 0x7f);
  return 10 + size + (b[5]! & 0x10 ? 10 : 0);
}

// MPEG audio frame headers: bitrates (kbit/s) of layer III by version, sample rates by version.
const BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const BITRATES_V2_L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44100, 48000, 32000], // MPEG 1
  2: [22050, 24000, 16000], // MPEG 2
  0: [11025, 12000, 8000], // MPEG 2.5
};

interface MpegFrame {
  length: number;
  samples: number;
  sampleRate: number;
}

/** The MPEG-1/2/2.5 layer III frame whose header starts at `at`, or undefined. */
function mpegFrame(b: Uint8Array, at: number): MpegFrame | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return undefined;
  const version = (b[at + 1]! >> 3) & 0x03;
  const layer = (b[at + 1]! >> 1) & 0x03;
  const bitrateIndex = b[at + 2]! >> 4;
  const rateIndex = (b[at + 2]! >> 2) & 0x03;
  const padding = (b[at + 2]! >> 1) & 0x01;
  if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return undefined;
  const sampleRate = SAMPLE_RATES[version]![rateIndex]!;
  const v1 = version === 3;
  const bitrate = (v1 ? BITRATES_V1_L3 : BITRATES_V2_L3)[bitrateIndex]! * 1000;
  const samples = v1 ? 1152 : 576;
  return { length: Math.floor((samples / 8) * (bitrate / sampleRate)) + padding, samples, sampleRate };
}

/** The first MPEG frame at or after `from` that is followed by another (two in a row: not a chance 0xFFE). */
function firstMpegFrame(b: Uint8Array, from: number): number | undefined {
  const limit = Math.min(b.length, from + 64 * 1024);
  for (let at = from; at < limit; at++) {
    const f = mpegFrame(b, at);
    if (f && (at + f.length === b.length || mpegFrame(b, at + f.length))) return at;
  }
  return undefined;
}

/** What {@link inspectAudio} found: the container and, when measured, the duration in seconds. */
export type AudioInspection =
  | { ok: true; container: AudioContainer; durationSeconds: number | null }
  | { ok: false; code: AudioProblemCode; message: string };

const MARKUP = /^\s*(\ufeff)?\s*<(!doctype|html|svg|script|\?xml|head|body|iframe)\b/i;

/**
 * The container of audio bytes and its duration: Ogg (Opus or Vorbis) by its `OggS` pages, MP3 by an ID3 tag or
 * two MPEG layer III frames in a row, M4A by an ISO-BMFF `ftyp` box with an audio brand. M4A durations are not
 * measured (null): the author's declared duration is kept.
 */
export function inspectAudio(bytes: Uint8Array): AudioInspection {
  if (bytes.length === 0) return { ok: false, code: 'AUDIO_EMPTY', message: 'the file is empty' };
  if (startsWith(bytes, [0x4f, 0x67, 0x67, 0x53])) {
    const duration = oggDurationSeconds(bytes);
    return duration === undefined
      ? { ok: false, code: 'AUDIO_CORRUPT', message: 'an Ogg file without a readable Opus or Vorbis stream' }
      : { ok: true, container: 'ogg', durationSeconds: duration };
  }
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    return ['M4A ', 'M4B '].includes(brand)
      ? { ok: true, container: 'm4a', durationSeconds: null }
      : {
          ok: false,
          code: 'AUDIO_NOT_AUDIO',
          message: `an ISO media file of brand "${brand.trim()}", not M4A audio`,
        };
  }
  const id3 = id3Length(bytes);
  const first = firstMpegFrame(bytes, id3);
  // Without an ID3 tag the first frame must start the file (a text or a program never passes for MP3).
  if (first !== undefined && (id3 > 0 || first === 0))
    return { ok: true, container: 'mp3', durationSeconds: mp3DurationSeconds(bytes, first) };
  if (MARKUP.test(new TextDecoder().decode(bytes.subarray(0, 512))))
    return { ok: false, code: 'AUDIO_NOT_AUDIO', message: 'a web page or markup, not audio' };
  return { ok: false, code: 'AUDIO_NOT_AUDIO', message: 'not an MP3, Ogg (Opus, Vorbis) or M4A audio file' };
}

/** MP3 duration: every frame's samples over its sample rate, walking frame to frame (stops at a damaged frame). */
function mp3DurationSeconds(b: Uint8Array, first: number): number {
  let seconds = 0;
  let at = first;
  for (;;) {
    const f = mpegFrame(b, at);
    if (!f || f.length <= 0) break;
    seconds += f.samples / f.sampleRate;
    at += f.length;
  }
  return Math.round(seconds * 100) / 100;
}

/**
 * Ogg duration: the granule position of the last page of the first stream over the codec's rate (Opus: 48 kHz
 * minus the pre-skip of its header; Vorbis: the sample rate of its identification header). Undefined when the
 * stream is neither.
 */
function oggDurationSeconds(b: Uint8Array): number | undefined {
  // The first page's payload is the codec's identification header.
  if (b.length < 28) return undefined;
  const segments = b[26]!;
  const payload = 27 + segments;
  let rate: number;
  let preSkip = 0;
  if (ascii(b, payload, payload + 8) === 'OpusHead' && b.length >= payload + 12) {
    rate = 48000;
    preSkip = b[payload + 10]! | (b[payload + 11]! << 8);
  } else if (ascii(b, payload + 1, payload + 7) === 'vorbis' && b.length >= payload + 16) {
    rate =
      (b[payload + 12]! | (b[payload + 13]! << 8) | (b[payload + 14]! << 16) | (b[payload + 15]! << 24)) >>>
      0;
  } else return undefined;
  if (rate === 0) return undefined;
  // The last page: search backwards for its capture pattern.
  for (let at = b.length - 27; at >= 0; at--) {
    if (b[at] === 0x4f && b[at + 1] === 0x67 && b[at + 2] === 0x67 && b[at + 3] === 0x53 && b[at + 4] === 0) {
      let granule = 0;
      for (let i = 7; i >= 0; i--) granule = granule * 256 + b[at + 6 + i]!;
      const seconds = (granule - preSkip) / rate;
      return seconds > 0 ? Math.round(seconds * 100) / 100 : undefined;
    }
  }
  return undefined;
}
