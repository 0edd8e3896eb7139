import { spawn } from 'node:child_process';
import { AUDIO_ONLY_RUNG, rungWidth, type VideoRung } from '@hocvuso/domain';

/**
 * The one ffmpeg run that makes a video's whole HLS ladder (docs/video-pipeline.md): the source is decoded once,
 * split and scaled per rung (H.264 Main, key frames every 2 s so every segment starts with one, 4-second
 * segments), each with its AAC track, plus an audio-only AAC rendition. Output folders are numbered by ffmpeg
 * (`%v`: the rungs in order, then the audio); the caller names them. `-progress pipe:1` reports as it goes.
 */
export function hlsArgs(
  source: string,
  outDir: string,
  video: { width: number; height: number },
  rungs: VideoRung[],
): string[] {
  const n = rungs.length;
  const split = `[0:v]split=${n}${rungs.map((_, i) => `[s${i}]`).join('')}`;
  const scales = rungs.map((r, i) => `[s${i}]scale=${rungWidth(video, r.height)}:${r.height}[o${i}]`);
  const args = ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-i', source];
  args.push('-filter_complex', [split, ...scales].join(';'));
  rungs.forEach((_, i) => args.push('-map', `[o${i}]`, '-map', '0:a:0'));
  args.push('-map', '0:a:0');
  args.push(
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-profile:v',
    'main',
    '-level',
    '3.1',
    '-pix_fmt',
    'yuv420p',
    '-force_key_frames',
    'expr:gte(t,n_forced*2)',
  );
  rungs.forEach((r, i) =>
    args.push(
      `-b:v:${i}`,
      `${r.videoKbps}k`,
      `-maxrate:v:${i}`,
      `${Math.round(r.videoKbps * 1.07)}k`,
      `-bufsize:v:${i}`,
      `${Math.round(r.videoKbps * 1.5)}k`,
    ),
  );
  args.push('-c:a', 'aac', '-ac', '2', '-ar', '48000');
  rungs.forEach((r, i) => args.push(`-b:a:${i}`, `${r.audioKbps}k`));
  args.push(`-b:a:${n}`, `${AUDIO_ONLY_RUNG.audioKbps}k`);
  args.push(
    '-f',
    'hls',
    '-hls_time',
    '4',
    '-hls_playlist_type',
    'vod',
    '-hls_flags',
    'independent_segments',
    '-hls_segment_filename',
    `${outDir}/%v/seg-%05d.ts`,
    '-var_stream_map',
    [...rungs.map((_, i) => `v:${i},a:${i}`), `a:${n}`].join(' '),
    '-progress',
    'pipe:1',
    '-nostats',
    `${outDir}/%v/index.m3u8`,
  );
  return args;
}

/** A poster: one frame a third of the way in (at most 5 s), as tall as the source up to 720 px. */
export function posterArgs(
  source: string,
  target: string,
  durationSeconds: number,
  height: number,
): string[] {
  const at = Math.min(5, durationSeconds / 3).toFixed(3);
  const h = Math.min(720, Math.floor(height / 2) * 2);
  return ['-hide_banner', '-nostdin', '-y', '-v', 'error', '-ss', at, '-i', source, '-frames:v', '1'].concat([
    '-vf',
    `scale=-2:${h}`,
    '-q:v',
    '3',
    target,
  ]);
}

export class FfmpegError extends Error {
  constructor(
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`ffmpeg exited with ${exitCode}: ${stderr.trim().split('\n').slice(-3).join(' ').slice(0, 500)}`);
  }
}

/**
 * Runs ffmpeg; `onProgress` gets each `out_time_us` it reports. Rejects with FfmpegError when it fails.
 */
export function runFfmpeg(
  bin: string,
  args: string[],
  onProgress?: (outTimeMicros: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let pending = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8_000);
    });
    child.stdout.on('data', (d: Buffer) => {
      pending += d.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const m = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
        if (m && onProgress) onProgress(Number(m[1]));
      }
    });
    child.on('error', (e) => reject(new FfmpegError(null, e.message)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new FfmpegError(code, stderr))));
  });
}
