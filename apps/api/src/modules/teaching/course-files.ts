import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ConversionNote,
  type CourseFolder,
  type FolderVideo,
  parseCourseFolder,
  readCourseDirectory,
  serializeCourseFolder,
  studioDraftFromFolder,
  studioDraftToFolder,
  type StudioMaterialFile,
  type StudioNarrationFile,
  type StudioVideoFile,
} from '@hocvuso/content';
import { type StudioDraft, studioDraftSchema } from '@hocvuso/contracts';
import {
  ConflictError,
  COURSE_OWNER,
  detectMaterialType,
  detectVideoContainer,
  isImageMaterial,
  isDomainError,
  NotFoundError,
  parseWebVtt,
  sanitiseMaterialName,
  ValidationError,
  VIDEO_CONTAINERS,
} from '@hocvuso/domain';
import {
  appendAudit,
  courseDraft,
  courseMaterials,
  courseNarrations,
  courseVideos,
  currentVersionNo,
  insertCourseDraft,
  insertCourseMaterial,
  insertCourseNarration,
  insertCourseStaff,
  insertCourseVideo,
  insertStudioCourse,
  type Queryable,
  takenCourseIds,
  upsertVideoCaption,
  videoCaptions,
} from '@hocvuso/db';
import type { ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import { pdfInfo } from '../materials/pdf-info';
import { probeVideo } from '../videos/video-probe';
import { captionKey } from '../videos/videos.service';
import { type CheckedNarration, checkNarration, narrationKey } from './narrations.service';

/**
 * A course as files (docs/course-export.md), shared by the api routes and the `course:export` command. A file
 * course is read from its folder under CONTENT_DIR and written back in the canonical layout; a studio course is
 * its draft (`of: 'draft'`) or the draft it was last published from (`of: 'published'`) with its materials,
 * videos and narrations. The published export is refused once the draft was saved after publishing, so the
 * narrations the draft names are then the ones its published lesson revisions name.
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
  const videos = await videoFiles(db, storage, course.id, document);
  const narrations = await narrationFiles(db, storage, course.id, document);
  return serializeCourseFolder(
    studioDraftToFolder(course.id, version, document, materials, videos, narrations),
  );
}

const storedFile = async (storage: ObjectStorage, key: string, what: string, code: string) => {
  const bytes = await storage.get(key);
  if (!bytes) throw new NotFoundError(code, `The file of ${what} is missing from storage.`);
  return bytes;
};

/** The videos the draft's lessons show: each original (not its renditions) and its caption files. */
async function videoFiles(
  db: Queryable,
  storage: ObjectStorage,
  courseId: string,
  draft: StudioDraft,
): Promise<StudioVideoFile[]> {
  const shown = new Set(draft.lessons.flatMap((l) => (l.kind === 'video' && l.videoId ? [l.videoId] : [])));
  const rows = (await courseVideos(db, courseId)).filter((v) => shown.has(v.id));
  const captions = await videoCaptions(
    db,
    rows.map((v) => v.id),
  );
  const files: StudioVideoFile[] = [];
  for (const v of rows)
    files.push({
      id: v.id,
      container: /\.([a-z0-9]+)$/.exec(v.original_key)?.[1] ?? 'mp4',
      bytes: await storedFile(storage, v.original_key, `video "${v.original_name}"`, 'VIDEO_NOT_FOUND'),
      durationSeconds: v.duration_seconds,
      captions: await Promise.all(
        captions
          .filter((c) => c.video_id === v.id)
          .map(async (c) => ({
            language: c.language,
            bytes: await storedFile(
              storage,
              c.storage_key,
              `the ${c.language} captions`,
              'CAPTIONS_NOT_FOUND',
            ),
          })),
      ),
    });
  return files;
}

/** The narrations the draft's lessons name (in any language: the folder keeps those the course offers). */
async function narrationFiles(
  db: Queryable,
  storage: ObjectStorage,
  courseId: string,
  draft: StudioDraft,
): Promise<StudioNarrationFile[]> {
  const named = new Set(draft.lessons.flatMap((l) => Object.values(l.audio ?? {})));
  const files: StudioNarrationFile[] = [];
  for (const n of await courseNarrations(db, courseId))
    if (named.has(n.id))
      files.push({
        id: n.id,
        container: /\.([a-z0-9]+)$/.exec(n.storage_key)?.[1] ?? 'mp3',
        bytes: await storedFile(
          storage,
          n.storage_key,
          `narration "${n.original_name}"`,
          'NARRATION_NOT_FOUND',
        ),
        durationSeconds: Number(n.duration_seconds),
      });
  return files;
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
    const bytes = await storedFile(
      storage,
      m.storage_key,
      `material "${m.original_name}"`,
      'MATERIAL_NOT_FOUND',
    );
    let name = m.original_name;
    const dot = name.lastIndexOf('.');
    for (let n = 2; taken.has(name.toLowerCase()); n++)
      name = `${m.original_name.slice(0, dot)}-${n}${m.original_name.slice(dot)}`;
    taken.add(name.toLowerCase());
    files.push({ id: m.id, name, mediaType: m.media_type, bytes, altText: m.alt_text });
  }
  return files;
}

