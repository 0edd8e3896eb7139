#!/usr/bin/env node
// Benchmarks the catalogue and lesson endpoints of the built api against a real Postgres with the shipped
// content. Prints requests/s, latency percentiles and the api's memory. Run `npm run build` first.
//   node tools/bench-api.mjs [--seconds=10] [--connections=20]
// Uses DATABASE_URL's server if set (creating a scratch database), else a temporary embedded Postgres.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from './lib/services.mjs';

const root = resolve(import.meta.dirname, '..');
const arg = (name, dflt) => Number((process.argv.find((a) => a.startsWith(`--${name}=`)) ?? '').split('=')[1] ?? dflt) || dflt;
const seconds = arg('seconds', 10);
const connections = arg('connections', 20);

const tmp = mkdtempSync(join(tmpdir(), 'hvs-bench-'));
let pg;
let server = process.env.DATABASE_URL;
if (!server) {
  pg = await startEmbeddedPostgres({ dir: join(tmp, 'pg'), port: await freePort(), persistent: false });
  server = pg.url;
}
const dbName = `hvs_bench_${Date.now()}`;
const url = await ensureDatabase(server, dbName);
const env = { ...process.env, DATABASE_URL: url, NODE_ENV: 'production', COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdefgh', ISSUER_KEY_SECRET: 'bench-issuer-key-secret-0123456789abcdef', UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret-0123456789abcdef', STORAGE_DIR: join(tmp, 'storage'), LOG_LEVEL: 'warn', RUN_MIGRATIONS: 'false' };
spawnSync(process.execPath, ['dist/tools/cli.cjs', 'migration:run'], { cwd: root, env, stdio: 'inherit' });
spawnSync(process.execPath, ['dist/tools/cli.cjs', 'content:import'], { cwd: root, env, stdio: 'inherit' });
const port = await freePort();
const api = spawn(process.execPath, ['dist/apps/api/main.cjs'], { cwd: root, env: { ...env, PORT: String(port), HOST: '127.0.0.1', HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000', AUTH_RATE_LIMIT_PER_MINUTE: '1000', COOKIE_SECURE: 'false' }, stdio: 'inherit' });
const base = `http://127.0.0.1:${port}`;
for (let i = 0; i < 200; i++) {
  if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
  await new Promise((r) => setTimeout(r, 100));
}

const rssMb = () => Math.round(Number(readFileSync(`/proc/${api.pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024);
const cases = [
  ['catalogue, first page', '/api/courses'],
  ['search "dich vu cong"', '/api/courses?q=dich%20vu%20cong'],
  ['search + filters', '/api/courses?q=an%20toan&targetGroup=citizens&maxMinutes=60&sort=relevance'],
  ['course page', '/api/courses/online-public-services'],
];
console.log(`\nbench: ${seconds} s each, ${connections} connections, Node ${process.version}, api RSS before ${rssMb()} MB`);
for (const [name, path] of cases) {
  const r = await autocannon({ url: base + path, connections, duration: seconds });
  console.log(
    `${name.padEnd(24)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   RSS ${rssMb()} MB`,
  );
}

// The hottest write: video heartbeats of one signed-in learner (cookie session + CSRF), each a merge in SQL.
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
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() }, body: JSON.stringify(body) });
  remember(res);
  return res;
};
await post('/api/auth/sign-up', { displayName: 'Bench', identifier: `bench-${Date.now()}@example.com`, password: 'bench-password-123' });
await post('/api/courses/online-scams/enrol', {});
const course = await (await fetch(`${base}/api/courses/online-scams`)).json();
const video = course.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'video');
await fetch(`${base}/api/lessons/${video.id}`, { headers: { cookie: cookie() } });
const hb = await autocannon({
  url: `${base}/api/lessons/${video.id}/heartbeats`,
  method: 'POST',
  connections,
  duration: seconds,
  headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
  body: JSON.stringify({ intervals: [[0, 15], [20, 30]], position: 30, event: 'tick' }),
});
console.log(
  `${'video heartbeat (write)'.padEnd(24)} ${String(Math.round(hb.requests.average)).padStart(6)} req/s   p50 ${hb.latency.p50} ms   p99 ${hb.latency.p99} ms   non-2xx ${hb.non2xx}   RSS ${rssMb()} MB`,
);
api.kill('SIGTERM');
await new Promise((r) => api.once('exit', r));
if (pg) await pg.stop();
else await dropDatabase(server, dbName);
rmSync(tmp, { recursive: true, force: true });
