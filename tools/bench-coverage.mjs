#!/usr/bin/env node
// Coverage at province scale (issue #13): 500,000 learners of Lai Châu placed in villages, their coverage facts, and
// first 1,000,000 then 10,000,000 lesson progress rows. Measures, with the built api and worker in production mode
// on a scratch database: the province dashboard and a commune drill-down (p50/p95 over many distinct requests, at
// 1M and at 10M progress rows, and their ratio), and how long the worker takes to generate the province's yearly
// report. Not part of `npm test`. Run `npm run build` first (npm run bench:coverage does).
//   node tools/bench-coverage.mjs [--learners=500000] [--rows=10000000] [--requests=300]
// Uses DATABASE_URL's server if set (creating a scratch database), else a temporary embedded Postgres.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from './lib/services.mjs';

const root = resolve(import.meta.dirname, '..');
const arg = (name, dflt) =>
  Number((process.argv.find((a) => a.startsWith(`--${name}=`)) ?? '').split('=')[1] ?? dflt) || dflt;
const LEARNERS = arg('learners', 500_000);
const ROWS = arg('rows', 10_000_000);
const REQUESTS = arg('requests', 300);
const VILLAGES_PER_COMMUNE = 8;
const say = (m) => console.log(`bench-coverage: ${m}`);
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

const tmp = mkdtempSync(join(tmpdir(), 'hvs-bench-coverage-'));
let pg;
let server = process.env.DATABASE_URL;
if (!server) {
  pg = await startEmbeddedPostgres({
    dir: join(tmp, 'pg'),
    port: await freePort(),
    persistent: false,
    fsync: false,
  });
  server = pg.url;
}
const dbName = `hvs_bench_cov_${Date.now()}`;
const url = await ensureDatabase(server, dbName);
const env = {
  ...process.env,
  DATABASE_URL: url,
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://bench.hocvuso.example',
  PLACES: 'lai-chau',
  COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdefgh',
  ISSUER_KEY_SECRET: 'bench-issuer-key-secret-0123456789abcdef',
  UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret-0123456789abcdef',
  STORAGE_DIR: join(tmp, 'storage'),
  LOG_LEVEL: 'warn',
  RUN_MIGRATIONS: 'false',
  COOKIE_SECURE: 'false',
  AUTH_RATE_LIMIT_PER_MINUTE: '100000',
};
delete env.REDIS_URL; // the worker runs its jobs in-process, fed by Postgres notifications
const children = [];
const cleanup = async () => {
  for (const c of children) c.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase(server, dbName).catch(() => {});
  await pg?.stop().catch(() => {});
  rmSync(tmp, { recursive: true, force: true });
};
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

