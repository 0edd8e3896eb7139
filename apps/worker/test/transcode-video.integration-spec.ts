import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { courseVideoById, insertCourseVideo } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import { LocalDiskStorage } from '@hocvuso/storage';
import type { DataSource } from 'typeorm';
import { transcodeVideo } from '../src/jobs/transcode-video.job';

/**
 * The streams of a media file as the npm ffmpeg reads them, after decoding it whole (`-f null`): a playlist whose
 * segments are missing or broken fails here. (The npm ffprobe 5.2 static build crashes on MPEG-TS input, so the
 * outputs are read with ffmpeg.)
 */
function streamsOf(file: string): {
  video?: { codec: string; width: number; height: number };
  audio?: string[];
  duration: number;
} {
  const run = spawnSync(ffmpegPath, ['-hide_banner', '-v', 'info', '-i', file, '-f', 'null', '-'], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`ffmpeg could not decode ${file}: ${run.stderr.slice(-500)}`);
  const input = run.stderr.split(/\nOutput #0/)[0]!;
  const v = /Stream #\S+: Video: (\w+)[^\n]*?, (\d+)x(\d+)/.exec(input);
  const audio = [...input.matchAll(/Stream #\S+: Audio: (\w+)/g)].map((m) => m[1]!);
  const d = /Duration: (\d+):(\d+):([\d.]+)/.exec(input);
  return {
    video: v ? { codec: v[1]!, width: Number(v[2]), height: Number(v[3]) } : undefined,
    audio,
    duration: d ? Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3]) : NaN,
  };
}

/**
 * The transcode job on a real 3-second lavfi clip with the ffmpeg npm brought: the HLS ladder without upscaling,
 * the audio-only rendition, the master playlist and the poster are in storage and ffprobe reads each of them;
 * progress reaches 100; a replay is skipped; a broken original is recorded as failed with a reason.
 */
describe('transcode-video: HLS ladder, audio-only rendition and poster', () => {
  let db: DataSource;
  let dir: string;
  let storage: LocalDiskStorage;
  const course = `transcode-${Date.now().toString(36)}`;
  let owner: string;

  async function uploaded(file: Buffer, size: { width: number; height: number }, seconds: number) {
    const id = randomUUID();
    const key = `videos/${id}/original.mp4`;
    const src = join(dir, `${id}.mp4`);
    writeFileSync(src, file);
    const sha = createHash('sha256').update(file).digest('hex');
    await storage.putFile(key, src, 'video/mp4', sha);
    await insertCourseVideo(db, {
      id,
      courseId: course,
      ownerId: owner,
      originalName: 'clip.mp4',
      mediaType: 'video/mp4',
      originalKey: key,
      sizeBytes: file.length,
      sha256: sha,
      durationSeconds: seconds,
      ...size,
    });
    return id;
  }
  const clip = (name: string, size: string) => {
    const file = join(dir, name);
    execFileSync(ffmpegPath, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=3`],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=3'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file],
    ]);
    return readFileSync(file);
  };

  beforeAll(async () => {
    db = await openRunDatabase();
    dir = mkdtempSync(join(tmpdir(), 'hvs-transcode-test-'));
    storage = new LocalDiskStorage(join(dir, 'storage'));
    await db.query(`INSERT INTO courses (id, source, published) VALUES ($1, 'studio', false)`, [course]);
    const [u] = await db.query(`INSERT INTO users (display_name, email) VALUES ('Cô Lan', $1) RETURNING id`, [
      `transcode-${randomUUID()}@example.com`,
    ]);
    owner = u.id;
  });
  afterAll(async () => {
    await db.query(`DELETE FROM courses WHERE id = $1`, [course]);
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a 480p clip: 240p and 360p (no 720p upscale), audio-only, master playlist and poster, all readable', async () => {
    const id = await uploaded(clip('480.mp4', '854x480'), { width: 854, height: 480 }, 3);
    const deps = { db, storage, ffmpegPath, ffprobePath, workDir: dir };
    expect(await transcodeVideo(deps, { videoId: id })).toBe('done');
    const row = (await courseVideoById(db, id))!;
    expect(row).toMatchObject({
      status: 'ready',
      progress: 100,
      hls_key: `videos/${id}/hls/master.m3u8`,
      poster_key: `videos/${id}/poster.jpg`,
      error_code: null,
      renditions: [
        { name: '240p', height: 240 },
        { name: '360p', height: 360 },
        { name: 'audio', height: null },
      ],
    });
    const root = join(dir, 'storage', 'videos', id);
    expect(readdirSync(join(root, 'hls')).sort()).toEqual(['240p', '360p', 'audio', 'master.m3u8']);
    const master = readFileSync(join(root, 'hls', 'master.m3u8'), 'utf8');
    expect(master.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([
      '240p/index.m3u8',
      '360p/index.m3u8',
      'audio/index.m3u8',
    ]);
    for (const [name, height] of [
      ['240p', 240],
      ['360p', 360],
    ] as const) {
      const playlist = readFileSync(join(root, 'hls', name, 'index.m3u8'), 'utf8');
      expect(playlist).toContain('#EXT-X-ENDLIST');
      const info = streamsOf(join(root, 'hls', name, 'index.m3u8'));
      expect(info.video).toMatchObject({ codec: 'h264', height });
      expect(info.audio).toEqual(['aac']);
      expect(info.duration).toBeCloseTo(3, 0);
    }
    const audio = streamsOf(join(root, 'hls', 'audio', 'index.m3u8'));
    expect(audio.video).toBeUndefined();
    expect(audio.audio).toEqual(['aac']);
    expect(streamsOf(join(root, 'poster.jpg')).video).toMatchObject({
      codec: 'mjpeg',
      width: 854,
      height: 480,
    });
    // The poster's small copy for low-data mode: WebP, 480 px wide, same proportions (854 × 480 → 480 × 270).
    expect(streamsOf(join(root, 'poster.480w.webp')).video).toMatchObject({
      codec: 'webp',
      width: 480,
      height: 270,
    });
    // The work folder is gone; a replay finds the video ready and does nothing.
    expect(readdirSync(dir).filter((f) => f.startsWith('hvs-transcode-'))).toEqual([]);
    expect(await transcodeVideo(deps, { videoId: id })).toBe('skipped');
    expect(await transcodeVideo(deps, { videoId: randomUUID() })).toBe('skipped');
  }, 120_000);

  it('a source smaller than 240p keeps one rung at its own height', async () => {
    const id = await uploaded(clip('small.mp4', '256x144'), { width: 256, height: 144 }, 3);
    expect(
      await transcodeVideo({ db, storage, ffmpegPath, ffprobePath, workDir: dir }, { videoId: id }),
    ).toBe('done');
    const row = (await courseVideoById(db, id))!;
    expect(row.renditions).toEqual([
      { name: '144p', height: 144 },
      { name: 'audio', height: null },
    ]);
    const info = streamsOf(join(dir, 'storage', 'videos', id, 'hls', '144p', 'index.m3u8'));
    expect(info.video).toMatchObject({ codec: 'h264', width: 256, height: 144 });
  }, 120_000);

  it('an original ffmpeg cannot decode is recorded as failed with the reason, not retried', async () => {
    const id = await uploaded(
      Buffer.concat([Buffer.from('\0\0\0\x20ftypisom'), Buffer.alloc(5000, 7)]),
      { width: 320, height: 240 },
      3,
    );
    expect(
      await transcodeVideo({ db, storage, ffmpegPath, ffprobePath, workDir: dir }, { videoId: id }),
    ).toBe('failed');
    const row = (await courseVideoById(db, id))!;
    expect(row.status).toBe('failed');
    expect(row.error_code).toBe('TRANSCODE_FAILED');
    expect(row.error_message).toMatch(/ffmpeg exited/);
    expect(row.hls_key).toBeNull();
  }, 60_000);
});
