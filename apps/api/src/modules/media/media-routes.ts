import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IMAGE_RENDITION } from '@hocvuso/domain';
import { MEDIA_PREFIX } from './media.service';

/** Only files directly inside a course's media/ folder are reachable: `/<course-id>/media/<file>`. */
const MEDIA_PATH = /^\/[a-z0-9-]+\/media\/[A-Za-z0-9._-]+$/;
/** An image's small copy made by content:import (`<name>.480w.webp`); its URL carries the copy's time. */
const SMALL_COPY = new RegExp(`\\.${IMAGE_RENDITION.maxWidth}w\\.${IMAGE_RENDITION.extension}$`);

/**
 * Serves course media (videos, captions, posters, documents) from `<contentDir>/courses/<id>/media/` under
 * /media/, with range requests for video seeking, ETag/Last-Modified and an hour of public caching (nosniff comes
 * from the app-wide security headers). `decorateReply` is false when another static root already decorated it.
 */
export async function registerMediaRoutes(
  app: NestFastifyApplication,
  options: { contentDir: string; decorateReply: boolean },
): Promise<void> {
  await app.register(fastifyStatic, {
    root: resolve(options.contentDir, 'courses'),
    prefix: MEDIA_PREFIX,
    decorateReply: options.decorateReply,
    wildcard: true,
    index: false,
    allowedPath: (pathName) => MEDIA_PATH.test(pathName),
    cacheControl: true,
    maxAge: 3600 * 1000,
    setHeaders: (reply, path) => {
      if (SMALL_COPY.test(path)) void reply.header('cache-control', 'public, max-age=31536000, immutable');
    },
  });
}
