#!/usr/bin/env node
// Builds the server apps into one CommonJS file each (esbuild bundles, @swc/core transpiles so decorator
// metadata survives: Nest DI and TypeORM need it) and the web app with Vite.
//   node tools/build.mjs                 everything
//   node tools/build.mjs --only=cli,api  a subset (api, worker, cli, web)
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precompress } from './lib/precompress.mjs';
import { serverBuildOptions, serverEntries } from './lib/server-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const only = (process.argv.find((a) => a.startsWith('--only=')) ?? '').slice('--only='.length);
const wanted = only ? new Set(only.split(',')) : new Set(['api', 'worker', 'cli', 'web']);

const started = Date.now();
for (const [name, entry] of Object.entries(serverEntries)) {
  if (!wanted.has(entry.with ?? name)) continue;
  await build(serverBuildOptions(root, entry.in, entry.out));
}
if (wanted.has('cli')) {
  // The TypeORM CLI (migration:generate/show) loads this compiled data source.
  await build(
    serverBuildOptions(root, 'libs/db/src/cli-data-source.ts', 'dist/tools/data-source.cjs', {
      sourcemap: false,
    }),
  );
}
const serverMs = Date.now() - started;
if (wanted.has('web')) {
  const r = spawnSync(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: resolve(root, 'apps/web'),
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
  const c = await precompress(resolve(root, 'dist/apps/web'));
  console.log(
    `build: ${c.files} web assets precompressed, ${Math.round(c.bytes / 1024)} KiB → ${Math.round(c.brotli / 1024)} KiB brotli, ${Math.round(c.gzip / 1024)} KiB gzip`,
  );
}
console.log(
  `build: server bundles in ${serverMs} ms, total ${Date.now() - started} ms (${[...wanted].join(', ')})`,
);
