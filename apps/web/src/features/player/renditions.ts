/**
 * The renditions of an HLS master playlist (the worker writes 240p, 360p, 720p and an audio-only one:
 * docs/video-pipeline.md) and which one a learner starts on (docs/low-data.md). Pure, tested in
 * renditions.spec.ts; video-lesson.tsx fetches the playlist and hands the chosen one to the player.
 */
import { type ConnectionHint } from '../../session/low-data';

export interface Rendition {
  /** The media playlist, as the master names it (relative to the master's URL). */
  uri: string;
  /** Bits per second, as the master declares them. */
  bandwidth: number;
  /** The picture's height; null for the audio-only rendition. */
  height: number | null;
}

/** "auto": the player adapts (the master); "audio": sound only; "240p"…: that picture height. */
export type QualityChoice = 'auto' | 'audio' | `${number}p`;

/** The connection types on which even 240p (about 364 kbit/s with its sound) stalls: sound only. */
const AUDIO_ONLY_CONNECTIONS: readonly string[] = ['slow-2g', '2g'];

/** Each variant stream of a master playlist (`#EXT-X-STREAM-INF` and the URI line after it), in file order. */
export function parseHlsMaster(text: string): Rendition[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') return [];
  const renditions: Rendition[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.startsWith('#EXT-X-STREAM-INF:')) continue;
    const uri = lines.slice(i + 1).find((next) => next !== '' && !next.startsWith('#'));
    if (!uri) continue;
    const attributes = line.slice('#EXT-X-STREAM-INF:'.length);
    const bandwidth = Number(/(?:^|,)BANDWIDTH=(\d+)/.exec(attributes)?.[1]);
    if (!Number.isFinite(bandwidth) || bandwidth <= 0) continue;
    const resolution = /(?:^|,)RESOLUTION=(\d+)x(\d+)/.exec(attributes);
    const codecs = /(?:^|,)CODECS="([^"]*)"/.exec(attributes)?.[1];
    // Audio only: no picture size, and codecs (when named) without a video codec.
    const audioOnly = !resolution && (codecs === undefined || !/avc|hvc|hev|vp0?9|av01/i.test(codecs));
    if (!resolution && !audioOnly) continue;
    renditions.push({ uri, bandwidth, height: resolution ? Number(resolution[2]) : null });
  }
  return renditions;
}

/** What a learner may choose, low to high: sound only (when there is such a rendition), each height, then auto. */
export function qualityChoices(renditions: readonly Rendition[]): QualityChoice[] {
  const heights = [...new Set(renditions.flatMap((r) => (r.height === null ? [] : [r.height])))].sort(
    (a, b) => a - b,
  );
  return [
    ...(renditions.some((r) => r.height === null) ? (['audio'] as const) : []),
    ...heights.map((h): QualityChoice => `${h}p`),
    'auto',
  ];
}

/**
 * Where the player starts. Without low-data mode: auto (the player adapts to the network). With it: the lowest
 * picture (240p), or sound only when the connection is 2G (a 240p stream would stall) or the video has no
 * picture rendition; auto when the playlist lists nothing usable (the player then decides).
 */
export function startingQuality(
  renditions: readonly Rendition[],
  lowData: boolean,
  connection?: ConnectionHint,
): QualityChoice {
  if (!lowData) return 'auto';
  const choices = qualityChoices(renditions);
  const hasAudio = choices.includes('audio');
  const lowestPicture = choices.find((c) => c !== 'audio' && c !== 'auto');
  const veryslow =
    connection?.effectiveType !== undefined && AUDIO_ONLY_CONNECTIONS.includes(connection.effectiveType);
  if (hasAudio && (veryslow || !lowestPicture)) return 'audio';
  return lowestPicture ?? 'auto';
}

/** The rendition of a choice (the lowest bandwidth of that height); undefined for auto or a choice not offered. */
export function renditionOf(renditions: readonly Rendition[], choice: QualityChoice): Rendition | undefined {
  if (choice === 'auto') return undefined;
  const height = choice === 'audio' ? null : Number.parseInt(choice, 10);
  return renditions.filter((r) => r.height === height).sort((a, b) => a.bandwidth - b.bandwidth)[0];
}

/**
 * The poster a video lesson shows (docs/low-data.md "Images"): in low-data mode its small copy (WebP, at most
 * 480 px wide) when the api names one, else the poster itself — never nothing, never a broken image; in normal
 * mode the poster.
 */
export function posterFor(
  video: { poster: string | null; posterSmall: string | null },
  lowData: boolean,
): string | null {
  return lowData ? (video.posterSmall ?? video.poster) : video.poster;
}
