import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parseCourseFolder, readCourseZip } from '@hocvuso/content';
import { ConflictError, ValidationError } from '@hocvuso/domain';
import { type JobQueue, JobName, transcodeJobId } from '@hocvuso/jobs';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { concurrencyLimit } from '../../common/concurrency-limit';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { readLimitedBody } from '../../common/http/read-limited-body';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { CourseAccessService } from './course-access.service';
import {
  courseFilesForExport,
  createStudioCourseFromFolder,
  type ExportOf,
  fileCourseFolder,
} from './course-files';
import { writeCourseZip } from '@hocvuso/content';

/**
 * Imports and copies unpacking and checking at once in this process (each holds its archive in memory and may
 * probe videos); the others wait their turn without holding a database connection, so the one that claims a
 * course id commits quickly and a parallel import of the same id is refused at once.
 */
const withImportSlot = concurrencyLimit(2);

/**
 * Courses as files (docs/course-export.md): export a course as a zip in the content format, import such a zip
 * as a new studio course, copy a file course into the studio. The archive is hostile input: it is read with a
 * size limit, checked entry by entry (libs/content course-files) and stored in one transaction or not at all.
 */
@Injectable()
export class CourseTransferService {
  private readonly storage: ObjectStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.storage = createStorage(config.storage);
  }

  /** An imported video goes to the worker's transcoding like an upload (best effort: the sweep finds the rest). */
  private readonly announceVideo = (videoId: string): Promise<void> =>
    this.jobs
      .enqueue(JobName.transcodeVideo, { videoId }, { jobId: transcodeJobId(videoId) })
      .then(() => undefined)
      .catch((err: Error) => this.logger.warn({ err: err.message, videoId }, 'transcode not announced'));

  async export(user: AuthUser, courseId: string, of: ExportOf): Promise<{ fileName: string; zip: Buffer }> {
    const course = await this.access.require(user, courseId, 'read');
    const files = await courseFilesForExport(this.db, this.storage, this.config.contentDir, course, of);
    return {
      fileName: `${course.id}${course.source === 'studio' ? `-${of === 'draft' ? 'ban-nhap' : 'da-xuat-ban'}` : ''}.zip`,
      zip: writeCourseZip(files),
    };
  }

  async import(user: AuthUser, body: unknown, id: string | undefined, declaredLength?: number) {
    requireCapability(user, 'course.create', 'Importing courses needs the teacher role.');
    const max = this.config.courseZipMaxBytes;
    const tooLarge = () =>
      new ValidationError(
        'COURSE_ZIP_TOO_LARGE',
        `The archive is larger than the ${Math.floor(max / (1024 * 1024))} MB allowed.`,
        { maxBytes: max },
      );
    if (declaredLength !== undefined && declaredLength > max) throw tooLarge();
    const bytes = await readLimitedBody(body, max, {
      tooLarge,
      notStream: () =>
        new ValidationError(
          'COURSE_ZIP_INVALID',
          'Send the .zip file itself as the body, with Content-Type: application/zip.',
        ),
    });
    return withImportSlot(() => {
      const folder = parseCourseFolder(readCourseZip(bytes));
      const fromFile = typeof folder.course.id === 'string' ? folder.course.id : '';
      return createStudioCourseFromFolder(this.db, this.storage, {
        userId: user.id,
        ids: [id ?? fromFile],
        folder,
        action: 'course.import',
        announceVideo: this.announceVideo,
      });
    });
  }

  /** A file course copied into the studio as a new course (the caller its owner); the file course is untouched. */
  async copyToStudio(user: AuthUser, courseId: string, id: string | undefined) {
    requireCapability(user, 'course.create', 'Copying courses into the studio needs the teacher role.');
    const course = await this.access.require(user, courseId, 'read');
    if (course.source !== 'content')
      throw new ConflictError(
        'COPY_NOT_FILE_COURSE',
        'This course is already in the studio; export it and import the zip to make a copy.',
      );
    const base = `${courseId.slice(0, 52)}-ban-sao`;
    return withImportSlot(() =>
      createStudioCourseFromFolder(this.db, this.storage, {
        userId: user.id,
        ids: id ? [id] : [base, ...Array.from({ length: 8 }, (_, i) => `${base}-${i + 2}`)],
        folder: fileCourseFolder(this.config.contentDir, courseId),
        action: 'course.copy',
        source: courseId,
        announceVideo: this.announceVideo,
      }),
    );
  }
}
