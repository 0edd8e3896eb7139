import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';

/** How each narration container is encoded: the codec and the file's extension. */
const FORMATS = {
  mp3: { ext: 'mp3', args: ['-ac', '1', '-c:a', 'libmp3lame', '-b:a', '24k'] },
  m4a: { ext: 'm4a', args: ['-ac', '1', '-c:a', 'aac', '-b:a', '32k'] },
  opus: { ext: 'ogg', args: ['-ac', '1', '-c:a', 'libopus', '-b:a', '24k'] },
  wav: { ext: 'wav', args: ['-ac', '1', '-c:a', 'pcm_s16le'] },
} as const;

/**
 * A real narration made by the npm ffmpeg (a tone at `frequency` Hz, so two calls give two different files),
 * `seconds` long, as bytes; without metadata, so the same call gives the same bytes.
 */
export function audioBytes(format: keyof typeof FORMATS, seconds: number, frequency = 330): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-audio-'));
  try {
    const file = join(dir, `a.${FORMATS[format].ext}`);
    execFileSync(ffmpegPath, [
      ...['-v', 'error', '-y', '-f', 'lavfi'],
      ...['-i', `sine=frequency=${frequency}:sample_rate=48000:duration=${seconds}`],
      ...FORMATS[format].args,
      ...['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:a', '+bitexact', file],
    ]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A picture without sound (a test pattern in MP4 of brand M4A, so the bytes pass for audio until ffprobe reads it). */
export function silentVideoAsM4a(seconds: number): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hvs-audio-'));
  try {
    const file = join(dir, 'v.m4a');
    execFileSync(ffmpegPath, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=160x120:rate=10:duration=${seconds}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-f', 'ipod', '-brand', 'M4A '],
      file,
    ]);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
