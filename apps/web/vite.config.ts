import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { offlineShell } from './offline-shell.plugin';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  plugins: [
    react(),
    // The service worker and the list of the learner shell's files (docs/offline.md).
    offlineShell({
      serviceWorker: here('src/sw/service-worker.ts'),
      // video.js too: the video player loads it lazily, one step further than the pages' own imports, and a
      // downloaded video must play offline: the core build for an MP4, the full one (HLS) for a studio video.
      learnerPages:
        /features\/(course\/course-page|player\/lesson-page|player\/video-lesson|learning\/my-learning-page)\.tsx$|features\/assessment\/index\.ts$|i18n\/sections\/player\.(vi|en)\.json$|node_modules\/video\.js\/(core\.es|dist\/video\.es)\.js$/,
      publicFiles: ['/manifest.webmanifest', '/favicon.svg', '/icons/icon-192.png', '/icons/icon-512.png'],
    }),
  ],
  resolve: {
    alias: [
      { find: '@hocvuso/contracts', replacement: here('../../libs/contracts/src/index.ts') },
      { find: '@hocvuso/domain', replacement: here('../../libs/domain/src/index.ts') },
      // React 19's own hook instead of the pre-18 shim react-i18next imports (src/vendor/).
      {
        find: /^use-sync-external-store\/shim(\/index\.js)?$/,
        replacement: here('src/vendor/use-sync-external-store-shim.ts'),
      },
    ],
  },
  build: {
    outDir: '../../dist/apps/web',
    emptyOutDir: true,
    target: 'es2022',
    // The learner shell must stay small for 3G phones. The vendor chunk (react-dom, react-router,
    // i18next: about 117 kB gzipped) is the floor; warn as soon as anything grows past it.
    chunkSizeWarningLimit: 400,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: a separate chunk stays cached across deploys. Only the
        // libraries the shell loads at start go there; one loaded on demand (video.js, for video lessons)
        // stays in its own lazy chunk instead of weighing on every page.
        // The shell's own modules that lazy pages share (the api client, the session, the strings, small
        // components) go into one `shell` chunk too, instead of a dozen files of a few hundred bytes: each
        // response carries about 1 KiB of headers, and a slow 3G round trip is 400 ms (docs/low-data.md).
        // The entry (index.html's script, with Vite's modulepreload polyfill) is in that group as well, so the
        // shell *is* the entry chunk (`index-*.js`) rather than a second file the entry imports.
        codeSplitting: {
          groups: [
            { name: 'vendor', test: /node_modules/, tags: ['$initial'] },
            {
              name: 'shell',
              test: (id) => /[\\/](apps[\\/]web[\\/](src[\\/]|index\.html$)|libs[\\/])/.test(id),
              tags: ['$initial'],
            },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` sets HVS_API_PORT to the api's port; 3000 is the api's default (PORT).
    proxy: { '/api': `http://127.0.0.1:${process.env.HVS_API_PORT ?? '3000'}` },
  },
});