interface CheckedMaterial {
  path: string;
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
        path: m.path,
        name,
        bytes,
        mediaType,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        altText: isImageMaterial(mediaType) ? m.altText : null,
        pageCount,
        extractedText,
      };
    } catch (e) {
      throw naming(m.path, e);
    }
  });
}

/** A refusal of one file of the archive, naming it (`details.entry`, beside the check's own details). */
function naming(path: string, e: unknown): unknown {
  if (!isDomainError(e) || e instanceof ConflictError) return e;
  const details = typeof e.details === 'object' && e.details !== null ? e.details : {};
  return new ValidationError(e.code, `${path}: ${e.message}`, { ...details, entry: path });
}

interface CheckedVideo {
  path: string;
  bytes: Buffer;
  container: keyof typeof VIDEO_CONTAINERS;
  sha256: string;
  durationSeconds: number;
  width: number;
  height: number;
  captions: Array<{ language: string; bytes: Buffer; sha256: string; cueCount: number; coverage: number }>;
}

/**
 * Each video checked as an upload is (docs/video-pipeline.md: the container by its bytes, then ffprobe and a
 * read of every packet, so a renamed program or a truncated file is refused), and each caption file against the
 * probed duration as the captions route checks it; a refusal names the file.
 */
async function checkVideos(folder: CourseFolder, videos: FolderVideo[]): Promise<CheckedVideo[]> {
  if (videos.length === 0) return [];
  const work = await mkdtemp(join(tmpdir(), 'hvs-course-import-'));
  try {
    const checked: CheckedVideo[] = [];
    for (const [i, v] of videos.entries()) {
      const bytes = folder.media.get(v.path)!;
      let probed: Awaited<ReturnType<typeof probeVideo>>;
      let container: CheckedVideo['container'];
      try {
        container = detectVideoContainer(bytes.subarray(0, 64), bytes.length);
        const file = join(work, `${i}.${container}`);
        await writeFile(file, bytes);
        probed = await probeVideo(file);
      } catch (e) {
        throw naming(v.path, e);
      }
      checked.push({
        path: v.path,
        bytes,
        container,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        ...probed,
        captions: v.captions.map((c) => {
          const file = folder.media.get(c.path)!;
          const result = parseWebVtt(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), {
            durationSeconds: probed.durationSeconds,
          });
          if (!result.ok) {
            const first = result.errors[0]!;
            throw new ValidationError(
              'CAPTIONS_INVALID',
              `${c.path}: ${result.errors.length} problem(s); the first, on line ${first.line}: ${first.message}`,
              { entry: c.path, errors: result.errors, warnings: result.warnings },
            );
          }
          return {
            language: c.language,
            bytes: file,
            sha256: createHash('sha256').update(file).digest('hex'),
            cueCount: result.cues.length,
            coverage: result.coverage ?? 0,
          };
        }),
      });
    }
    return checked;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Each narration file checked by the studio upload's own checks (`checkNarration`: an audio container by its
 * bytes, at most 5 MiB, ffprobe, 0.5 s to 2 h); a refusal names the file. The declared `durationSeconds` is not
 * trusted: the probed length is stored, as for a video.
 */
async function checkNarrations(
  folder: CourseFolder,
  paths: string[],
): Promise<Array<CheckedNarration & { path: string; bytes: Buffer }>> {
  const checked: Array<CheckedNarration & { path: string; bytes: Buffer }> = [];
  for (const path of paths) {
    const bytes = folder.media.get(path)!;
    try {
      checked.push({ ...(await checkNarration(bytes, path.slice('media/'.length))), path, bytes });
    } catch (e) {
      throw naming(path, e);
    }
  }
  return checked;
}

