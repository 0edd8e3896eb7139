#!/usr/bin/env node
// ESLint with module boundaries, then Prettier --check. The Nx boundary rule needs the project graph; without it the rule is
// silently skipped, so compute the graph first (no daemon, no cloud).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };
const run = (args) =>
  spawnSync(process.execPath, args, {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
const graph = run(['node_modules/nx/dist/bin/nx.js', 'show', 'projects']);
if (graph.status !== 0) {
  console.error('lint: could not compute the Nx project graph');
  process.exit(1);
}
const extra = process.argv.slice(2);
const lint = spawnSync(
  process.execPath,
  ['node_modules/eslint/bin/eslint.js', '--max-warnings=0', ...(extra.length ? extra : ['.'])],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
if (lint.status !== 0) process.exit(lint.status ?? 1);
// Formatting is checked too (`npm run format` fixes it), on the same paths.
const format = spawnSync(
  process.execPath,
  [
    'node_modules/prettier/bin/prettier.cjs',
    '--check',
    '--log-level=warn',
    ...(extra.length ? extra : ['.']),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (format.status !== 0) console.error('lint: files above are not formatted; run `npm run format`');
process.exit(format.status ?? 1);
