import { ValidationError } from '../errors/domain-error';

/**
 * Studio materials (docs/materials.md): what a teacher may upload, decided from the bytes only — never from the
 * file name or the Content-Type the browser sent. Anything that is not one of these types is refused, and so
 * is a file that is two things at once (a polyglot: a PDF or an image with a ZIP archive or a web page inside).
 * SVG and HTML are refused outright (they can carry scripts); they are never stored, so never served.
 */
export const MATERIAL_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
} as const;
export type MaterialMediaType = keyof typeof MATERIAL_TYPES;

export const isImageMaterial = (mediaType: string): boolean => mediaType.startsWith('image/');

const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function indexOf(b: Uint8Array, sig: number[], from = 0, to = b.length): number {
  const end = Math.min(to, b.length) - sig.length;
  outer: for (let i = Math.max(0, from); i <= end; i++) {
    for (let j = 0; j < sig.length; j++) if (b[i + j] !== sig[j]) continue outer;
    return i;
  }
  return -1;
}
function lastIndexOf(b: Uint8Array, sig: number[]): number {
  outer: for (let i = b.length - sig.length; i >= 0; i--) {
    for (let j = 0; j < sig.length; j++) if (b[i + j] !== sig[j]) continue outer;
    return i;
  }
  return -1;
}

const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];
const ZIP_END = [0x50, 0x4b, 0x05, 0x06];
const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x00;

const refuse = (code: string, message: string, details?: unknown) =>
  new ValidationError(code, message, details);
const polyglot = (what: string) =>
  refuse(
    'MATERIAL_POLYGLOT',
    `This file is a ${what} with another file hidden inside it (such as a ZIP archive or a web page); upload a clean copy.`,
  );

/** Signatures of programs and scripts: named in the error so the teacher knows what they sent. */
const EXECUTABLES: Array<{ sig: number[]; what: string }> = [
  { sig: [0x4d, 0x5a], what: 'a Windows program (.exe/.dll)' },
  { sig: [0x7f, 0x45, 0x4c, 0x46], what: 'a Linux program (ELF)' },
  { sig: [0xcf, 0xfa, 0xed, 0xfe], what: 'a macOS program (Mach-O)' },
  { sig: [0xfe, 0xed, 0xfa, 0xcf], what: 'a macOS program (Mach-O)' },
  { sig: [0xca, 0xfe, 0xba, 0xbe], what: 'a macOS or Java program' },
  { sig: ascii('#!'), what: 'a script' },
];

/** The head of the file as text, lower-cased, without a BOM and leading whitespace (for markup checks). */
function textHead(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < Math.min(b.length, 1024); i++) s += String.fromCharCode(b[i]!);
  return s
    .replace(/^\u00ef\u00bb\u00bf/, '')
    .trimStart()
    .toLowerCase();
}
const MARKUP = /<(!doctype|html|svg|script|\?xml|head|body|iframe|object|embed)\b/;

/**
 * The media type of an upload, from its bytes; throws a ValidationError naming the problem: MATERIAL_EMPTY,
 * MATERIAL_EXECUTABLE, MATERIAL_MARKUP (HTML, SVG, XML), MATERIAL_POLYGLOT or MATERIAL_TYPE_NOT_ALLOWED.
 */
