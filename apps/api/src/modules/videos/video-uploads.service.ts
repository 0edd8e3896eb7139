import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FileStore } from '@tus/file-store';
import { Server as TusServer } from '@tus/server';
import type { Upload } from '@tus/utils';
import {
  cleanVideoName,
  detectVideoContainer,
  ForbiddenError,
  isUuid,
  NotFoundError,
  ValidationError,
  VIDEO_CONTAINERS,
  videoRefusal,
} from '@hocvuso/domain';
import { appendAudit, insertCourseVideo } from '@hocvuso/db';
import { type JobQueue, JobName, transcodeJobId } from '@hocvuso/jobs';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { toErrorReply } from '../../common/filters/error-response';
import { LOGGER } from '../../common/logging/logger.token';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { CourseAccessService } from '../teaching/course-access.service';
import { probeVideo } from './video-probe';

/** Who is uploading, to which course: set by the controller, read by the tus hooks of the same request. */
interface UploadContext {
  user: AuthUser;
  courseId: string;
  requestId: string;
}

/** The tus error form: tus-node answers with this status and body. */
type TusError = { status_code: number; body: string };

const nodeRequestOf = (req: unknown): IncomingMessage | undefined =>
  (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;

/**
 * Resumable video uploads (tus, docs/video-pipeline.md). The api checks who may touch an upload before tus-node
 * sees the request; tus-node keeps the bytes in VIDEO_UPLOAD_DIR until the last one arrives. Then the file is
 * checked by its content (container by magic bytes, streams and every packet by ffprobe/ffmpeg), hashed, copied
 * into storage under `videos/<id>/original.<ext>` and recorded; the transcode is announced. A refused file is
 * deleted with its upload, leaving no file and no row.
 */
@Injectable()
export class VideoUploadsService {
  readonly store: FileStore;
  private readonly tus: TusServer;
  private readonly storage: ObjectStorage;
  private readonly contexts = new WeakMap<IncomingMessage, UploadContext>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.storage = createStorage(config.storage);
    this.store = new FileStore({ directory: config.videoUploadDir });
    this.tus = new TusServer({
      // Unused: every URL is made and read by the two functions below (the course is part of the path).
      path: '/api/teaching/videos/uploads',
      datastore: this.store,
      maxSize: config.videoMaxBytes,
      namingFunction: () => randomUUID(),
      generateUrl: (req, { id }) => `${new URL(req.url).pathname.replace(/\/+$/, '')}/${id}`,
      getFileIdFromRequest: (req) => {
        const id = new URL(req.url).pathname.split('/').pop();
        return id && isUuid(id) ? id : undefined;
      },
      onUploadCreate: (req, upload) => this.onCreate(req, upload),
      onUploadFinish: (req, upload) => this.onFinish(req, upload),
    });
  }

  /** POST: a new upload of a video to this course, by a person who may edit it. */
  async create(user: AuthUser, courseId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.access.requireStudio(user, courseId);
    const length = req.headers['upload-length'];
    if (
      req.headers['upload-defer-length'] !== undefined ||
      typeof length !== 'string' ||
      !/^\d+$/.test(length)
    )
      throw new ValidationError(
        'VIDEO_LENGTH_REQUIRED',
        'Say how large the video is (Upload-Length) when the upload starts.',
      );
    if (Number(length) === 0)
      throw videoRefusal('VIDEO_EMPTY', 'The file is empty (0 bytes); choose the video again.');
    if (Number(length) > this.config.videoMaxBytes) throw tooLarge(this.config.videoMaxBytes);
    await this.handle({ user, courseId, requestId: req.id }, req, reply);
  }

  /** HEAD (where to resume), PATCH (more bytes) and DELETE (give up): only by the person who started it. */
  async resume(
    user: AuthUser,
    courseId: string,
    uploadId: string,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    await this.access.require(user, courseId, 'edit');
    const upload = isUuid(uploadId) ? await this.store.getUpload(uploadId).catch(() => undefined) : undefined;
    if (!upload || upload.metadata?.course !== courseId)
      throw new NotFoundError(
        'VIDEO_UPLOAD_NOT_FOUND',
        'There is no such upload in progress for this course.',
      );
    if (upload.metadata?.owner !== user.id)
      throw new ForbiddenError(
        'VIDEO_UPLOAD_NOT_YOURS',
        'Another person started this upload; only they can continue or cancel it.',
      );
    await this.handle({ user, courseId, requestId: req.id }, req, reply);
  }

  private async handle(ctx: UploadContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.contexts.set(req.raw, ctx);
    // tus-node writes the answer itself; keep the headers Fastify's hooks set so far (security headers).
    reply.hijack();
    for (const [name, value] of Object.entries(reply.getHeaders()))
      if (value !== undefined) reply.raw.setHeader(name, value as string | string[]);
    reply.raw.setHeader('x-request-id', req.id);
    reply.raw.setHeader('cache-control', 'no-store');
    await this.tus.handle(req.raw, reply.raw);
  }

  private context(req: unknown): UploadContext {
    const raw = nodeRequestOf(req);
    const ctx = raw && this.contexts.get(raw);
    if (!ctx) throw new Error('tus request without its upload context');
    return ctx;
  }

  /** The client's metadata is replaced: only a clean file name is kept, beside the owner and the course. */
  private async onCreate(req: unknown, upload: Upload): Promise<{ metadata: Record<string, string> }> {
    const ctx = this.context(req);
    return {
      metadata: {
        name: cleanVideoName(upload.metadata?.filename ?? upload.metadata?.name),
        owner: ctx.user.id,
        course: ctx.courseId,
      },
    };
  }

  private async onFinish(req: unknown, upload: Upload): Promise<{ status_code: number }> {
    const ctx = this.context(req);
    try {
      await this.accept(ctx, upload);
      return { status_code: 204 };
    } catch (err) {
      throw this.tusError(err, ctx.requestId);
    } finally {
      // The bytes are in storage now, or refused: the upload folder keeps nothing either way.
      await this.store.remove(upload.id).catch(() => undefined);
    }
  }

  private async accept(ctx: UploadContext, upload: Upload): Promise<void> {
    await this.access.requireStudio(ctx.user, ctx.courseId);
    const file = join(this.config.videoUploadDir, upload.id);
    const container = detectVideoContainer(await readHead(file, 64), upload.offset);
    const probed = await probeVideo(file);
    const sha256 = await sha256Of(file);
    const mediaType = VIDEO_CONTAINERS[container];
    const originalKey = `videos/${upload.id}/original.${container}`;
    await this.storage.putFile(originalKey, file, mediaType, sha256);
    try {
      await this.db.transaction(async (tx) => {
        const row = await insertCourseVideo(tx, {
          id: upload.id,
          courseId: ctx.courseId,
          ownerId: ctx.user.id,
          originalName: upload.metadata?.name ?? 'video',
          mediaType,
          originalKey,
          sizeBytes: upload.offset,
          sha256,
          durationSeconds: probed.durationSeconds,
          width: probed.width,
          height: probed.height,
        });
        if (row)
          await appendAudit(tx, {
            actor: ctx.user.id,
            action: 'course.video.upload',
            subjectType: 'course',
            subjectId: ctx.courseId,
            after: { videoId: row.id, mediaType, sizeBytes: upload.offset, sha256 },
          });
      });
    } catch (err) {
      await this.storage.delete(originalKey).catch(() => undefined);
      throw err;
    }
    // Best effort: the row is the promise, the worker's sweep announces what this misses.
    await this.jobs
      .enqueue(JobName.transcodeVideo, { videoId: upload.id }, { jobId: transcodeJobId(upload.id) })
      .catch((err: Error) =>
        this.logger.warn({ err: err.message, videoId: upload.id }, 'transcode not announced'),
      );
  }

  /** A refusal in the api's error shape, as tus-node sends it back on the last PATCH. */
  private tusError(err: unknown, requestId: string): TusError {
    const { body } = toErrorReply(err, requestId, this.logger);
    return { status_code: body.statusCode, body: JSON.stringify(body) };
  }
}

const tooLarge = (max: number) =>
  videoRefusal(
    'VIDEO_TOO_LARGE',
    `The video is larger than the ${Math.floor(max / 1024 ** 2)} MB allowed; shorten or compress it.`,
    { maxBytes: max },
  );

async function readHead(file: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
