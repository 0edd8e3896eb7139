import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';

/**
 * Where generated files (certificate PDFs, report exports) live. Keys are slash-separated relative paths
 * chosen by the caller, e.g. `certificates/2026/11/<id>.pdf`.
 */
export interface ObjectStorage {
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; removing one that is not there is not an error (cleanup after a refused import). */
  delete(key: string): Promise<void>;
  /** Stores a local file (videos: gigabytes, never held in memory). `sha256` is the file's hex digest. */
  putFile(key: string, path: string, contentType: string, sha256: string): Promise<void>;
  /** The object's size, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The object's bytes as a stream (`start`–`end` inclusive when a range is given); undefined when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable | undefined>;
}

/** An inclusive byte range, as HTTP `Range: bytes=start-end` names it. */
export interface ByteRange {
  start: number;
  end: number;
}

const KEY = /^[a-z0-9][a-z0-9/_.-]{0,300}$/;

function assertKey(key: string): void {
  if (!KEY.test(key) || key.includes('..') || key.includes('//'))
    throw new Error(`invalid storage key: ${key}`);
}

/**
 * Local disk (the default, tier 0 and tier 1 with a volume). Writes go to a temporary file first and are
 * renamed into place, so a crash never leaves half a PDF behind.
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  private path(key: string): string {
    assertKey(key);
    const p = resolve(join(this.root, key));
    if (!p.startsWith(this.root + sep)) throw new Error(`invalid storage key: ${key}`);
    return p;
  }

  async put(key: string, body: Buffer, _contentType?: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    // A unique temporary name: two writers of the same key never share it, and the last rename wins whole.
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(tmp, body);
    await rename(tmp, target);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.path(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await stat(this.path(key));
      return true;
    } catch {
      return false;
    }
  }
  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async putFile(key: string, path: string, _contentType?: string, _sha256?: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // copy_file_range / reflink where the file system has them: no bytes through this process.
      await copyFile(path, tmp);
      await rename(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? s.size : undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    const path = this.path(key);
    if ((await this.size(key)) === undefined) return undefined;
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }
}