export function detectMaterialType(b: Uint8Array): MaterialMediaType {
  if (b.length === 0) throw refuse('MATERIAL_EMPTY', 'The file is empty (0 bytes); choose the file again.');
  for (const e of EXECUTABLES)
    if (startsWith(b, e.sig))
      throw refuse(
        'MATERIAL_EXECUTABLE',
        `This file is ${e.what}, not a document or an image; it is refused.`,
      );
  const head = textHead(b);
  if (head.startsWith('<'))
    throw refuse(
      'MATERIAL_MARKUP',
      'This file is a web page or an SVG/XML drawing, whatever its name says; such files can run scripts and are refused. Save it as PDF or PNG.',
    );

  if (startsWith(b, ascii('%PDF-'))) {
    // A PDF ends with %%EOF; anything but whitespace after the last one is another file glued on.
    const eof = lastIndexOf(b, ascii('%%EOF'));
    if (eof < 0)
      throw refuse('MATERIAL_CORRUPT', 'This PDF is incomplete (it has no end marker); export it again.');
    for (let i = eof + 5; i < b.length; i++) if (!isWhitespace(b[i]!)) throw polyglot('PDF');
    if (indexOf(b, ZIP_LOCAL) >= 0 && indexOf(b, ZIP_END) >= 0) throw polyglot('PDF');
    if (MARKUP.test(textHead(b.subarray(0, 4096)).slice(5))) throw polyglot('PDF');
    return 'application/pdf';
  }
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const iend = lastIndexOf(b, ascii('IEND'));
    if (iend < 0) throw refuse('MATERIAL_CORRUPT', 'This PNG image is incomplete; save it again.');
    if (b.length > iend + 8) throw polyglot('PNG image');
    return 'image/png';
  }
  if (startsWith(b, [0xff, 0xd8, 0xff])) {
    if (indexOf(b, ZIP_END) >= 0 || indexOf(b, ZIP_LOCAL) >= 0 || indexOf(b, ascii('%PDF-')) >= 0)
      throw polyglot('JPEG image');
    return 'image/jpeg';
  }
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) {
    const declared = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
    if (b.length > declared + 8 + 1) throw polyglot('WebP image');
    return 'image/webp';
  }
  if (startsWith(b, ZIP_LOCAL)) {
    // Office Open XML: a ZIP holding [Content_Types].xml and the part folder of its kind.
    if (indexOf(b, ascii('%PDF-')) >= 0) throw polyglot('ZIP archive');
    const names = (s: string) => indexOf(b, ascii(s)) >= 0;
    if (names('[Content_Types].xml')) {
      if (names('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
      if (names('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      if (names('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
    }
    throw refuse(
      'MATERIAL_TYPE_NOT_ALLOWED',
      'This file is a ZIP archive, not a Word, Excel or PowerPoint document; upload the documents themselves.',
    );
  }
  throw refuse(
    'MATERIAL_TYPE_NOT_ALLOWED',
    'This kind of file is not accepted: upload a PDF, an image (PNG, JPEG, WebP) or a Word, Excel or PowerPoint document.',
  );
}

/** Control, zero-width, bidi and reserved characters: never in a stored file name. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
export const BAD_NAME_CHARS = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"<>:|?*]/u;

/**
 * The uploaded file name made safe to show and to put in Content-Disposition: NFC, no path (a name with `/`,
 * `\` or `..` is refused, not silently cut), no control, zero-width or bidi characters, at most 200 characters,
 * and ending in the extension of the detected type.
 */
export function sanitiseMaterialName(raw: string, mediaType: MaterialMediaType): string {
  const name = raw.normalize('NFC').trim();
  if (name === '')
    throw refuse('MATERIAL_NAME_INVALID', 'The file has no name; give it one.', { field: 'name' });
  if (/[/\\]/.test(name) || name.includes('..') || name.startsWith('.'))
    throw refuse(
      'MATERIAL_NAME_INVALID',
      'The file name contains a folder path (/, \\ or ..); upload the file under its own name.',
      { field: 'name' },
    );
  if (BAD_NAME_CHARS.test(name))
    throw refuse(
      'MATERIAL_NAME_INVALID',
      'The file name contains invisible or reserved characters; rename the file.',
      { field: 'name' },
    );
  if ([...name].length > 200)
    throw refuse('MATERIAL_NAME_INVALID', 'The file name is longer than 200 characters; shorten it.', {
      field: 'name',
    });
  const ext = MATERIAL_TYPES[mediaType];
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const own = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const same = own === ext || (ext === 'jpg' && own === 'jpeg');
  return same ? name : `${stem}.${ext}`;
}