const r = spawnSync(process.execPath, ['dist/tools/cli.cjs', 'prepare'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (r.status !== 0) throw new Error('prepare failed');
const sql = new PgClient({ connectionString: url });
await sql.connect();
const q = async (text, params) => (await sql.query(text, params)).rows;

// ---- Places: Lai Châu's 38 commune-level units, each with villages (generated, marked bench).
const [province] = await q(
  `SELECT id, path FROM administrative_units WHERE code = '12' AND level = 'province'`,
);
await q(
  `INSERT INTO administrative_units (code, level, name, parent_id, path, valid_from)
   SELECT c.code || 'B' || g, 'village', 'Bản ' || g || ' (' || c.name || ', bench)', c.id, c.path || c.code || 'B' || g || '/', '2025-07-01'
     FROM administrative_units c, generate_series(1, $2::int) g
    WHERE c.level = 'commune' AND c.parent_id = $1`,
  [province.id, VILLAGES_PER_COMMUNE],
);
const communes = await q(`SELECT id, name FROM administrative_units WHERE parent_id = $1 ORDER BY code`, [
  province.id,
]);
say(
  `${communes.length} communes and wards, ${communes.length * VILLAGES_PER_COMMUNE} villages (${elapsed()})`,
);

// ---- People: LEARNERS accounts with profiles spread over the villages and the four target groups.
await q(
  `CREATE TEMP TABLE villages AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, path
           FROM administrative_units WHERE level = 'village' AND path LIKE $1 || '%'`,
  [province.path],
);
const [{ count: nVillages }] = await q(`SELECT count(*)::int AS count FROM villages`);
await q(
  `INSERT INTO users (display_name, email, language)
   SELECT 'Người học thử ' || i, 'bench-' || i || '@bench.test', 'vi' FROM generate_series(1, $1::int) i`,
  [LEARNERS],
);
await q(
  `INSERT INTO learner_profiles (user_id, target_groups, unit_id, unit_path, birth_year, school_level)
   SELECT u.id,
          CASE WHEN u.k < 6 THEN '{citizens}'::text[] WHEN u.k < 8 THEN '{students}' WHEN u.k = 8 THEN '{public-servants}' ELSE '{enterprise-workers}' END,
          v.id, v.path,
          1950 + (u.n % 60),
          CASE WHEN u.k IN (6, 7) THEN (ARRAY['primary','lower-secondary','upper-secondary','higher'])[1 + u.n % 4] END
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, (row_number() OVER (ORDER BY id)) % 10 AS k
             FROM users WHERE email LIKE 'bench-%@bench.test') u
     JOIN villages v ON v.n = u.n % $1`,
  [nVillages],
);
say(`${LEARNERS} learners placed (${elapsed()})`);

// ---- Coverage facts: trained (45 %), universalised (20 %), VNeID level 2 (55 %), spread over 2025-07 … 2026-11.
for (const [measure, share] of [
  ['trained', 45],
  ['universalised', 20],
  ['vneid_level2', 55],
  ['bank_account', 35],
]) {
  await q(
    `INSERT INTO coverage_facts (user_id, measure, target_group, sub_groups, unit_id, unit_path, source, achieved_at)
     SELECT lp.user_id, $1, g, CASE WHEN lp.school_level IS NOT NULL THEN ARRAY['school:' || lp.school_level]
                                     WHEN 2026 - lp.birth_year >= 16 THEN ARRAY['age:16+'] ELSE '{}' END,
            lp.unit_id, lp.unit_path, 'system',
            timestamptz '2025-07-01 00:00+07' + (abs(hashtext(lp.user_id::text || $1)) % 510) * interval '1 day'
       FROM learner_profiles lp CROSS JOIN LATERAL unnest(lp.target_groups || '{*}'::text[]) g
      WHERE lp.unit_path LIKE $3 || '%' AND abs(hashtext(lp.user_id::text)) % 100 < $2`,
    [measure, share, province.path],
  );
}
const [{ count: nFacts }] = await q(`SELECT count(*)::int AS count FROM coverage_facts`);
say(`${nFacts} coverage facts (${elapsed()})`);

// ---- Progress rows: enrolments in two courses, then lesson progress rows over the shipped lesson revisions.
const revisions = (await q(`SELECT id FROM lesson_revisions ORDER BY id LIMIT 40`)).map((row) => row.id);
async function progressRows(total) {
  const [{ count: have }] = await q(`SELECT count(*)::bigint AS count FROM lesson_progress`);
  const perLearner = Math.ceil(total / LEARNERS);
  for (let k = Math.floor(Number(have) / LEARNERS); k < perLearner && k < revisions.length; k++) {
    await q(
      `INSERT INTO lesson_progress (user_id, lesson_revision_id, status, started_at, completed_at)
       SELECT id, $1, 'completed', now() - interval '30 days', now() - interval '29 days'
         FROM users WHERE email LIKE 'bench-%@bench.test'`,
      [revisions[k]],
    );
  }
  await q(`ANALYZE`);
  const [{ count }] = await q(`SELECT count(*)::bigint AS count FROM lesson_progress`);
  return Number(count);
}

// ---- The platform: built api and worker (in-process jobs) on the scratch database.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const start = (name, file, extra = {}) => {
  const child = spawn(process.execPath, [file], { cwd: root, env: { ...env, ...extra }, stdio: 'inherit' });
  children.push(child);
  return child;
};
start('worker', 'dist/apps/worker/main.cjs');
start('api', 'dist/apps/api/main.cjs', { PORT: String(port), HOST: '127.0.0.1' });
for (let i = 0; i < 300; i++) {
  if (
    await fetch(`${base}/api/health`).then(
      (res) => res.ok,
      () => false,
    )
  )
    break;
  await new Promise((res) => setTimeout(res, 100));
}

async function folded() {
  for (let i = 0; i < 3600; i++) {
    const [{ pending }] = await q(`SELECT count(*)::int AS pending FROM coverage_facts WHERE NOT rolled_up`);
    if (pending === 0) return;
    await new Promise((res) => setTimeout(res, 1000));
  }
  throw new Error('the worker did not fold the facts within an hour');
}
const foldStart = Date.now();
await folded();
say(
  `the worker folded ${nFacts} facts into the rollups in ${((Date.now() - foldStart) / 1000).toFixed(1)} s`,
);

// ---- A province administrator of Lai Châu, signed in with a cookie session.
const jar = new Map();
const remember = (res) => {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = pair.split('=');
    jar.set(k, v);
  }
};
const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
const csrfRes = await fetch(`${base}/api/auth/csrf`);
remember(csrfRes);
const { token } = await csrfRes.json();
const post = async (path, body) => {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
    body: JSON.stringify(body),
  });
  remember(res);
  return res;
};
const admin = `bench-admin-${Date.now()}@example.com`;
await post('/api/auth/sign-up', {
  displayName: 'Quản trị tỉnh (bench)',
  identifier: admin,
  password: 'bench-password-123',
});
await q(
  `INSERT INTO role_grants (user_id, role, unit_id) SELECT id, 'province_admin', $2 FROM users WHERE email = $1`,
  [admin, province.id],
);
await post('/api/auth/sign-in', { identifier: admin, password: 'bench-password-123' });
const get = async (path) => {
  const t = performance.now();
  const res = await fetch(base + path, { headers: { cookie: cookie() } });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return performance.now() - t;
};

