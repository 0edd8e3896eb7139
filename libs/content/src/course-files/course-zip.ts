import { crc32, inflateRawSync } from 'node:zlib';
import { ValidationError } from '@hocvuso/domain';
import { zipSync } from 'fflate';

/**
 * A course as a ZIP archive (docs/course-export.md). Writing is deterministic: entries sorted by path, one fixed
 * timestamp, no extra fields, so the same files always give the same bytes. Reading treats the archive as hostile:
 * the central directory is checked entry by entry before a single byte is inflated, and every refusal names the
 * entry (`details.entry`).
 */
export interface CourseZipLimits {
  /** Entries in the central directory (directories included). */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalBytes: number;
  /** One entry's uncompressed size. */
  maxEntryBytes: number;
  /** Uncompressed / compressed, checked for entries over 64 KiB. */
  maxRatio: number;
}

export const COURSE_ZIP_LIMITS: CourseZipLimits = {
  maxEntries: 2_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxEntryBytes: 256 * 1024 * 1024,
  maxRatio: 100,
};

/** 1980-01-01 00:00:00 in the local zone: fflate writes local DOS time, so every machine writes the same bytes. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

/** The archive of a course folder: paths sorted by code point, the same bytes for the same files. */
export function writeCourseZip(files: ReadonlyMap<string, Uint8Array>): Buffer {
  const entries: Record<string, [Uint8Array, { level: 6; mtime: Date }]> = {};
  for (const path of [...files.keys()].sort(byCodePoint))
    entries[path] = [files.get(path)!, { level: 6, mtime: FIXED_TIME }];
  return Buffer.from(zipSync(entries));
}

export const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const refuse = (code: string, message: string, entry?: string) =>
  new ValidationError(code, entry ? `${entry}: ${message}` : message, entry ? { entry } : undefined);

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
// eslint-disable-next-line no-control-regex -- control characters are exactly what a path must not hold
const INVISIBLE = /[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

interface CentralEntry {
  name: string;
  directory: boolean;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  nameBytes: Buffer;
}

/** Where a path inside the archive could escape the folder it is unpacked into, or hide what it is. */
export function unsafePathReason(name: string): string | undefined {
  if (name.includes('\\')) return 'backslashes are not allowed in paths';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute paths are not allowed';
  if (INVISIBLE.test(name)) return 'control, zero-width or bidirectional characters are not allowed in names';
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) return '".." is not allowed in paths';
  if (parts.some((p) => p === '' || p === '.')) return 'empty or "." path segments are not allowed';
  return undefined;
}

function findEndRecord(buf: Buffer): number {
  const stop = Math.max(0, buf.length - (22 + 0xffff));
  for (let i = buf.length - 22; i >= stop; i--) if (buf.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function readCentralDirectory(buf: Buffer, limits: CourseZipLimits): CentralEntry[] {
  const end = findEndRecord(buf);
  if (end < 0) throw refuse('COURSE_ZIP_INVALID', 'This file is not a ZIP archive.');
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 8) !== count)
    throw refuse('COURSE_ZIP_INVALID', 'Multi-part ZIP archives are not supported.');
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff)
    throw refuse('COURSE_ZIP_INVALID', 'ZIP64 archives are not supported; a course archive is far smaller.');
  if (count > limits.maxEntries)
    throw refuse(
      'COURSE_ZIP_TOO_MANY_ENTRIES',
      `The archive holds ${count} entries; at most ${limits.maxEntries} are accepted.`,
    );
  if (cdOffset + cdSize > end) throw refuse('COURSE_ZIP_INVALID', 'The ZIP central directory is damaged.');
  const entries: CentralEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || buf.readUInt32LE(at) !== CENTRAL)
      throw refuse('COURSE_ZIP_INVALID', 'The ZIP central directory is damaged.');
    const madeBy = buf.readUInt16LE(at + 4);
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const external = buf.readUInt32LE(at + 38);
    const localOffset = buf.readUInt32LE(at + 42);
    const nameBytes = buf.subarray(at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    if (at > end) throw refuse('COURSE_ZIP_INVALID', 'The ZIP central directory is damaged.');

    const ascii = nameBytes.every((b) => b < 0x80);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      name = nameBytes.toString('latin1');
      throw refuse('COURSE_ZIP_NAME_ENCODING', 'the name is not valid UTF-8.', name);
    }
    if (!ascii && (flags & 0x800) === 0)
      throw refuse(
        'COURSE_ZIP_NAME_ENCODING',
        'the name is not marked as UTF-8 (an old code page?); zip the folder again with a current tool.',
        name,
      );
    if (name !== name.normalize('NFC'))
      throw refuse(
        'COURSE_ZIP_NAME_ENCODING',
        'the name is not in Unicode NFC form (decomposed accents); rename it.',
        name.normalize('NFC'),
      );
    const unsafe = unsafePathReason(name);
    if (unsafe) throw refuse('COURSE_ZIP_UNSAFE_PATH', unsafe, name);
    const type = (external >>> 16) & S_IFMT;
    if (madeBy >> 8 === 3 && type === S_IFLNK)
      throw refuse('COURSE_ZIP_SYMLINK', 'symbolic links are not allowed.', name);
    const directory = name.endsWith('/');
    if (madeBy >> 8 === 3 && type !== 0 && type !== (directory ? S_IFDIR : S_IFREG))
      throw refuse('COURSE_ZIP_SPECIAL_FILE', 'only plain files and folders are allowed.', name);
    if (flags & 0x1) throw refuse('COURSE_ZIP_ENCRYPTED', 'encrypted entries are not accepted.', name);
    const folded = name.toLowerCase();
    if (seen.has(folded))
      throw refuse(
        'COURSE_ZIP_DUPLICATE_ENTRY',
        `the archive holds this path twice (also as "${seen.get(folded)}").`,
        name,
      );
    seen.set(folded, name);
    if (directory) {
      if (size !== 0) throw refuse('COURSE_ZIP_INVALID', 'a folder entry has content.', name);
      continue;
    }
    if (method !== 0 && method !== 8)
      throw refuse('COURSE_ZIP_UNSUPPORTED_METHOD', `compression method ${method} is not supported.`, name);
    if (method === 0 && compressedSize !== size)
      throw refuse('COURSE_ZIP_INVALID', 'a stored entry declares two different sizes.', name);
    if (size > limits.maxEntryBytes)
      throw refuse(
        'COURSE_ZIP_TOO_LARGE',
        `it expands to ${size} bytes; at most ${limits.maxEntryBytes} per file are accepted.`,
        name,
      );
    total += size;
    if (total > limits.maxTotalBytes)
      throw refuse(
        'COURSE_ZIP_TOO_LARGE',
        `the archive expands past ${limits.maxTotalBytes} bytes in all.`,
        name,
      );
    if (size > 64 * 1024 && size > compressedSize * limits.maxRatio)
      throw refuse(
        'COURSE_ZIP_RATIO',
        `it expands ${Math.round(size / Math.max(1, compressedSize))} times; at most ${limits.maxRatio} times is accepted (a ZIP bomb?).`,
        name,
      );
    entries.push({
      name,
      directory,
      method,
      crc,
      compressedSize,
      size,
      localOffset,
      nameBytes: Buffer.from(nameBytes),
    });
  }
  return entries;
}

