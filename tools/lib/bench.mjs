// What the benchmarks share (tools/bench-api.mjs, tools/bench-coverage.mjs): their options, a scratch database,
// the built api and worker started on it in production mode, a signed-in cookie session, timing helpers, and the
// way a figure is printed beside its limit. Not part of `npm test`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { dropDatabase, ensureDatabase, freePort, startEmbeddedPostgres } from './services.mjs';

export const root = resolve(import.meta.dirname, '../..');

/** A numeric option `--name=value` of the command line, else `dflt`. */
export const numberArg = (name, dflt) =>
  Number((process.argv.find((a) => a.startsWith(`--${name}=`)) ?? '').split('=')[1] ?? dflt) || dflt;

/** A boolean option `--name` of the command line. */
export const flagArg = (name) => process.argv.includes(`--${name}`);

/** Secrets and settings every bench api and worker run with (none of them is a real secret). */
const BENCH_ENV = {
  NODE_ENV: 'production',
  PUBLIC_URL: 'https://bench.hocvuso.example',
  COOKIE_SECRET: 'bench-cookie-secret-0123456789abcdefgh',
  ISSUER_KEY_SECRET: 'bench-issuer-key-secret-0123456789abcdef',
  UNSUBSCRIBE_SECRET: 'bench-unsubscribe-secret-0123456789abcdef',
  // Production's default is info; the bench logs only warnings unless BENCH_LOG_LEVEL says otherwise.
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
  RUN_MIGRATIONS: 'false',
  COOKIE_SECURE: 'false',
  // The bench reads the api's own counters (heartbeats per batch).
  METRICS_TOKEN: 'bench-metrics-token-0123456789abcdef',
};

/**
 * A scratch database named `<prefix>_<now>`: on DATABASE_URL's server when set, else on a temporary embedded
 * Postgres. Returns { url, name, env, tmp, cli, start, stop }: `env` is the environment of the api, worker and
 * cli on it (plus `extraEnv`, less the variables named in `unsetEnv`); `cli(...args)` runs the built cli and throws when it fails; `start(file, extra)`
 * spawns a built app; `stop({ keep })` stops what was started and drops the database (`keep`: left on
 * DATABASE_URL's server for a look afterwards; an embedded Postgres is always removed).
 */
export async function scratchBench({ prefix, fsync = true, extraEnv = {}, unsetEnv = [] }) {
  const tmp = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  let pg;
  let server = process.env.DATABASE_URL;
  if (!server) {
    pg = await startEmbeddedPostgres({
      dir: join(tmp, 'pg'),
      port: await freePort(),
      persistent: false,
      fsync,
    });
    server = pg.url;
  }
  const name = `${prefix}_${Date.now()}`;
  const url = await ensureDatabase(server, name);
  const env = {
    ...process.env,
    ...BENCH_ENV,
    DATABASE_URL: url,
    STORAGE_DIR: join(tmp, 'storage'),
    ...extraEnv,
  };
  for (const k of unsetEnv) delete env[k];
  const children = [];
  const cli = (...args) => {
    const r = spawnSync(process.execPath, ['dist/tools/cli.cjs', ...args], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`cli ${args.join(' ')} failed (did \`npm run build\` run?)`);
  };
  const start = (file, extra = {}) => {
    const child = spawn(
      process.execPath,
      [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), file],
      { cwd: root, env: { ...env, ...extra }, stdio: 'inherit' },
    );
    children.push(child);
    return child;
  };
  let stopped = false;
  const stop = async ({ keep = false } = {}) => {
    if (stopped) return;
    stopped = true;
    await Promise.all(
      children.map(
        (c) =>
          new Promise((res) => {
            if (c.exitCode !== null || c.signalCode !== null) return res();
            c.once('exit', res);
            c.kill('SIGTERM');
          }),
      ),
    );
    if (keep && !pg) console.log(`bench: database ${name} kept (drop it when done)`);
    else await dropDatabase(server, name).catch(() => {});
    await pg?.stop().catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  return { url, name, env, tmp, cli, start, stop };
}

/** Starts the built api on a free port and waits until it answers its health check. Returns { base, child }. */
export async function startApi(bench, extra = {}) {
  const port = await freePort();
  const child = bench.start('dist/apps/api/main.cjs', { PORT: String(port), HOST: '127.0.0.1', ...extra });
  const base = `http://127.0.0.1:${port}`;
  // Up to two minutes: on a loaded machine the bundle takes a while to boot.
  for (let i = 0; i < 1200; i++) {
    if (
      await fetch(`${base}/api/health`).then(
        (res) => res.ok,
        () => false,
      )
    )
      return { base, child };
    if (child.exitCode !== null) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  await bench.stop();
  throw new Error('the api did not become healthy (its log is above)');
}

/**
 * The CPU time a process has used so far (user and system), in ms: a cost per request that holds on a busy
 * machine too, where rates swing with what else runs.
 */
export const cpuMs = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After the command name: field 14 (utime) and 15 (stime) of proc(5) are the 12th and 13th here, in ticks.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
};

