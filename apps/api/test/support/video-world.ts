import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import request from 'supertest';
import { Upload } from 'tus-js-client';

/** A real narrated clip made by the npm ffmpeg (a test pattern and a tone), `seconds` long, as MP4 bytes. */
export function makeClip(dir: string, seconds: number): Buffer {
  const file = join(dir, `clip-${seconds}.mp4`);
  execFileSync(ffmpegPath, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...['-movflags', '+faststart', file],
  ]);
  return readFileSync(file);
}

/** The headers tus-js-client sends for a signed-in person: the session and CSRF cookies and the CSRF header. */
export async function tusHeadersOf(base: string, sessionCookie: string): Promise<Record<string, string>> {
  const csrf = await request(base).get('/api/auth/csrf').set('cookie', sessionCookie).expect(200);
  const csrfCookie = (csrf.headers['set-cookie'] as unknown as string[])
    .find((c) => c.startsWith('hvs_csrf='))!
    .split(';')[0]!;
  return { cookie: `${sessionCookie}; ${csrfCookie}`, 'x-csrf-token': csrf.body.token as string };
}

/** Uploads a video to a studio course over tus (docs/video-pipeline.md); resolves with the new video's id. */
export function uploadVideo(
  base: string,
  headers: Record<string, string>,
  courseId: string,
  bytes: Buffer,
  filename = 'video.mp4',
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const u: Upload = new Upload(bytes, {
      endpoint: `${base}/api/teaching/courses/${courseId}/videos/uploads`,
      headers,
      metadata: { filename },
      retryDelays: [],
      onError: reject,
      onSuccess: () => resolve(u.url!.split('/').pop()!),
    });
    u.start();
  });
}
