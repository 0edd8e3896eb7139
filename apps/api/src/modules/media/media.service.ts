import { Injectable } from '@nestjs/common';
import { materialIdOf, studioVideoPath } from '@hocvuso/content';
import type { MediaRef } from '@hocvuso/contracts';

/** The URL prefix course media are served under (see media-routes.ts). */
export const MEDIA_PREFIX = '/media/';

/**
 * The one place that turns a lesson's media reference into a URL. Today the files are served by this api
 * from the course folder (media-routes.ts); a CDN or signed storage URLs change this service only.
 */
@Injectable()
export class MediaService {
  /** The URL of a course's media file. */
  url(courseId: string, ref: MediaRef): string {
    // A studio document lesson's file is a course material, served by the materials route (attachment).
    const material = materialIdOf(ref.key);
    if (material) return `/api/courses/${courseId}/materials/${material}/file`;
    // A studio video lesson's files are the course video's, served by the videos module (docs/video-pipeline.md).
    const video = studioVideoPath(ref.key);
    if (video) return `/api/videos/${video}`;
    return `${MEDIA_PREFIX}${courseId}/${ref.key}`;
  }
}