const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const GROUPS = ['', 'citizens', 'students', 'public-servants', 'enterprise-workers'];
const SUBS = {
  students: ['school:primary', 'school:upper-secondary', 'school:higher'],
  citizens: ['age:16+'],
};
const filters = GROUPS.flatMap((g) =>
  g
    ? [
        `&targetGroup=${g}`,
        ...(SUBS[g] ?? []).map((s) => `&targetGroup=${g}&subGroup=${encodeURIComponent(s)}`),
      ]
    : [''],
);
const provinceKeys = filters.map((f) => `/api/coverage?unitId=${province.id}${f}`);
const communeKeys = communes.flatMap((c) => filters.map((f) => `/api/coverage?unitId=${c.id}${f}`));
/**
 * Each distinct dashboard request (place × filter) once, in order ("cold": nothing cached for it yet), then
 * REQUESTS more drawn from the same set ("warm": as people read the dashboard). Progress rows are never read.
 */
async function measure(label) {
  const cold = async (keys) => {
    const out = [];
    for (const k of keys) out.push(await get(k));
    return out;
  };
  const warm = async (keys) => {
    const out = [];
    for (let i = 0; i < REQUESTS; i++) out.push(await get(keys[(i * 7919) % keys.length]));
    return out;
  };
  const m = {
    provinceCold: await cold(provinceKeys),
    communeCold: await cold(communeKeys),
    provinceWarm: await warm(provinceKeys),
    communeWarm: await warm(communeKeys),
  };
  const out = { label };
  for (const [k, xs] of Object.entries(m)) {
    out[`${k}P50`] = percentile(xs, 50);
    out[`${k}P95`] = percentile(xs, 95);
  }
  say(
    `${label}: province p95 cold ${out.provinceColdP95.toFixed(1)} ms (${provinceKeys.length} requests), warm ${out.provinceWarmP95.toFixed(1)} ms; commune p95 cold ${out.communeColdP95.toFixed(1)} ms (${communeKeys.length} requests), warm ${out.communeWarmP95.toFixed(1)} ms`,
  );
  return out;
}

const rows1 = await progressRows(Math.min(ROWS, 1_000_000));
say(`${rows1} lesson progress rows (${elapsed()})`);
const at1 = await measure(`${(rows1 / 1e6).toFixed(1)}M progress rows`);
const rows10 = await progressRows(ROWS);
say(`${rows10} lesson progress rows (${elapsed()})`);
const at10 = await measure(`${(rows10 / 1e6).toFixed(1)}M progress rows`);

// ---- The province's yearly report, generated by the worker.
const reportStart = Date.now();
const created = await post('/api/admin/reports', { unitId: province.id, period: '2025' });
const report = await created.json();
let status = report.status;
for (let i = 0; i < 1200 && !['ready', 'failed', 'submitted'].includes(status); i++) {
  await new Promise((res) => setTimeout(res, 250));
  status = (
    await (await fetch(`${base}/api/admin/reports/${report.id}`, { headers: { cookie: cookie() } })).json()
  ).status;
}
const reportSeconds = (Date.now() - reportStart) / 1000;

console.log(`
| measure (${LEARNERS} learners, ${nFacts} facts) | at ${(rows1 / 1e6).toFixed(1)}M rows | at ${(rows10 / 1e6).toFixed(1)}M rows | ratio | goal |
| --- | --- | --- | --- | --- |
${['provinceCold', 'communeCold', 'provinceWarm', 'communeWarm']
  .map(
    (k) =>
      `| ${k.replace('Cold', ' dashboard, cold').replace('Warm', ' dashboard, warm').replace('commune', 'commune drill-down:').replace('province', 'province:')} p95 | ${at1[`${k}P95`].toFixed(1)} ms | ${at10[`${k}P95`].toFixed(1)} ms | ${(at10[`${k}P95`] / at1[`${k}P95`]).toFixed(2)}× | ≤ 200 ms, ≤ 1.3× |`,
  )
  .join('\n')}
| province yearly report (worker) | | ${status === 'ready' ? `${reportSeconds.toFixed(1)} s` : `not ready: ${status}`} | | ≤ 60 s |
`);
await sql.end();
await cleanup();
process.exit(0);
