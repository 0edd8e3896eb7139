// How the server apps are bundled (one CommonJS file each): esbuild bundles, @swc/core transpiles so decorator
// metadata survives (Nest DI and TypeORM need it). Shared by `npm run build` and `npm run dev` (watch mode).
import { transformFile } from '@swc/core';
import { resolve } from 'node:path';

export const swcPlugin = {
  name: 'swc-decorators',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      const out = await transformFile(args.path, {
        swcrc: false,
        sourceMaps: 'inline',
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: args.path.endsWith('.tsx') },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'es6' },
      });
      return { contents: out.code, loader: 'js' };
    });
  },
};

/** The server entry points and where their bundles go. */
export const serverEntries = {
  api: { in: 'apps/api/src/main.ts', out: 'dist/apps/api/main.cjs' },
  worker: { in: 'apps/worker/src/main.ts', out: 'dist/apps/worker/main.cjs' },
  // The worker's certificate PDF render thread: beside the worker's bundle, where the pool looks for it.
  'worker-pdf': {
    in: 'apps/worker/src/certificate-pdf/render-thread.ts',
    out: 'dist/apps/worker/certificate-pdf-thread.cjs',
    with: 'worker',
  },
  cli: { in: 'apps/api/src/cli.ts', out: 'dist/tools/cli.cjs' },
};

/** esbuild options for one server bundle from `entry` to `outfile` (both relative to `root`). */
export function serverBuildOptions(root, entry, outfile, extra = {}) {
  return {
    entryPoints: [resolve(root, entry)],
    outfile: resolve(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.base.json'),
    sourcemap: true,
    keepNames: true,
    logLevel: 'warning',
    plugins: [swcPlugin],
    ...extra,
  };
}
