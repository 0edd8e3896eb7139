import { crc32, deflateRawSync } from 'node:zlib';

export interface ForgedZipEntry {
  name: string | Buffer;
  data?: Buffer;
  method?: 0 | 8;
  flags?: number;
  madeBy?: number;
  external?: number;
  declaredSize?: number;
  /** Point this entry's central record at the local header of entry n (shared bytes). */
  shareWith?: number;
}

/**
 * A ZIP written byte by byte with exactly the header fields given (names as raw bytes, flags, file type, a declared
 * size that lies, entries sharing bytes): how the tests build each hostile archive the reader must refuse. Not used
 * by the api itself; {@link writeCourseZip} writes real archives.
 */
export function forgeZip(entries: ForgedZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  entries.forEach((e) => {
    const name = Buffer.isBuffer(e.name) ? e.name : Buffer.from(e.name, 'utf8');
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(data) : data;
    const size = e.declaredSize ?? data.length;
    const flags = e.flags ?? (name.some((b) => b >= 0x80) ? 0x800 : 0);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    offsets.push(offset);
    const at = e.shareWith !== undefined ? offsets[e.shareWith]! : offset;
    if (e.shareWith === undefined) {
      locals.push(local, name, body);
      offset += 30 + name.length + body.length;
    }
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(e.madeBy ?? 0x031e, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(flags, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc32(data), 16);
    c.writeUInt32LE(body.length, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(name.length, 28);
    c.writeUInt32LE(e.external ?? (0o100644 << 16) >>> 0, 38);
    c.writeUInt32LE(at, 42);
    centrals.push(c, name);
  });
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
