import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  checkImageDimensions,
  declaredImageSize,
  detectRasterImage,
  IMAGE_MAX_BYTES,
  IMAGE_RENDITION,
  imageRefusal,
  type RasterImageType,
  smallRenditionSize,
} from '@hocvuso/domain';

/** The npm ffmpeg and ffprobe (docs/video-pipeline.md "The binaries"): nothing downloaded at install. */
export interface MediaBinaries {
  ffmpegPath: string;
  ffprobePath: string;
}

export interface ImageRendition {
  /** The original's type and size. */
  source: { type: RasterImageType; width: number; height: number };
  /** The rendition written: always WebP. */
  width: number;
  height: number;
  bytes: number;
}

function run(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(bin, args, { maxBuffer: 4 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const corrupt = (detail: string) =>
  imageRefusal('IMAGE_CORRUPT', 'This image cannot be read (it is truncated or damaged).', {
    detail: detail.trim().split('\n').slice(0, 3).join(' ').slice(0, 300),
  });

/** The whole file (its size checked first: the signature and polyglot checks read all of it). */
async function readChecked(file: string): Promise<Uint8Array> {
  if ((await stat(file)).size > IMAGE_MAX_BYTES)
    throw imageRefusal('IMAGE_TOO_LARGE', 'The image is too large to resize.', { maxBytes: IMAGE_MAX_BYTES });
  return new Uint8Array(await readFile(file));
}

/** The declared size of the picture, read from its header by ffprobe (nothing is decoded). */
async function probeImage(bins: MediaBinaries, file: string): Promise<{ width: number; height: number }> {
  const probe = await run(bins.ffprobePath, [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_streams',
    '-select_streams',
    'v:0',
    file,
  ]);
  if (probe.code !== 0) throw corrupt(probe.stderr || 'ffprobe failed');
  let streams: Array<{ width?: number; height?: number }> = [];
  try {
    streams = (JSON.parse(probe.stdout) as { streams?: typeof streams }).streams ?? [];
  } catch {
    throw corrupt('unreadable probe');
  }
  const s = streams[0];
  if (!s) throw corrupt('no picture');
  return { width: s.width ?? 0, height: s.height ?? 0 };
}

/**
 * Makes the small rendition of one image (docs/low-data.md "Images"): the bytes must be a PNG, JPEG or WebP
 * (`detectRasterImage`: SVG and anything else refused), the header's size must be sane before a single pixel
 * is decoded (`checkImageDimensions`: pixel bombs refused), then ffmpeg scales it to at most 480 px wide and
 * writes WebP at quality 60 (metadata dropped) to a temporary name beside `target`, checked by ffprobe and
 * renamed: a refusal or a failure leaves nothing at `target` and nothing half-written. Throws a
 * ValidationError with an IMAGE_* code.
 */
export async function makeImageRendition(
  bins: MediaBinaries,
  source: string,
  target: string,
): Promise<ImageRendition> {
  const bytes = await readChecked(source);
  const type = detectRasterImage(bytes);
  // The header's own numbers first (ffmpeg itself reads a 60000 × 60000 PNG as 0 × 0), then ffprobe's.
  const declared = declaredImageSize(bytes, type);
  if (!declared) throw corrupt('no picture size in the header');
  checkImageDimensions(declared);
  const size = await probeImage(bins, source);
  checkImageDimensions(size);
  const out = smallRenditionSize(size);
  const work = await mkdtemp(join(tmpdir(), 'hvs-image-'));
  try {
    const tmp = join(work, `small.${IMAGE_RENDITION.extension}`);
    const ff = await run(bins.ffmpegPath, [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-xerror',
      '-i',
      source,
      '-frames:v',
      '1',
      '-map_metadata',
      '-1',
      '-vf',
      `scale=${out.width}:${out.height}:flags=lanczos`,
      '-c:v',
      'libwebp',
      '-quality',
      String(IMAGE_RENDITION.quality),
      '-compression_level',
      '6',
      '-f',
      'webp',
      '-y',
      tmp,
    ]);
    if (ff.code !== 0 || ff.stderr.trim() !== '') throw corrupt(ff.stderr || `ffmpeg exited ${ff.code}`);
    const made = await probeImage(bins, tmp);
    if (made.width !== out.width || made.height !== out.height)
      throw corrupt('the rendition has another size');
    const written = (await stat(tmp)).size;
    const staged = join(
      dirname(target),
      `.${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`,
    );
    try {
      await copyFile(tmp, staged);
      await rename(staged, target);
    } finally {
      await rm(staged, { force: true });
    }
    return { source: { type, ...size }, width: out.width, height: out.height, bytes: written };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
