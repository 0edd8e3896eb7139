import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  type ConversionNote,
  type CourseFolder,
  parseCourseFolder,
  readCourseDirectory,
  serializeCourseFolder,
  studioDraftFromFolder,
  studioDraftToFolder,
  type StudioMaterialFile,
} from '@hocvuso/content';
import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import {
  ConflictError,
  COURSE_OWNER,
  detectMaterialType,
  isImageMaterial,
  isDomainError,
  NotFoundError,
  sanitiseMaterialName,
  ValidationError,
} from '@hocvuso/domain';
import {
  appendAudit,
  courseDraft,
  courseMaterials,
  currentVersionNo,
  insertCourseDraft,
  insertCourseMaterial,
  insertCourseStaff,
  insertStudioCourse,
  type Queryable,
} from '@hocvuso/db';
import type { ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import { pdfInfo } from '../materials/pdf-info';

/**
 * A course as files (docs/course-export.md), shared by the api routes and the `course:export` command. A file
 * course is read from its folder under CONTENT_DIR and written back in the canonical layout; a studio course is
 * its draft (`of: 'draft'`) or the draft it was last published from (`of: 'published'`) with its materials.
 */
export type ExportOf = 'draft' | 'published';

export async function courseFilesForExport(
  db: Queryable,
  storage: ObjectStorage,
  contentDir: string,
  course: { id: string; source: 'content' | 'studio'; published: boolean },
  of: ExportOf,
): Promise<Map<string, Buffer>> {
  if (course.source === 'content') return serializeCourseFolder(fileCourseFolder(contentDir, course.id));
  const draft = await courseDraft(db, course.id);
  if (!draft)
    throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course among the courses you teach.');
  let version = 'draft';
  if (of === 'published') {
    // Versions keep rendered lessons, not their Markdown: the published version is exported from the draft it was
    // published from, which is the saved draft as long as nobody saved since.
    if (!course.published || draft.published_revision === null)
      throw new ConflictError(
        'COURSE_NOT_PUBLISHED',
        'This course has no published version yet; export the draft.',
      );
    if (draft.published_revision !== draft.revision)
      throw new ConflictError(
        'EXPORT_PUBLISHED_CHANGED',
        'The draft changed since the course was published; export the draft, or publish it first.',
        { draftRevision: draft.revision, publishedRevision: draft.published_revision },
      );
    version = String(await currentVersionNo(db, course.id));
  }
  const document = studioDraftSchema.parse(draft.document);
  const materials = await materialFiles(db, storage, course.id);
  return serializeCourseFolder(studioDraftToFolder(course.id, version, document, materials));
}

/** A file course's folder, checked like an uploaded archive. */
export function fileCourseFolder(contentDir: string, courseId: string): CourseFolder {
  return parseCourseFolder(readCourseDirectory(join(contentDir, 'courses', courseId)));
}

/** The course's materials with their bytes, named by their file name (made unique, case-insensitively). */
async function materialFiles(
  db: Queryable,
  storage: ObjectStorage,
  courseId: string,
): Promise<StudioMaterialFile[]> {
  const rows = (await courseMaterials(db, courseId)).sort((a, b) =>
    a.original_name < b.original_name
      ? -1
      : a.original_name > b.original_name
        ? 1
        : a.sha256 < b.sha256
          ? -1
          : 1,
  );
  const taken = new Set<string>();
  const files: StudioMaterialFile[] = [];
  for (const m of rows) {
    const bytes = await storage.get(m.storage_key);
    if (!bytes)
      throw new NotFoundError(
        'MATERIAL_NOT_FOUND',
        `The file of material "${m.original_name}" is missing from storage.`,
      );
    let name = m.original_name;
    const dot = name.lastIndexOf('.');
    for (let n = 2; taken.has(name.toLowerCase()); n++)
      name = `${m.original_name.slice(0, dot)}-${n}${m.original_name.slice(dot)}`;
    taken.add(name.toLowerCase());
    files.push({ name, bytes, altText: m.alt_text });
  }
  return files;
}

interface CheckedMaterial {
  name: string;
  bytes: Buffer;
  mediaType: string;
  sha256: string;
  altText: string | null;
  pageCount: number | null;
  extractedText: string | null;
}

/** Each material file checked as an upload is (magic bytes, name, PDF pages); a refusal names the file. */
function checkMaterials(
  folder: CourseFolder,
  materials: Array<{ path: string; name: string; altText: string | null }>,
) {
  return materials.map((m): CheckedMaterial => {
    const bytes = folder.media.get(m.path)!;
    try {
      if (bytes.length === 0) throw new ValidationError('MATERIAL_EMPTY', 'The file is empty.');
      const mediaType = detectMaterialType(bytes);
      const name = sanitiseMaterialName(m.name, mediaType);
      if (name !== m.name)
        throw new ValidationError(
          'MATERIAL_NAME_INVALID',
          `The name does not fit its content; expected "${name}".`,
        );
      let pageCount: number | null = null;
      let extractedText: string | null = null;
      if (mediaType === 'application/pdf') {
        const info = pdfInfo(bytes);
        if (info.pageCount === 0) throw new ValidationError('MATERIAL_CORRUPT', 'This PDF has no pages.');
        pageCount = info.pageCount;
        extractedText = info.text;
      }
      return {
        name,
        bytes,
        mediaType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        altText: isImageMaterial(mediaType) ? m.altText : null,
        pageCount,
        extractedText,
      };
    } catch (e) {
      if (isDomainError(e)) throw new ValidationError(e.code, `${m.path}: ${e.message}`, { entry: m.path });
      throw e;
    }
  });
}

/**
 * Makes a new studio course from a course folder, the caller its owner: the draft, the materials (stored under
 * `materials/<course>/<sha256>`) and an audit entry, in one transaction. The course id is claimed first, so a
 * concurrent import of the same id waits and then gets 409 COURSE_ID_TAKEN without writing a file; if anything
 * fails after files were stored, they are removed before the error is returned. `ids` are tried in order.
 */
export async function createStudioCourseFromFolder(
  db: DataSource,
  storage: ObjectStorage,
  input: {
    userId: string;
    ids: string[];
    folder: CourseFolder;
    action: 'course.import' | 'course.copy';
    source?: string;
  },
): Promise<{ id: string; lessons: number; materials: number; notes: ConversionNote[] }> {
  const converted = studioDraftFromFolder(input.folder);
  const draft: StudioDraft = converted.draft;
  const materials = checkMaterials(input.folder, converted.materials);
  const stored: string[] = [];
  try {
    const id = await db.transaction(async (tx) => {
      let id: string | undefined;
      for (const candidate of input.ids)
        if (await insertStudioCourse(tx, candidate)) {
          id = candidate;
          break;
        }
      if (!id)
        throw new ConflictError(
          'COURSE_ID_TAKEN',
          `The course id "${input.ids[0]}" is taken; choose another.`,
          {
            field: 'id',
          },
        );
      await insertCourseStaff(tx, {
        courseId: id,
        userId: input.userId,
        role: COURSE_OWNER,
        addedBy: input.userId,
      });
      await insertCourseDraft(tx, id, draft, input.userId);
      for (const m of materials) {
        const storageKey = `materials/${id}/${m.sha256}`;
        stored.push(storageKey);
        await storage.put(storageKey, m.bytes, m.mediaType);
        await insertCourseMaterial(tx, {
          courseId: id,
          originalName: m.name,
          mediaType: m.mediaType,
          sizeBytes: m.bytes.length,
          sha256: m.sha256,
          storageKey,
          pageCount: m.pageCount,
          extractedText: m.extractedText,
          altText: m.altText,
          uploadedBy: input.userId,
        });
      }
      await appendAudit(tx, {
        actor: input.userId,
        action: input.action,
        subjectType: 'course',
        subjectId: id,
        after: {
          ...(input.source ? { source: input.source } : {}),
          lessons: draft.lessons.length,
          materials: materials.map((m) => m.sha256),
        },
      });
      return id;
    });
    return { id, lessons: draft.lessons.length, materials: materials.length, notes: converted.notes };
  } catch (e) {
    await Promise.allSettled(stored.map((key) => storage.delete(key)));
    throw e;
  }
}
