import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { writeCourseDirectory } from '@hocvuso/content';
import { courseForTeacher } from '@hocvuso/db';
import type { ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import { courseFilesForExport, type ExportOf } from '../modules/teaching/course-files';

/** No user: the command is run by an operator; `courseForTeacher` is only used to read the course's source. */
const NOBODY = '00000000-0000-0000-0000-000000000000';

export class CourseExportError extends Error {}

/**
 * `course:export <course-id> <folder> [draft|published]`: writes the course as a content/courses/<id>/ folder
 * (docs/course-export.md), the same files the api's zip holds. The folder must be new or empty: nothing is
 * overwritten.
 */
export async function exportCourseCommand(
  db: DataSource,
  storage: ObjectStorage,
  contentDir: string,
  args: { courseId: string | undefined; folder: string | undefined; of: string | undefined },
): Promise<string> {
  const { courseId, folder } = args;
  const of = (args.of ?? 'draft') as ExportOf;
  if (!courseId || !folder || (of !== 'draft' && of !== 'published'))
    throw new CourseExportError('usage: course:export <course-id> <folder> [draft|published]');
  const course = await courseForTeacher(db, courseId, NOBODY);
  if (!course) throw new CourseExportError(`course:export: there is no course "${courseId}"`);
  const out = resolve(folder);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new CourseExportError(`course:export: ${out} is not empty; choose a new folder`);
  const files = await courseFilesForExport(db, storage, contentDir, course, of);
  writeCourseDirectory(out, files);
  return `course:export: ${course.id} (${course.source === 'studio' ? of : 'files'}) → ${out}, ${files.size} file(s)`;
}
