#!/usr/bin/env node
// ESLint with module boundaries. The Nx boundary rule needs the project graph; without it the rule is
// silently skipped, so compute the graph first (no daemon, no cloud).
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true' };
const run = (args) => spawnSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
const graph = run(['node_modules/nx/dist/bin/nx.js', 'show', 'projects']);
if (graph.status !== 0) {
  console.error('lint: could not compute the Nx project graph');
  process.exit(1);
}
const extra = process.argv.slice(2);
const lint = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '--max-warnings=0', ...(extra.length ? extra : ['.'])], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(lint.status ?? 1);
