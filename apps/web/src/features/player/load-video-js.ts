import type videojs from 'video.js';

export type VideoJs = typeof videojs;

let core: Promise<VideoJs> | undefined;
let full: Promise<VideoJs> | undefined;

/**
 * Downloads video.js when a video lesson needs it, never with the app shell. MP4 lessons get the core build
 * (no streaming engine); only a lesson with an HLS source pays for the full build with VHS.
 */
export function loadVideoJs(withHls: boolean): Promise<VideoJs> {
  if (withHls) {
    full ??= import('video.js').then(
      (m) => m.default,
      (e: unknown) => {
        full = undefined; // a failed download (weak network) is tried again next time
        throw e;
      },
    );
    return full;
  }
  core ??= import('video.js/core.es.js').then(
    (m) => m.default,
    (e: unknown) => {
      core = undefined;
      throw e;
    },
  );
  return core;
}
