import { execFile } from 'node:child_process';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { type ProbedAudio, ValidationError, videoRefusal } from '@hocvuso/domain';
import { concurrencyLimit } from '../../common/concurrency-limit';

/** What the worker needs to know about an accepted video. */
export interface ProbedVideo {
  durationSeconds: number;
  width: number;
  height: number;
}

interface ProbeJson {
  streams?: Array<{
    codec_type?: string;
    width?: number;
    height?: number;
    disposition?: { attached_pic?: number };
  }>;
  format?: { duration?: string };
}

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: 8 * 1024 * 1024, timeout: 10 * 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** A refusal with the first lines of ffmpeg's complaint (bounded) in `details.detail`. */
const refusal = (code: string, message: string, detail: string) =>
  new ValidationError(code, message, {
    detail: detail.trim().split('\n').slice(0, 3).join(' ').slice(0, 300),
  });
const corrupt = (detail: string) =>
  refusal(
    'VIDEO_CORRUPT',
    'This video cannot be read to the end (it is truncated or damaged); export it again and upload the new file.',
    detail,
  );

/**
 * ffprobe's streams and format of a file, once ffmpeg has read every packet to the end of the file (a stream
 * copy to nowhere: I/O only, no decoding), which finds truncated and damaged files a header-only probe accepts.
 */
async function readEveryPacket(file: string, refuse: (detail: string) => Error): Promise<ProbeJson> {
  const probe = await run(ffprobePath, [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    file,
  ]);
  if (probe.code !== 0) throw refuse(probe.stderr || 'ffprobe could not read the file');
  let info: ProbeJson;
  try {
    info = JSON.parse(probe.stdout) as ProbeJson;
  } catch {
    throw refuse('ffprobe gave no readable answer');
  }
  const check = await run(ffmpegPath, [
    '-v',
    'error',
    '-xerror',
    '-i',
    file,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'null',
    '-',
  ]);
  if (check.code !== 0 || check.stderr.trim() !== '')
    throw refuse(check.stderr || 'ffmpeg could not read every packet');
  return info;
}

/**
 * Reads a narration file (docs/read-aloud.md "In the studio") as a video is read: every packet to the end
 * (AUDIO_CORRUPT for a truncated or damaged file), then its audio streams, its moving-picture streams (a cover
 * picture does not count) and its duration, for `narrationDuration` to judge.
 */
export function probeAudio(file: string): Promise<ProbedAudio> {
  return withProbeSlot(async () => {
    const info = await readEveryPacket(file, (detail) =>
      refusal(
        'AUDIO_CORRUPT',
        'This audio cannot be read to the end (it is truncated or damaged); export it again and upload the new file.',
        detail,
      ),
    );
    const streams = info.streams ?? [];
    return {
      audioStreams: streams.filter((s) => s.codec_type === 'audio').length,
      videoStreams: streams.filter((s) => s.codec_type === 'video' && !s.disposition?.attached_pic).length,
      durationSeconds: Number(info.format?.duration) || 0,
    };
  });
}

/** Probes at once in this process: ffprobe and ffmpeg are CPU-bound, so more only slows each down. */
const withProbeSlot = concurrencyLimit(2);

/**
 * Reads a video with the ffprobe that npm brought (docs/video-pipeline.md): it must have a video stream (not
 * just a cover picture), an audio stream and a duration, and every packet must be readable to the end of the
 * file (a stream copy to nowhere: I/O only, no decoding), which finds truncated and damaged files that a
 * header-only probe accepts. Throws VIDEO_CORRUPT, VIDEO_NO_VIDEO or VIDEO_NO_AUDIO.
 */
export function probeVideo(file: string): Promise<ProbedVideo> {
  return withProbeSlot(() => probeNow(file));
}

async function probeNow(file: string): Promise<ProbedVideo> {
  const info = await readEveryPacket(file, corrupt);
  const streams = info.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video || !video.width || !video.height)
    throw videoRefusal(
      'VIDEO_NO_VIDEO',
      'This file has sound but no picture; upload a video, not an audio file.',
    );
  if (!audio)
    throw videoRefusal(
      'VIDEO_NO_AUDIO',
      'This video has no sound track; lessons need narration (captions are made from it). Export it with its audio.',
    );
  const durationSeconds = Number(info.format?.duration);
  if (!(durationSeconds > 0)) throw corrupt('no duration');
  return { durationSeconds, width: video.width, height: video.height };
}
