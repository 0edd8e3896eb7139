/**
 * The HLS ladder a source is transcoded into (docs/video-pipeline.md): 240p, 360p and 720p video renditions
 * and an audio-only AAC rendition for learners on little data. A rung taller than the source is skipped
 * (never upscale); the lowest rung is always kept, at the source's own height when the source is smaller still.
 */
export interface VideoRung {
  /** The rendition's folder and playlist name, e.g. `360p`. */
  name: string;
  height: number;
  /** Video bitrate, kbit/s (the maximum; the encoder aims at it with a capped CRF). */
  videoKbps: number;
  audioKbps: number;
}

export const VIDEO_LADDER: readonly VideoRung[] = [
  { name: '240p', height: 240, videoKbps: 300, audioKbps: 64 },
  { name: '360p', height: 360, videoKbps: 700, audioKbps: 96 },
  { name: '720p', height: 720, videoKbps: 2_500, audioKbps: 128 },
];
export const AUDIO_ONLY_RUNG = { name: 'audio', audioKbps: 64 } as const;

/** The rungs for a source of this height: no upscaling, at least one. Heights are kept even (H.264 needs it). */
export function videoLadder(sourceHeight: number): VideoRung[] {
  const fit = VIDEO_LADDER.filter((r) => r.height <= sourceHeight);
  if (fit.length > 0) return fit;
  const lowest = VIDEO_LADDER[0]!;
  const height = Math.max(2, Math.floor(sourceHeight / 2) * 2);
  return [{ ...lowest, name: `${height}p`, height }];
}

/** The width for a rung keeping the source's aspect ratio, rounded to an even number. */
export function rungWidth(source: { width: number; height: number }, height: number): number {
  return Math.max(2, Math.round((source.width * height) / source.height / 2) * 2);
}

/** Transcoding progress in whole percent from ffmpeg's `out_time_us` (clamped to 0–99 until it ends). */
export function transcodeProgress(outTimeMicros: number, durationSeconds: number): number {
  if (!(durationSeconds > 0) || !(outTimeMicros > 0)) return 0;
  return Math.min(99, Math.floor((outTimeMicros / 1e6 / durationSeconds) * 100));
}

/** The statuses of a course video; the order is the only one it moves in (a failure may be retried). */
export const VIDEO_STATUSES = ['uploaded', 'transcoding', 'ready', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

/** The codecs every video rendition is encoded with (H.264 Main 3.1, AAC-LC), as HLS names them. */
export const HLS_VIDEO_CODECS = 'avc1.4d401f,mp4a.40.2';
export const HLS_AUDIO_CODECS = 'mp4a.40.2';

/**
 * The HLS master playlist for a ladder: one variant per video rung (tallest last, players start low and climb),
 * then the audio-only rendition. Bandwidths are the encoder's caps plus 10 % for the container.
 */
export function hlsMasterPlaylist(source: { width: number; height: number }, rungs: VideoRung[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of rungs) {
    const bandwidth = Math.round((r.videoKbps + r.audioKbps) * 1100);
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${bandwidth},AVERAGE-BANDWIDTH=${(r.videoKbps + r.audioKbps) * 1000},RESOLUTION=${rungWidth(source, r.height)}x${r.height},CODECS="${HLS_VIDEO_CODECS}"`,
      `${r.name}/index.m3u8`,
    );
  }
  lines.push(
    `#EXT-X-STREAM-INF:BANDWIDTH=${AUDIO_ONLY_RUNG.audioKbps * 1100},AVERAGE-BANDWIDTH=${AUDIO_ONLY_RUNG.audioKbps * 1000},CODECS="${HLS_AUDIO_CODECS}"`,
    `${AUDIO_ONLY_RUNG.name}/index.m3u8`,
  );
  return lines.join('\n') + '\n';
}