/** The machine's busy and total CPU ticks so far, from /proc/stat (all cores). */
const machineTicks = () => {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const ticks = fields.map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0); // idle and iowait
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
};

/**
 * Waits until the machine is quiet again (less than `busyBelow` of its cores busy over one second), at most
 * `maxMs`: what a case left behind (the worker's jobs after the quiz burst, autovacuum of the rows it wrote) is
 * not counted against the next case. Gives how long it waited and whether it got quiet.
 */
export async function settle({ busyBelow = 0.2, maxMs = 30_000 } = {}) {
  const start = performance.now();
  for (;;) {
    const a = machineTicks();
    await new Promise((res) => setTimeout(res, 1000));
    const b = machineTicks();
    const busy = (b.busy - a.busy) / Math.max(1, b.total - a.total);
    const waited = performance.now() - start;
    if (busy < busyBelow) return { waitedMs: waited, quiet: true, busy };
    if (waited >= maxMs) return { waitedMs: waited, quiet: false, busy };
  }
}

/** The resident memory of a process, in MB. */
export const rssMb = (pid) =>
  Math.round(Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024);

/**
 * A cookie session on the api (CSRF token first): `post(path, body)`, `get(path)` (the response), `cookie()`,
 * `headers()` (cookie and CSRF, for autocannon), `signUp(identifier, password, displayName)`, `signIn(…)`.
 */
export async function session(base) {
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
  // Every answer may carry a rotated session cookie (SESSION_ROTATE_MINUTES): keep it, or a long bench gets 401s.
  const get = async (path) => {
    const res = await fetch(base + path, { headers: { cookie: cookie() } });
    remember(res);
    return res;
  };
  return {
    token,
    cookie,
    post,
    get,
    headers: () => ({ 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() }),
    signUp: (identifier, password, displayName) =>
      post('/api/auth/sign-up', { displayName, identifier, password }),
    signIn: (identifier, password) => post('/api/auth/sign-in', { identifier, password }),
  };
}

/** The p-th percentile (nearest rank) of some figures. */
export const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

/** Milliseconds since `t` (a performance.now() reading). */
export const since = (t) => performance.now() - t;

/** The machine's load now, for the record beside the figures ("1 min 1.20, 5 min 0.80, 15 min 0.50, 2 cores"). */
export const machineLoad = () => {
  const [a, b, c] = loadavg();
  return `load ${a.toFixed(2)} / ${b.toFixed(2)} / ${c.toFixed(2)} (1, 5, 15 min)`;
};

/** The machine, for the record beside the figures ("2 × AMD EPYC …, 24 GB, Node v20…"). */
export const machine = () =>
  `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GB, Node ${process.version}`;

/** "pass" / "FAIL" for a check (or "–" when there is nothing to check). */
export const verdict = (pass) => (pass === undefined ? '–' : pass ? 'pass' : 'FAIL');

/**
 * Bare Fastify answering "hello" on a free port, in a child process of the same Node: the ceiling the api's reads
 * are compared with. Returns { url, stop }.
 */
export async function startBareFastify() {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const f = require('fastify')(); f.get('/', async () => ({ hello: 'world' })); f.listen({ port: ${port}, host: '127.0.0.1' });`,
    ],
    { cwd: root, stdio: 'inherit' },
  );
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((res) => setTimeout(res, 50));
  }
  return { url, stop: () => child.kill() };
}

/**
 * `count` learners made by the built cli (`bench:learners`: accounts as sign-up makes them, a session each), as
 * request headers for the api at `base`: the signed session cookie plus one CSRF pair they all share (the CSRF
 * secret is a cookie of its own, not tied to the session). Returns [{ id, headers }].
 */
export async function seededLearners(bench, base, count) {
  const file = join(bench.tmp, `learners-${Date.now()}.json`);
  bench.cli('bench:learners', String(count), file);
  const rows = JSON.parse(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { token } = await csrf.json();
  const { sign } = await import('@fastify/cookie');
  return rows.map((r) => ({
    id: r.id,
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': token,
      cookie: `${csrfCookie}; hvs_session=${encodeURIComponent(sign(r.token, bench.env.COOKIE_SECRET))}`,
    },
  }));
}

/**
 * Runs `work(item)` for every item with at most `concurrency` at once; returns the results in order. Throws the
 * first failure after everything settled.
 */
export async function pool(items, concurrency, work) {
  const out = new Array(items.length);
  let next = 0;
  let failure;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await work(items[i], i);
      } catch (e) {
        failure ??= e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  if (failure) throw failure;
  return out;
}
