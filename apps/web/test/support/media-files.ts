/**
 * Real media files for the studio's upload fields, made on the spot: a short clip (the npm ffmpeg: a test
 * pattern and a tone, H.264 and AAC in MP4), a narration (a tone in MP3), a WebVTT caption file and a PDF of a few
 * pages (pdfkit).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import PDFDocument from 'pdfkit';

/** Writes an MP4 clip of this many seconds (320 × 240, 25 fps, a 440 Hz tone) to `path`. */
export function writeClip(path: string, seconds: number): void {
  execFileSync(ffmpegPath, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=25:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...['-movflags', '+faststart', path],
  ]);
}

/** A WebVTT file with these cues (`[start, end, text]` in seconds). */
export function webVtt(cues: Array<[number, number, string]>): string {
  const ts = (s: number) =>
    `00:${String(Math.floor(s / 60)).padStart(2, '0')}:${(s % 60).toFixed(3).padStart(6, '0')}`;
  return `WEBVTT\n\n${cues.map(([a, b, text]) => `${ts(a)} --> ${ts(b)}\n${text}\n`).join('\n')}`;
}

/** Writes a PDF with one page per text (pdfkit's built-in font: plain ASCII text) to `path`. */
export async function writePdf(path: string, pages: string[]): Promise<void> {
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const doc = new PDFDocument({ compress: true });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    pages.forEach((text, i) => {
      if (i > 0) doc.addPage();
      doc.text(text);
    });
    doc.end();
  });
  writeFileSync(path, bytes);
}

/** Writes a narration of this many seconds (a 330 Hz tone, mono MP3 at 24 kbit/s, no metadata) to `path`. */
export function writeNarration(path: string, seconds: number): void {
  execFileSync(ffmpegPath, [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=16000:duration=${seconds}`],
    ...['-ac', '1', '-c:a', 'libmp3lame', '-b:a', '24k', '-map_metadata', '-1', path],
  ]);
}
