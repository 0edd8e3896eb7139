import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { materialIdOf, narrationIdOf, studioVideoPath } from '@hocvuso/content';
import type { MediaRef } from '@hocvuso/contracts';
import { smallRenditionKey } from '@hocvuso/domain';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

/** The URL prefix course media are served under (see media-routes.ts). */
export const MEDIA_PREFIX = '/media/';

/**
 * The one place that turns a lesson's media reference into a URL. Today the files are served by this api
 * from the course folder (media-routes.ts); a CDN or signed storage URLs change this service only.
 */
@Injectable()
export class MediaService {
  constructor(@Inject(API_CONFIG) private readonly config: Pick<ApiConfig, 'contentDir'>) {}

  /** The URL of a course's media file. */
  url(courseId: string, ref: MediaRef): string {
    // A studio document lesson's file is a course material, served by the materials route (attachment).
    const material = materialIdOf(ref.key);
    if (material) return `/api/courses/${courseId}/materials/${material}/file`;
    // A studio video lesson's files are the course video's, served by the videos module (docs/video-pipeline.md).
    const video = studioVideoPath(ref.key);
    if (video) return `/api/videos/${video}`;
    // A studio lesson's narration is an uploaded file, served by the teaching module with ranges (read-aloud.md).
    const narration = narrationIdOf(ref.key);
    if (narration) return `/api/narrations/${narration}`;
    return `${MEDIA_PREFIX}${courseId}/${ref.key}`;
  }

  /**
   * The URL of an image's small copy for low-data mode (docs/low-data.md "Images"), or null when there is none
   * (the page then shows the original). A course folder's copy is named when it exists (content:import makes it,
   * and makes it again when its image is newer: what learners see of a course changes only at import anyway); its
   * URL carries the copy's time and size (`?v=`), so it is cached for a year and a new copy is a new URL. A studio
   * video's poster copy is always named: the videos route answers with the poster itself while the copy is
   * missing (a video transcoded before copies were made).
   */
  smallUrl(courseId: string, ref: MediaRef): string | null {
    const small = smallRenditionKey(ref.key);
    if (!small || materialIdOf(ref.key)) return null;
    const video = studioVideoPath(ref.key);
    if (video) return video.endsWith('/poster.jpg') ? `/api/videos/${small.slice('videos/'.length)}` : null;
    if (!/^[a-z0-9-]+$/.test(courseId) || !/^media\/[A-Za-z0-9._-]+$/.test(ref.key)) return null;
    try {
      const made = statSync(join(this.config.contentDir, 'courses', courseId, small));
      if (!made.isFile()) return null;
      return `${MEDIA_PREFIX}${courseId}/${small}?v=${Math.floor(made.mtimeMs).toString(36)}${made.size.toString(36)}`;
    } catch {
      return null;
    }
  }
}
