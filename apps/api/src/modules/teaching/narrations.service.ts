import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { narrationSource } from '@hocvuso/content';
import { studioDraftSchema } from '@hocvuso/contracts';
import {
  AUDIO_CONTAINERS,
  AUDIO_MAX_BYTES,
  type AudioContainer,
  isUuid,
  narrationContainer,
  narrationDuration,
  narrationName,
  narrationTooLarge,
  NotFoundError,
  ValidationError,
} from '@hocvuso/domain';
import {
  appendAudit,
  courseDraft,
  courseNarrations,
  type CourseNarrationRow,
  insertCourseNarration,
  narrationById,
} from '@hocvuso/db';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { readLimitedBody } from '../../common/http/read-limited-body';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { MediaService } from '../media/media.service';
import { IMMUTABLE } from '../videos/stored-file-reply';
import { probeAudio } from '../videos/video-probe';
import { CourseAccessService } from './course-access.service';

export const narrationNotFound = () =>
  new NotFoundError('NARRATION_NOT_FOUND', 'There is no such narration in this course.');

/**
 * Studio narration (docs/read-aloud.md "In the studio"): a teacher of a studio course uploads a lesson's narration
 * in one of the course's languages; the bytes are read with a size limit, typed by their content (MP3, Ogg, M4A),
 * read to the end by ffmpeg (sound, no picture, a length within limits), hashed and stored under a key the server
 * makes (`narrations/<course>/<sha256>.<ext>`); only then is the row written. A refused upload stores nothing.
 * The draft names the narration by id (the editor saves it); publishing copies it into the lesson revision.
 */
@Injectable()
export class NarrationsService {
  readonly storage: ObjectStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
    @Inject(MediaService) private readonly media: MediaService,
  ) {
    this.storage = createStorage(config.storage);
  }

  async upload(
    user: AuthUser,
    courseId: string,
    input: { language: string | undefined; name: string | undefined; declaredLength: number | undefined },
    body: unknown,
  ) {
    await this.access.requireStudio(user, courseId);
    // The language first (a cheap refusal): one the course offers, as its draft lists them now.
    const draft = await courseDraft(this.db, courseId);
    const languages = draft ? studioDraftSchema.parse(draft.document).languages : [];
    const language = input.language ?? '';
    if (!languages.includes(language))
      throw new ValidationError(
        'NARRATION_LANGUAGE_NOT_OFFERED',
        `This course is written in ${languages.join(', ')}; a narration in "${language.slice(0, 20)}" has no lesson text to read.`,
        { field: 'language', languages },
      );
    if (input.declaredLength !== undefined && input.declaredLength > AUDIO_MAX_BYTES)
      throw narrationTooLarge();
    const bytes = await readLimitedBody(body, AUDIO_MAX_BYTES, {
      tooLarge: narrationTooLarge,
      notStream: () =>
        new ValidationError(
          'NARRATION_NOT_OCTET_STREAM',
          'Send the audio file itself as the body, with Content-Type: application/octet-stream.',
        ),
    });
    const checked = await checkNarration(bytes, input.name ?? '');
    const { mediaType, sha256 } = checked;
    // Same bytes, same key: a second (or concurrent) upload rewrites identical content, never a stray file.
    const storageKey = narrationKey(courseId, checked);
    await this.storage.put(storageKey, bytes, mediaType);
    const { row, created } = await this.db.transaction(async (tx) => {
      const result = await insertCourseNarration(tx, {
        courseId,
        originalName: checked.originalName,
        mediaType,
        sizeBytes: bytes.length,
        sha256,
        storageKey,
        durationSeconds: checked.durationSeconds,
        uploadedBy: user.id,
      });
      if (result.created)
        await appendAudit(tx, {
          actor: user.id,
          action: 'course.narration.upload',
          subjectType: 'course',
          subjectId: courseId,
          after: { narrationId: result.row.id, language, mediaType, sizeBytes: bytes.length, sha256 },
        });
      return result;
    });
    return { ...this.toNarration(row), created };
  }

  async list(user: AuthUser, courseId: string) {
    await this.access.require(user, courseId, 'read');
    return { items: (await courseNarrations(this.db, courseId)).map((n) => this.toNarration(n)) };
  }

  /** The stored file of a narration by its random id (draft or published), for range requests. */
  async file(narrationId: string) {
    const n = isUuid(narrationId) ? await narrationById(this.db, narrationId) : undefined;
    if (!n) throw narrationNotFound();
    return { key: n.storage_key, mediaType: n.media_type, etag: `"${n.sha256}"`, cacheControl: IMMUTABLE };
  }

  toNarration(n: CourseNarrationRow) {
    return {
      id: n.id,
      name: n.original_name,
      mediaType: n.media_type,
      sizeBytes: Number(n.size_bytes),
      sha256: n.sha256,
      durationSeconds: Number(n.duration_seconds),
      url: this.media.url(n.course_id, {
        key: narrationSource(n.id),
        hash: n.sha256,
        mediaType: n.media_type,
      }),
      createdAt: n.created_at instanceof Date ? n.created_at.toISOString() : String(n.created_at),
    };
  }
}

/** A narration's bytes as the upload's checks found them (also used by a course import, course-files.ts). */
export interface CheckedNarration {
  container: AudioContainer;
  mediaType: (typeof AUDIO_CONTAINERS)[AudioContainer];
  /** The given name made safe, ending in the container's extension. */
  originalName: string;
  durationSeconds: number;
  sha256: string;
}

/**
 * Every check of a narration upload on its bytes, in order: at most AUDIO_MAX_BYTES and an audio container by
 * its content (MP3, Ogg, M4A), the name made safe, then ffprobe (sound, no picture, 0.5 s to 2 h). Throws the
 * upload's 400 codes (AUDIO_*, NARRATION_NAME_INVALID).
 */
export async function checkNarration(bytes: Buffer, name: string): Promise<CheckedNarration> {
  const container = narrationContainer(bytes);
  const originalName = narrationName(name, container);
  const durationSeconds = narrationDuration(await probeBytes(bytes, container));
  return {
    container,
    mediaType: AUDIO_CONTAINERS[container],
    originalName,
    durationSeconds,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/** Where a narration's bytes are stored: a key the server makes from the course and the content. */
export const narrationKey = (courseId: string, n: { sha256: string; container: AudioContainer }) =>
  `narrations/${courseId}/${n.sha256}.${n.container}`;

/** ffprobe reads files: the bytes go to a private temporary folder, removed whatever happens. */
async function probeBytes(bytes: Buffer, container: AudioContainer) {
  const work = await mkdtemp(join(tmpdir(), 'hvs-narration-'));
  try {
    const file = join(work, `narration.${container}`);
    await writeFile(file, bytes);
    return await probeAudio(file);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