/**
 * Makes a new studio course from a course folder, the caller its owner: the draft, the materials (stored under
 * `materials/<course>/<sha256>`), the narrations (`narrations/<course>/<sha256>.<ext>`, as an upload stores them),
 * the videos (`videos/<new id>/original.<ext>`, status `uploaded`, announced to the worker for transcoding after
 * the commit) with their captions, and an audit entry, in one transaction.
 * Every file is checked before anything is written. The course id is claimed first, so a concurrent import of
 * the same id waits and then gets 409 COURSE_ID_TAKEN without writing a file; if anything fails after files were
 * stored, they are removed before the error is returned. `ids` are tried in order.
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
    /** Announces a stored video to the worker (best effort: the sweep finds what this misses). */
    announceVideo?: (videoId: string) => Promise<void>;
  },
): Promise<{
  id: string;
  lessons: number;
  materials: number;
  videos: number;
  narrations: number;
  notes: ConversionNote[];
}> {
  const idTaken = () =>
    new ConflictError('COURSE_ID_TAKEN', `The course id "${input.ids[0]}" is taken; choose another.`, {
      field: 'id',
    });
  // New ids for the files, by path: the draft names them before they are stored.
  const mediaIds = new Map<string, string>();
  const idOf = (path: string) => mediaIds.get(path) ?? mediaIds.set(path, randomUUID()).get(path)!;
  const converted = studioDraftFromFolder(input.folder, {
    video: idOf,
    material: idOf,
    narration: idOf,
  });
  // Checking the files is the slow part: an id already taken is refused before it (and, for sure, below).
  if ((await takenCourseIds(db, input.ids)).length === input.ids.length) throw idTaken();
  // Two files with the same bytes are one material (as two uploads of them are); lessons name the first.
  const firstBySha = new Map<string, string>();
  const alias = new Map<string, string>();
  const materials: CheckedMaterial[] = [];
  for (const m of checkMaterials(input.folder, converted.materials)) {
    const first = firstBySha.get(m.sha256);
    if (first) alias.set(idOf(m.path), first);
    else {
      firstBySha.set(m.sha256, idOf(m.path));
      materials.push(m);
    }
  }
  // Likewise two narration files with the same bytes are one narration of the course.
  const narrations: Array<CheckedNarration & { path: string; bytes: Buffer }> = [];
  for (const n of await checkNarrations(input.folder, converted.narrations)) {
    const first = firstBySha.get(`narration:${n.sha256}`);
    if (first) alias.set(idOf(n.path), first);
    else {
      firstBySha.set(`narration:${n.sha256}`, idOf(n.path));
      narrations.push(n);
    }
  }
  const draft: StudioDraft = {
    ...converted.draft,
    lessons: converted.draft.lessons.map((l) => {
      const lesson =
        l.kind === 'document' && l.materialId !== null && alias.has(l.materialId)
          ? { ...l, materialId: alias.get(l.materialId)! }
          : l;
      return lesson.audio
        ? {
            ...lesson,
            audio: Object.fromEntries(
              Object.entries(lesson.audio).map(([lang, id]) => [lang, alias.get(id) ?? id]),
            ),
          }
        : lesson;
    }),
  };
  const videos = await checkVideos(input.folder, converted.videos);
  const stored: string[] = [];
  const put = async (key: string, bytes: Buffer, type: string) => {
    stored.push(key);
    await storage.put(key, bytes, type);
  };
  try {
    const id = await db.transaction(async (tx) => {
      let id: string | undefined;
      for (const candidate of input.ids)
        if (await insertStudioCourse(tx, candidate)) {
          id = candidate;
          break;
        }
      if (!id) throw idTaken();
      await insertCourseStaff(tx, {
        courseId: id,
        userId: input.userId,
        role: COURSE_OWNER,
        addedBy: input.userId,
      });
      await insertCourseDraft(tx, id, draft, input.userId);
      for (const m of materials) {
        const storageKey = `materials/${id}/${m.sha256}`;
        await put(storageKey, m.bytes, m.mediaType);
        await insertCourseMaterial(tx, {
          id: idOf(m.path),
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
      for (const n of narrations) {
        const storageKey = narrationKey(id, n);
        await put(storageKey, n.bytes, n.mediaType);
        await insertCourseNarration(tx, {
          id: idOf(n.path),
          courseId: id,
          originalName: n.originalName,
          mediaType: n.mediaType,
          sizeBytes: n.bytes.length,
          sha256: n.sha256,
          storageKey,
          durationSeconds: n.durationSeconds,
          uploadedBy: input.userId,
        });
      }
      for (const v of videos) {
        const videoId = idOf(v.path);
        const mediaType = VIDEO_CONTAINERS[v.container];
        const originalKey = `videos/${videoId}/original.${v.container}`;
        await put(originalKey, v.bytes, mediaType);
        await insertCourseVideo(tx, {
          id: videoId,
          courseId: id,
          ownerId: input.userId,
          originalName: v.path.slice('media/'.length),
          mediaType,
          originalKey,
          sizeBytes: v.bytes.length,
          sha256: v.sha256,
          durationSeconds: v.durationSeconds,
          width: v.width,
          height: v.height,
        });
        for (const c of v.captions) {
          const storageKey = captionKey(videoId, c.sha256);
          await put(storageKey, c.bytes, 'text/vtt; charset=utf-8');
          await upsertVideoCaption(tx, {
            videoId,
            language: c.language,
            storageKey,
            sha256: c.sha256,
            cueCount: c.cueCount,
            coverage: c.coverage,
            uploadedBy: input.userId,
          });
        }
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
          videos: videos.map((v) => v.sha256),
          narrations: narrations.map((n) => n.sha256),
        },
      });
      return id;
    });
    for (const v of videos) await input.announceVideo?.(idOf(v.path));
    return {
      id,
      lessons: draft.lessons.length,
      materials: materials.length,
      videos: videos.length,
      narrations: narrations.length,
      notes: converted.notes,
    };
  } catch (e) {
    await Promise.allSettled(stored.map((key) => storage.delete(key)));
    throw e;
  }
}