/**
 * The files of a course archive by path (folders dropped). Refused, naming the entry: not a ZIP, ZIP64 or split
 * archives, more than `maxEntries`, unsafe paths (`..`, absolute, backslashes, control or bidi characters),
 * symbolic links and other special files, encrypted entries, names not UTF-8 or not NFC, the same path twice (also
 * differing only in case), an entry or the whole over the size limits or expanding more than `maxRatio` times,
 * entries sharing bytes, an entry that inflates past its declared size, a CRC mismatch.
 */
export function readCourseZip(buf: Buffer, limits: CourseZipLimits = COURSE_ZIP_LIMITS): Map<string, Buffer> {
  const entries = readCentralDirectory(buf, limits);
  // Entries must not share or overlap their bytes (the overlapping-entries bomb).
  const spans = entries
    .map((e) => {
      const at = e.localOffset;
      if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
        throw refuse('COURSE_ZIP_INVALID', 'its local header is missing.', e.name);
      const nameLength = buf.readUInt16LE(at + 26);
      const extraLength = buf.readUInt16LE(at + 28);
      if (!buf.subarray(at + 30, at + 30 + nameLength).equals(e.nameBytes))
        throw refuse('COURSE_ZIP_INVALID', 'its local name differs from the central directory.', e.name);
      const start = at + 30 + nameLength + extraLength;
      return { entry: e, from: at, start, stop: start + e.compressedSize };
    })
    .sort((a, b) => a.from - b.from);
  spans.forEach((s, i) => {
    if (s.stop > buf.length) throw refuse('COURSE_ZIP_INVALID', 'the archive is truncated.', s.entry.name);
    if (i > 0 && s.from < spans[i - 1]!.stop)
      throw refuse('COURSE_ZIP_INVALID', 'its bytes overlap another entry.', s.entry.name);
  });
  const files = new Map<string, Buffer>();
  for (const { entry, start, stop } of spans) {
    const raw = buf.subarray(start, stop);
    let data: Buffer;
    if (entry.method === 0) data = Buffer.from(raw);
    else {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
          throw refuse('COURSE_ZIP_TOO_LARGE', 'it expands past the size it declares.', entry.name);
        throw refuse('COURSE_ZIP_INVALID', 'its compressed data is damaged.', entry.name);
      }
    }
    if (data.length !== entry.size)
      throw refuse('COURSE_ZIP_INVALID', 'its size differs from the size it declares.', entry.name);
    if (crc32(data) >>> 0 !== entry.crc >>> 0)
      throw refuse('COURSE_ZIP_INVALID', 'its checksum does not match (a damaged archive).', entry.name);
    files.set(entry.name, data);
  }
  return files;
}
