#!/usr/bin/env node
// Builds the server apps into one CommonJS file each (esbuild bundles, @swc/core transpiles so decorator
// metadata survives: Nest DI and TypeORM need it) and the web app with Vite.
//   node tools/build.mjs                 everything
//   node tools/build.mjs --only=cli,api  a subset (api, worker, cli, web)
import { build } from 'esbuild';
import { transformFile } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length);
const wanted = only ? new Set(only.split(',')) : new Set(['api', 'worker', 'cli', 'web']);

const swcPlugin = {
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

const serverEntries = {
  api: { in: 'apps/api/src/main.ts', out: 'dist/apps/api/main.cjs' },
  worker: { in: 'apps/worker/src/main.ts', out: 'dist/apps/worker/main.cjs' },
  cli: { in: 'apps/api/src/cli.ts', out: 'dist/tools/cli.cjs' },
};

const started = Date.now();
for (const [name, entry] of Object.entries(serverEntries)) {
  if (!wanted.has(name)) continue;
  await build({
    entryPoints: [resolve(root, entry.in)],
    outfile: resolve(root, entry.out),
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
  });
}
if (wanted.has('cli')) {
  // The TypeORM CLI (migration:generate/show) loads this compiled data source.
  await build({
    entryPoints: [resolve(root, 'libs/db/src/cli-data-source.ts')],
    outfile: resolve(root, 'dist/tools/data-source.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    tsconfig: resolve(root, 'tsconfig.base.json'),
    keepNames: true,
    logLevel: 'warning',
    plugins: [swcPlugin],
  });
}
const serverMs = Date.now() - started;
if (wanted.has('web')) {
  const r = spawnSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: resolve(root, 'apps/web'),
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
console.log(`build: server bundles in ${serverMs} ms, total ${Date.now() - started} ms (${[...wanted].join(', ')})`);
