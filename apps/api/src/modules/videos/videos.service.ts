import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IMAGE_RENDITION, isUuid, NotFoundError, smallRenditionKey } from '@hocvuso/domain';
import type { CourseVideo } from '@hocvuso/contracts';
import {
  courseVideo,
  courseVideoById,
  type CourseVideoRow,
  courseVideos,
  videoCaptions,
  type VideoCaptionRow,
} from '@hocvuso/db';
import { createStorage, type ObjectStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';
import { CourseAccessService } from '../teaching/course-access.service';
import { IMMUTABLE } from './stored-file-reply';

export const VIDEO_URL_PREFIX = '/api/videos/';

/** The poster's small copy the worker writes beside it (`poster.480w.webp`). */
const SMALL_POSTER = smallRenditionKey('poster.jpg')!;

export const videoNotFound = () =>
  new NotFoundError('VIDEO_NOT_FOUND', 'There is no such video in this course.');

/** The public URLs of a video's files (docs/video-pipeline.md): ids and hashes make each one immutable. */
export const videoUrls = {
  original: (v: Pick<CourseVideoRow, 'id' | 'original_key'>) =>
    `${VIDEO_URL_PREFIX}${v.id}/${v.original_key.split('/').pop()}`,
  hls: (id: string) => `${VIDEO_URL_PREFIX}${id}/hls/master.m3u8`,
  poster: (id: string) => `${VIDEO_URL_PREFIX}${id}/poster.jpg`,
  caption: (id: string, sha256: string) => `${VIDEO_URL_PREFIX}${id}/captions/${sha256}.vtt`,
};

/** The storage key of a caption file: by the video and the file's hash, so its URL never changes content. */
export const captionKey = (videoId: string, sha256: string) => `videos/${videoId}/captions/${sha256}.vtt`;

export function toCourseVideo(v: CourseVideoRow, captions: VideoCaptionRow[]): CourseVideo {
  const ready = v.status === 'ready';
  return {
    id: v.id,
    name: v.original_name,
    mediaType: v.media_type,
    sizeBytes: Number(v.size_bytes),
    sha256: v.sha256,
    durationSeconds: v.duration_seconds,
    width: v.width,
    height: v.height,
    status: v.status,
    progress: v.progress,
    error: v.error_code ? { code: v.error_code, message: v.error_message ?? '' } : null,
    urls: {
      original: videoUrls.original(v),
      hls: ready ? videoUrls.hls(v.id) : null,
      poster: ready ? videoUrls.poster(v.id) : null,
    },
    renditions: ready ? v.renditions : [],
    captions: captions
      .filter((c) => c.video_id === v.id)
      .map((c) => ({
        language: c.language,
        url: videoUrls.caption(v.id, c.sha256),
        cueCount: c.cue_count,
        coverage: c.coverage,
      })),
    createdAt: (v.created_at instanceof Date ? v.created_at : new Date(v.created_at)).toISOString(),
  };
}

const HLS_FILE =
  /^hls\/(master\.m3u8|(240p|360p|720p|audio|[0-9]{1,4}p)\/(index\.m3u8|seg-[0-9]{5}\.(ts|aac)))$/;

/** The studio's reads of course videos, and which stored file a public video URL names. */
@Injectable()
export class VideosService {
  readonly storage: ObjectStorage;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
  ) {
    this.storage = createStorage(config.storage);
  }

  async list(user: AuthUser, courseId: string): Promise<{ items: CourseVideo[] }> {
    await this.access.require(user, courseId, 'read');
    const rows = await courseVideos(this.db, courseId);
    const captions = await videoCaptions(
      this.db,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => toCourseVideo(r, captions)) };
  }

  async get(user: AuthUser, courseId: string, videoId: string): Promise<CourseVideo> {
    await this.access.require(user, courseId, 'read');
    const row = isUuid(videoId) ? await courseVideo(this.db, courseId, videoId) : undefined;
    if (!row) throw videoNotFound();
    return toCourseVideo(row, await videoCaptions(this.db, [row.id]));
  }

  /**
   * The stored object behind `/api/videos/<id>/<path>`: the original (always), the HLS files and the poster
   * (once ready: before, they may still be written), a caption file by its hash (while stored). Undefined for
   * anything else.
   */
  async publicFile(
    videoId: string,
    path: string,
  ): Promise<{ key: string; mediaType: string; etag: string; cacheControl: string } | undefined> {
    if (!isUuid(videoId)) return undefined;
    const v = await courseVideoById(this.db, videoId);
    if (!v) return undefined;
    const file = (key: string, mediaType: string, etag: string) => ({
      key,
      mediaType,
      etag: `"${etag}"`,
      cacheControl: IMMUTABLE,
    });
    if (path === v.original_key.split('/').pop()) return file(v.original_key, v.media_type, v.sha256);
    const caption = /^captions\/([0-9a-f]{64})\.vtt$/.exec(path);
    // By its hash: the file a caption row names now, or one a published lesson revision still names after the
    // teacher replaced it (learners on that version); a file nothing names is removed, so it answers 404.
    if (caption) return file(captionKey(v.id, caption[1]!), 'text/vtt; charset=utf-8', caption[1]!);
    if (v.status !== 'ready') return undefined;
    if (path === 'poster.jpg') return file(`videos/${v.id}/poster.jpg`, 'image/jpeg', `${v.sha256}-poster`);
    if (path === SMALL_POSTER) {
      // The poster's small copy (docs/low-data.md "Images"); a video transcoded before copies were made has none,
      // and gets the poster itself, revalidated each time so that a copy made later is picked up: never a 404.
      const key = `videos/${v.id}/${SMALL_POSTER}`;
      if ((await this.storage.size(key)) !== undefined)
        return file(key, IMAGE_RENDITION.mediaType, `${v.sha256}-${SMALL_POSTER}`);
      return {
        ...file(`videos/${v.id}/poster.jpg`, 'image/jpeg', `${v.sha256}-poster`),
        cacheControl: 'no-cache',
      };
    }
    if (HLS_FILE.test(path))
      return file(
        `videos/${v.id}/${path}`,
        path.endsWith('.m3u8')
          ? 'application/vnd.apple.mpegurl'
          : path.endsWith('.aac')
            ? 'audio/aac'
            : 'video/mp2t',
        `${v.sha256}-${path}`,
      );
    return undefined;
  }
}
