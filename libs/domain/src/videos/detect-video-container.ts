import { ValidationError } from '../errors/domain-error';

/**
 * Studio videos (docs/video-pipeline.md): the container of an uploaded video, decided from its first bytes only
 * — never from the file name or the type the browser claimed. MP4 and QuickTime (an ISO-BMFF `ftyp` box) and
 * WebM/Matroska (an EBML header) are accepted; a program, a web page, an empty file or anything else is refused
 * with a code naming the problem. Whether the bytes really hold playable audio and video is ffprobe's to say.
 */
export const VIDEO_CONTAINERS = {
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
} as const;
export type VideoContainer = keyof typeof VIDEO_CONTAINERS;

const ascii = (b: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...Array.from(b.subarray(from, Math.min(to, b.length))));
const startsWith = (b: Uint8Array, sig: number[]) =>
  b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** Programs and scripts, named in the error so the teacher knows what they sent. */
const EXECUTABLES: Array<{ sig: number[]; what: string }> = [
  { sig: [0x4d, 0x5a], what: 'a Windows program (.exe/.dll)' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux program (ELF)' },
  { sig: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program (Mach-O)' },
  { sig: [0xca, 0xfe, 0xba, 0xbe], what: 'a macOS or Java program' },
  { sig: [0x23, 0x21], what: 'a script' },
];
const MARKUP = /^\s*(\ufeff)?\s*<(!doctype|html|svg|script|\?xml|head|body|iframe)\b/i;
const EBML = [0x1a, 0x45, 0xdf, 0xa3];
/** ISO-BMFF brands of QuickTime files; every other `ftyp` brand is treated as MP4. */
const QUICKTIME_BRANDS = new Set(['qt  ']);

/** The problems an upload can be refused for, before ffprobe reads it. */
export type VideoRefusalCode =
  | 'VIDEO_EMPTY'
  | 'VIDEO_EXECUTABLE'
  | 'VIDEO_MARKUP'
  | 'VIDEO_TYPE_NOT_ALLOWED'
  | 'VIDEO_CORRUPT'
  | 'VIDEO_NO_AUDIO'
  | 'VIDEO_NO_VIDEO'
  | 'VIDEO_TOO_LARGE';

export const videoRefusal = (code: VideoRefusalCode, message: string, details?: unknown) =>
  new ValidationError(code, message, details);

/**
 * The container of a video from its first bytes (at least 64 are enough); throws VIDEO_EMPTY,
 * VIDEO_EXECUTABLE, VIDEO_MARKUP or VIDEO_TYPE_NOT_ALLOWED.
 */
export function detectVideoContainer(head: Uint8Array, totalBytes = head.length): VideoContainer {
  if (totalBytes === 0 || head.length === 0)
    throw videoRefusal('VIDEO_EMPTY', 'The file is empty (0 bytes); choose the video again.');
  const exe = EXECUTABLES.find((e) => startsWith(head, e.sig));
  if (exe)
    throw videoRefusal('VIDEO_EXECUTABLE', `This file is ${exe.what}, not a video; it was not stored.`);
  if (MARKUP.test(new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 512))))
    throw videoRefusal('VIDEO_MARKUP', 'This file is a web page or XML, not a video; it was not stored.');
  if (startsWith(head, EBML)) {
    const doc = ascii(head, 0, 64);
    return doc.includes('webm') ? 'webm' : 'mkv';
  }
  // ISO-BMFF: a box size (4 bytes) then the type `ftyp` and a major brand.
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp')
    return QUICKTIME_BRANDS.has(ascii(head, 8, 12)) ? 'mov' : 'mp4';
  throw videoRefusal(
    'VIDEO_TYPE_NOT_ALLOWED',
    'This file is not an MP4, MOV or WebM video; export it as MP4 (H.264 and AAC) and upload it again.',
  );
}
