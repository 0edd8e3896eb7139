import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ValidationError } from '@hocvuso/domain';
import { COURSE_ZIP_LIMITS, unsafePathReason } from './course-zip';

/**
 * A course folder on disk as files by relative path (`course.yaml`, `lessons/x.vi.md`, ...), under the same limits
 * as an uploaded archive; symbolic links and special files are refused, never followed.
 */
export function readCourseDirectory(root: string, limits = COURSE_ZIP_LIMITS): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  let total = 0;
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const rel = prefix + name;
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isSymbolicLink() || (!st.isFile() && !st.isDirectory()))
        throw new ValidationError('COURSE_ZIP_SYMLINK', `${rel}: only plain files and folders are allowed.`, {
          entry: rel,
        });
      const unsafe = unsafePathReason(rel);
      if (unsafe) throw new ValidationError('COURSE_ZIP_UNSAFE_PATH', `${rel}: ${unsafe}`, { entry: rel });
      if (st.isDirectory()) {
        walk(path, `${rel}/`);
        continue;
      }
      total += st.size;
      if (files.size >= limits.maxEntries || st.size > limits.maxEntryBytes || total > limits.maxTotalBytes)
        throw new ValidationError(
          'COURSE_ZIP_TOO_LARGE',
          `${rel}: the course folder is over the size limits.`,
          {
            entry: rel,
          },
        );
      files.set(rel, readFileSync(path));
    }
  };
  walk(root, '');
  return files;
}

/** Writes course files under `root` (created when missing); the paths were checked when the files were made. */
export function writeCourseDirectory(root: string, files: ReadonlyMap<string, Uint8Array>): void {
  for (const [rel, bytes] of files) {
    const unsafe = unsafePathReason(rel);
    if (unsafe) throw new Error(`refusing to write ${rel}: ${unsafe}`);
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
}
