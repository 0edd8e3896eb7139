import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  claimVideoForTranscoding,
  markVideoFailed,
  markVideoReady,
  type Queryable,
  setVideoProgress,
  videosToTranscode,
} from '@hocvuso/db';
import {
  AUDIO_ONLY_RUNG,
  hlsMasterPlaylist,
  isDomainError,
  smallRenditionKey,
  transcodeProgress,
  videoLadder,
} from '@hocvuso/domain';
import { type JobOutcome, JobName, type JobPayloads, type JobQueue, transcodeJobId } from '@hocvuso/jobs';
import { makeImageRendition } from '@hocvuso/media';
import type { ObjectStorage } from '@hocvuso/storage';
import { FfmpegError, hlsArgs, posterArgs, runFfmpeg } from '../media/ffmpeg-hls';

export interface TranscodeDeps {
  db: Queryable;
  storage: ObjectStorage;
  /** The ffmpeg binary (from @ffmpeg-installer/ffmpeg). */
  ffmpegPath: string;
  /** The ffprobe binary (from @ffprobe-installer/ffprobe), for the poster's small copy. */
  ffprobePath: string;
  /** Where the source and outputs are kept while the job runs (the OS temp folder by default). */
  workDir?: string;
  logger?: { warn(obj: object, msg: string): void };
}

const MEDIA_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  ts: 'video/mp2t',
  jpg: 'image/jpeg',
  webp: 'image/webp',
};

/**
 * Transcodes one course video (docs/video-pipeline.md). The row is claimed first (a `ready` video is skipped:
 * a replay does nothing); the original is copied from storage to a work folder; one ffmpeg run makes the HLS
 * ladder and the audio-only rendition, its `-progress` written to the row at each new percent; a second run
 * makes the poster, then its small WebP copy for low-data mode (docs/low-data.md "Images"). Every output goes to storage under `videos/<id>/...` (the same keys on a retry, overwritten
 * whole), the master playlist last; only then is the row `ready`. An ffmpeg failure is recorded on the row
 * (`failed`, TRANSCODE_FAILED and ffmpeg's last words) and is not retried; a storage or database error is
 * thrown, so the queue retries.
 */
export async function transcodeVideo(
  deps: TranscodeDeps,
  payload: JobPayloads['transcode-video'],
): Promise<JobOutcome> {
  const video = await claimVideoForTranscoding(deps.db, payload.videoId);
  if (!video) return 'skipped';
  const work = await mkdtemp(join(deps.workDir ?? tmpdir(), 'hvs-transcode-'));
  try {
    const source = join(work, 'source');
    const original = await deps.storage.read(video.original_key);
    if (!original) {
      await markVideoFailed(
        deps.db,
        video.id,
        'VIDEO_ORIGINAL_MISSING',
        'The uploaded file is missing from storage.',
      );
      return 'failed';
    }
    await pipeline(original, createWriteStream(source));
    const rungs = videoLadder(video.height);
    const out = join(work, 'hls');
    await mkdir(out);
    let shown = 0;
    let writing: Promise<unknown> = Promise.resolve();
    try {
      await runFfmpeg(deps.ffmpegPath, hlsArgs(source, out, video, rungs), (us) => {
        const pct = transcodeProgress(us, video.duration_seconds);
        if (pct <= shown) return;
        shown = pct;
        writing = writing.then(() => setVideoProgress(deps.db, video.id, pct)).catch(() => undefined);
      });
      await runFfmpeg(
        deps.ffmpegPath,
        posterArgs(source, join(work, 'poster.jpg'), video.duration_seconds, video.height),
      );
    } catch (err) {
      await writing;
      if (!(err instanceof FfmpegError)) throw err;
      await markVideoFailed(deps.db, video.id, 'TRANSCODE_FAILED', err.message);
      deps.logger?.warn({ videoId: video.id, err: err.message }, 'transcode failed');
      return 'failed';
    }
    await writing;
    // ffmpeg numbers the renditions (%v): the rungs in order, then the audio-only one.
    const names = [...rungs.map((r) => r.name), AUDIO_ONLY_RUNG.name];
    const prefix = `videos/${video.id}`;
    for (const [i, name] of names.entries()) {
      const dir = join(out, String(i));
      for (const file of (await readdir(dir)).sort()) {
        if (file.endsWith('.tmp')) continue;
        await putFile(deps.storage, `${prefix}/hls/${name}/${file}`, join(dir, file));
      }
    }
    await putFile(deps.storage, `${prefix}/poster.jpg`, join(work, 'poster.jpg'));
    await putSmallPoster(deps, `${prefix}/poster.jpg`, join(work, 'poster.jpg'));
    const master = join(work, 'master.m3u8');
    await writeFile(master, hlsMasterPlaylist(video, rungs));
    await putFile(deps.storage, `${prefix}/hls/master.m3u8`, master);
    await markVideoReady(deps.db, video.id, {
      hlsKey: `${prefix}/hls/master.m3u8`,
      posterKey: `${prefix}/poster.jpg`,
      renditions: [
        ...rungs.map((r) => ({ name: r.name, height: r.height })),
        { name: AUDIO_ONLY_RUNG.name, height: null },
      ],
    });
    return 'done';
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The poster's small copy beside it (`poster.480w.webp`). Without it learners in low-data mode get the poster
 * itself (the api falls back), so a refusal is logged, not a failed transcode.
 */
async function putSmallPoster(deps: TranscodeDeps, posterKey: string, poster: string): Promise<void> {
  const key = smallRenditionKey(posterKey)!;
  const small = join(poster, '..', key.slice(key.lastIndexOf('/') + 1));
  try {
    await makeImageRendition({ ffmpegPath: deps.ffmpegPath, ffprobePath: deps.ffprobePath }, poster, small);
  } catch (err) {
    if (!isDomainError(err)) throw err;
    deps.logger?.warn({ posterKey, code: err.code, err: err.message }, 'small poster not made');
    return;
  }
  await putFile(deps.storage, key, small);
}

async function putFile(storage: ObjectStorage, key: string, path: string): Promise<void> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const ext = key.slice(key.lastIndexOf('.') + 1);
  await storage.putFile(key, path, MEDIA_TYPES[ext] ?? 'application/octet-stream', hash.digest('hex'));
}

/** Re-announces videos whose transcode was never announced, or whose worker stopped without a word. */
export async function sweepVideoTranscodes(
  db: Queryable,
  queue: Pick<JobQueue, 'enqueue'>,
  payload: JobPayloads['sweep-video-transcodes'],
): Promise<JobOutcome> {
  const due = await videosToTranscode(db, payload.olderThanSeconds);
  for (const v of due)
    await queue.enqueue(JobName.transcodeVideo, { videoId: v.id }, { jobId: transcodeJobId(v.id) });
  return due.length > 0 ? 'done' : 'skipped';
}
