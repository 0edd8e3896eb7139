#!/usr/bin/env node
// `npm test`: lint (with module boundaries), type-check, build, then every Jest tier (unit, integration,
// e2e, browser). Ends with one plain summary line: `N passed, N failed` (the three static checks count as
// one test each). Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const jestArgs = process.argv.slice(2);
const steps = [
  ['lint', ['tools/lint.mjs']],
  ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.server.json', '--noEmit']],
  ['typecheck (web)', ['node_modules/typescript/bin/tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
  ['build', ['tools/build.mjs']],
];

let passed = 0;
let failed = 0;
const started = Date.now();
for (const [name, args] of steps) {
  const t = Date.now();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (ok) passed += 1;
  else failed += 1;
}

if (failed === 0) {
  const out = join(root, '.data/test-results');
  mkdirSync(out, { recursive: true });
  const results = join(out, 'jest.json');
  rmSync(results, { force: true });
  const jest = spawnSync(
    process.execPath,
    ['node_modules/jest/bin/jest.js', '--ci', '--json', `--outputFile=${results}`, ...jestArgs],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  try {
    const summary = JSON.parse(readFileSync(results, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
    if (summary.numTotalTests === 0) failed += 1;
  } catch {
    failed += 1;
  }
  if (jest.status !== 0 && failed === 0) failed += 1;
} else {
  console.log('Static checks failed; the test tiers did not run.');
}
console.log(`\nnpm test finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
