#!/usr/bin/env node
// Generates a migration from the difference between the entities and a database migrated to the head.
//   DATABASE_URL=postgres://... npm run migration:generate -- AddSomething
// Then add the new class to migrations/index.ts. Migrations that landed on main are never edited.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [command, name] = process.argv.slice(2);
if (command !== 'generate' || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
  console.error('usage: npm run migration:generate -- <PascalCaseVerbNoun>   (needs DATABASE_URL)');
  process.exit(64);
}
if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL must point at a database migrated to the current head');
  process.exit(64);
}
const run = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run(['tools/build.mjs', '--only=cli']);
run(['dist/tools/cli.cjs', 'migration:run']);
run([
  'node_modules/typeorm/cli.js',
  'migration:generate',
  '-d',
  'dist/tools/data-source.cjs',
  '--pretty',
  `migrations/${name}`,
]);
console.log('Now add the new migration class to migrations/index.ts.');
