#!/usr/bin/env node
// `npm run stress`: the crowd tier at full size (issue #10): 200 parallel submits of one quiz attempt, a class
// of 60 learners submitting their own quizzes at once, 500 parallel heartbeats from 50 learners, 100 parallel
// enrolments into one course (and one learner enrolling 20 times at once), each while another client reads the
// catalogue and another learner their own page; a pool of 2 connections that must not deadlock; a held row lock
// that must end in lock_timeout. It is apps/api/test/stress.e2e-spec.ts with HVS_STRESS=full; `npm test` runs
// the same spec with smaller numbers. Postgres and Redis are found like `npm test` finds them
// (TEST_DATABASE_URL/DATABASE_URL or an embedded Postgres; REDIS_URL or redis-server from PATH).
// Extra arguments go to Jest.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
// The test database is prepared by the built cli (migrations, content, demo accounts).
const build = spawnSync(process.execPath, ['tools/build.mjs', '--only=cli'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('stress: building the cli failed');
  process.exit(1);
}
const jest = spawnSync(
  process.execPath,
  [
    'node_modules/jest/bin/jest.js',
    '--ci',
    'apps/api/test/stress.e2e-spec.ts',
    '--selectProjects',
    'e2e',
    ...process.argv.slice(2),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', HVS_STRESS: 'full' } },
);
console.log(
  `\nnpm run stress finished in ${((Date.now() - started) / 1000).toFixed(0)} s: ${jest.status === 0 ? 'passed' : 'failed'}`,
);
process.exit(jest.status ?? 1);
