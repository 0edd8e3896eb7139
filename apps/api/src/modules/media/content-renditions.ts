import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { path as ffmpegPath } from '@ffmpeg-installer/ffmpeg';
import { path as ffprobePath } from '@ffprobe-installer/ffprobe';
import { isDomainError, smallRenditionKey } from '@hocvuso/domain';
import { makeImageRendition } from '@hocvuso/media';

export interface RenditionStats {
  made: string[];
  upToDate: number;
  /** Images that were refused (not resized; the original is served): `<course>/media/<file>: CODE message`. */
  refused: string[];
}

/**
 * The small renditions of a content folder's images (docs/low-data.md "Images"): every PNG, JPEG or WebP in
 * `courses/<id>/media/` gets `<name>.480w.webp` beside it, made once — again only when the original is newer
 * than its rendition. Run by `content:import`. A refused image (markup, corrupt, a pixel bomb) is reported and
 * left alone: learners then get the original, and the rendition of a previous good file is not kept.
 */
export async function makeContentRenditions(contentDir: string): Promise<RenditionStats> {
  const stats: RenditionStats = { made: [], upToDate: 0, refused: [] };
  const courses = join(contentDir, 'courses');
  if (!existsSync(courses)) return stats;
  for (const course of readdirSync(courses).sort()) {
    const media = join(courses, course, 'media');
    if (!existsSync(media)) continue;
    for (const file of readdirSync(media).sort()) {
      const small = smallRenditionKey(file);
      if (!small) continue;
      const source = join(media, file);
      const target = join(media, small);
      if (existsSync(target) && statSync(target).mtimeMs >= statSync(source).mtimeMs) {
        stats.upToDate++;
        continue;
      }
      try {
        await makeImageRendition({ ffmpegPath, ffprobePath }, source, target);
        stats.made.push(`${course}/media/${small}`);
      } catch (e) {
        // A read-only content folder (an image built elsewhere) does not stop the import: the copy is not named.
        const fsCode = (e as { code?: unknown }).code;
        if (!isDomainError(e) && !['EACCES', 'EPERM', 'EROFS'].includes(String(fsCode))) throw e;
        stats.refused.push(
          `${course}/media/${file}: ${isDomainError(e) ? `${e.code} ${e.message}` : String(fsCode)}`,
        );
      }
    }
  }
  return stats;
}
