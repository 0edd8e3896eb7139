import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { VideoCaptionStored } from '@hocvuso/contracts';
import { isUuid, type Language, NotFoundError, parseWebVtt, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  courseVideo,
  deleteVideoCaption,
  isVideoCaptionKeyInUse,
  lockCourseVideo,
  upsertVideoCaption,
  videoCaption,
} from '@hocvuso/db';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { LOGGER } from '../../common/logging/logger.token';
import { CourseAccessService } from '../teaching/course-access.service';
import { captionKey, videoNotFound, VideosService, videoUrls } from './videos.service';

/**
 * Caption files of a studio video, one per language (docs/captions.md "Studio videos"). A file is checked by the
 * same validator as the content importer's (`parseWebVtt`) against the video's probed duration; a file with any
 * error stores nothing and answers every problem with its line. A good file is stored through libs/storage
 * under its hash and recorded in `course_video_captions`, replacing that language's file.
 *
 * Concurrency: writing the file, the row and removing the file a replacement made unused all happen under the
 * video row's lock, so 50 uploads at once leave one row whose file exists, and no file nothing points to. A file
 * that a published lesson revision still names is kept (learners on that version still read it).
 */
@Injectable()
export class VideoCaptionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
    @Inject(VideosService) private readonly videos: VideosService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async put(
    user: AuthUser,
    courseId: string,
    videoId: string,
    language: Language,
    body: unknown,
  ): Promise<VideoCaptionStored> {
    await this.editable(user, courseId);
    if (!Buffer.isBuffer(body))
      throw new ValidationError(
        'CAPTIONS_NOT_VTT',
        'Send the caption file itself as the body, with Content-Type: text/vtt.',
      );
    const video = isUuid(videoId) ? await courseVideo(this.db, courseId, videoId) : undefined;
    if (!video) throw videoNotFound();
    const file: Buffer = body;
    const bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
    const result = parseWebVtt(bytes, { durationSeconds: video.duration_seconds });
    if (!result.ok) {
      const first = result.errors[0]!;
      throw new ValidationError(
        'CAPTIONS_INVALID',
        `The caption file has ${result.errors.length} problem(s); the first, on line ${first.line}: ${first.message}`,
        { errors: result.errors, warnings: result.warnings },
      );
    }
    const sha256 = createHash('sha256').update(file).digest('hex');
    const key = captionKey(video.id, sha256);
    let previous: string | undefined;
    try {
      previous = await this.db.transaction(async (tx) => {
        if (!(await lockCourseVideo(tx, courseId, video.id))) throw videoNotFound();
        const before = await videoCaption(tx, video.id, language);
        await this.videos.storage.put(key, file, 'text/vtt; charset=utf-8');
        await upsertVideoCaption(tx, {
          videoId: video.id,
          language,
          storageKey: key,
          sha256,
          cueCount: result.cues.length,
          coverage: result.coverage ?? 0,
          uploadedBy: user.id,
        });
        await appendAudit(tx, {
          actor: user.id,
          action: 'course.video.captions',
          subjectType: 'course',
          subjectId: courseId,
          before: before ? { videoId: video.id, language, sha256: before.sha256 } : undefined,
          after: { videoId: video.id, language, sha256, cues: result.cues.length },
        });
        return before?.storage_key;
      });
    } catch (err) {
      // The row was not written: the file is kept only if something else already names it.
      await this.removeUnused(courseId, video.id, key);
      throw err;
    }
    if (previous && previous !== key) await this.removeUnused(courseId, video.id, previous);
    return {
      language,
      url: videoUrls.caption(video.id, sha256),
      cueCount: result.cues.length,
      coverage: result.coverage ?? 0,
      warnings: result.warnings,
    };
  }

  /** Removes a language's captions (404 CAPTIONS_NOT_FOUND when there are none). */
  async remove(user: AuthUser, courseId: string, videoId: string, language: Language): Promise<void> {
    await this.editable(user, courseId);
    if (!isUuid(videoId)) throw videoNotFound();
    const removed = await this.db.transaction(async (tx) => {
      if (!(await lockCourseVideo(tx, courseId, videoId))) throw videoNotFound();
      const row = await deleteVideoCaption(tx, videoId, language);
      if (!row) throw new NotFoundError('CAPTIONS_NOT_FOUND', `The video has no captions in "${language}".`);
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.video.captions.remove',
        subjectType: 'course',
        subjectId: courseId,
        before: { videoId, language, sha256: row.sha256 },
      });
      return row;
    });
    await this.removeUnused(courseId, videoId, removed.storage_key);
  }

  private async editable(user: AuthUser, courseId: string) {
    await this.access.requireStudio(user, courseId);
  }

  /** Deletes a caption file nothing names any more, under the video's lock; a failure is logged, not thrown. */
  private async removeUnused(courseId: string, videoId: string, key: string): Promise<void> {
    await this.db
      .transaction(async (tx) => {
        await lockCourseVideo(tx, courseId, videoId);
        if (!(await isVideoCaptionKeyInUse(tx, courseId, videoId, key)))
          await this.videos.storage.delete(key);
      })
      .catch((err: Error) => this.logger.warn({ err: err.message, key }, 'caption file not cleaned up'));
  }
}
