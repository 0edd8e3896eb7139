import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import type { Plugin } from 'vite';

/** What the plugin writes to offline-assets.json (read by a course download to store the learner's pages). */
export interface OfflineAssets {
  version: string;
  /** Precached by the service worker on install: index.html, the initial chunks, their CSS, fonts, icons. */
  shell: string[];
  /** The learner's pages (course, lesson, quiz, my learning) with everything they import: stored on download. */
  learner: string[];
}

interface Options {
  /** The service worker's source (TypeScript), bundled into /sw.js. */
  serviceWorker: string;
  /** Modules whose chunks make the learner's pages. */
  learnerPages: RegExp;
  /** Public files the shell needs (the manifest and its icons). */
  publicFiles: string[];
}

type OutputBundle = Parameters<
  NonNullable<Extract<Plugin['generateBundle'], (...args: never[]) => unknown>>
>[1];

/**
 * Builds the service worker (docs/offline.md) with the list of the learner shell's files and a version that
 * changes with them, and writes offline-assets.json. Only the shell is precached; the learner's pages are
 * stored when a learner downloads a course, never before.
 */
export function offlineShell(options: Options): Plugin {
  return {
    name: 'hvs-offline-shell',
    apply: 'build',
    async generateBundle(_output, bundle) {
      const shell = new Set<string>(['/index.html', ...options.publicFiles]);
      const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry) throw new Error('offline-shell: the build has no entry chunk');
      collect(bundle, entry.fileName, shell, 0);
      for (const file of Object.values(bundle))
        if (file.type === 'asset' && /\.woff2$/.test(file.fileName)) shell.add(`/${file.fileName}`);
      const learner = new Set<string>();
      const walked = new Map<string, number>();
      for (const c of Object.values(bundle))
        if (c.type === 'chunk' && c.facadeModuleId && options.learnerPages.test(c.facadeModuleId))
          collect(bundle, c.fileName, learner, 1, walked);
      for (const f of shell) learner.delete(f);
      const files = [...shell].sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const assets: OfflineAssets = { version, shell: files, learner: [...learner].sort() };
      this.emitFile({ type: 'asset', fileName: 'offline-assets.json', source: JSON.stringify(assets) });
      const worker = await build({
        entryPoints: [options.serviceWorker],
        bundle: true,
        write: false,
        minify: true,
        format: 'iife',
        target: 'es2020',
        define: { __HVS_SHELL__: JSON.stringify(files), __HVS_VERSION__: JSON.stringify(version) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: worker.outputFiles[0]!.text });
    },
  };
}

/**
 * A chunk's file, its static imports and their CSS, as root paths; with `lazyDepth` 1, also the chunks it loads
 * lazily itself (a lesson page's video lesson and quiz), not those they load in turn (the rest of the app). The
 * video lesson is a learner page of its own (vite.config.ts), so its player is stored too.
 */
function collect(
  bundle: OutputBundle,
  fileName: string,
  into: Set<string>,
  lazyDepth: number,
  // How deep each chunk was already walked: a chunk met again with more lazy depth left is walked again.
  walked = new Map<string, number>(),
): void {
  const chunk = bundle[fileName];
  if (!chunk || chunk.type !== 'chunk' || (walked.get(fileName) ?? -1) >= lazyDepth) return;
  walked.set(fileName, lazyDepth);
  into.add(`/${fileName}`);
  for (const css of chunk.viteMetadata?.importedCss ?? []) into.add(`/${css}`);
  for (const next of chunk.imports) collect(bundle, next, into, 0, walked);
  if (lazyDepth > 0)
    for (const next of chunk.dynamicImports) collect(bundle, next, into, lazyDepth - 1, walked);
}
