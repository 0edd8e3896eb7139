#!/usr/bin/env node
// `npm test`: lint (with module boundaries), type-check, build, then every Jest tier (unit, integration,
// e2e, browser). Ends with one plain summary line: `N passed, N failed` (the three static checks count as
// one test each). Extra arguments go to Jest, e.g. `npm test -- --selectProjects unit`.
// `--jest-only` runs only the Jest tiers, on the `dist/` a previous run built: lint, types and the bundles do not
// depend on the Node that runs them, so the second Node of CI (`npm run test:node24`) reuses them. Every child
// (Jest's workers, the api, worker and CLI the tests start) runs on `process.execPath`, this script's own Node.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const jestOnly = process.argv.includes('--jest-only');
const jestArgs = process.argv.slice(2).filter((a) => a !== '--jest-only');
const staticSteps = [
  ['lint', ['tools/lint.mjs']],
  ['typecheck', ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.server.json', '--noEmit']],
  ['typecheck (web)', ['node_modules/typescript/bin/tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
  ['build', ['tools/build.mjs']],
];

// The bundles the tests start; without them a Jest-only run would fail suite by suite, far from the cause.
const built = [
  'dist/apps/api/main.cjs',
  'dist/apps/worker/main.cjs',
  'dist/tools/cli.cjs',
  'dist/apps/web/index.html',
];
const steps = jestOnly ? [] : staticSteps;

let passed = 0;
let failed = 0;
const started = Date.now();
if (jestOnly) {
  const missing = built.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) {
    console.log(`✘ build: ${missing.join(', ')} missing; run \`npm run build\` (or \`npm test\`) first`);
    failed += 1;
  }
}
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
  // The Jest-only pass keeps its own file, so CI's second Node does not overwrite the first one's results.
  const results = join(out, jestOnly ? `jest-node${process.versions.node.split('.')[0]}.json` : 'jest.json');
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
    // The browser tier retries a failed journey once (apps/web/test/support/retry-once.ts): name the ones that
    // passed only on their retry, so a flaky journey is seen.
    const retried = summary.testResults.flatMap((file) =>
      file.assertionResults
        .filter((test) => test.status === 'passed' && (test.invocations ?? 1) > 1)
        .map((test) => `${relative(root, file.name)}: ${test.fullName}`),
    );
    if (retried.length > 0)
      console.log(
        `\nPassed only on a retry (${retried.length}):\n${retried.map((t) => `  ${t}`).join('\n')}`,
      );
  } catch {
    failed += 1;
  }
  if (jest.status !== 0 && failed === 0) failed += 1;
} else {
  console.log(`${jestOnly ? 'No build' : 'Static checks failed'}; the test tiers did not run.`);
}
const what = jestOnly ? 'jest tiers' : 'npm test';
console.log(
  `\n${what} finished in ${((Date.now() - started) / 1000).toFixed(0)} s on Node ${process.version}`,
);
// A Jest-only run names its Node on its summary line, so CI's two summaries cannot be mistaken for each other.
console.log(`${jestOnly ? `Node ${process.version}, jest tiers: ` : ''}${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
