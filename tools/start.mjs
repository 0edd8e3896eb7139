#!/usr/bin/env node
// `npm start`: the whole platform on a machine with only Node and npm (tier 0).
//   Postgres: DATABASE_URL, else an embedded Postgres with its data in .data/pg (kept across restarts)
//   Redis:    REDIS_URL, else a redis-server from PATH with its data in .data/redis, else none (jobs then
//             run in-process in the worker, fed by Postgres notifications; a warning says so)
// Then: build, migrate, import content/, load the place sets of PLACES (default demo), seed the demo accounts
// once, start the api (serving the web app) and the worker, and print one URL. A child that crashes is
// restarted with backoff (1 s, 2 s, 4 s…, at most 30 s); 5 crashes of one child within 60 s, or Ctrl-C /
// SIGTERM, stop everything it started.
//   --no-build        start from the existing dist/ (it builds anyway when dist/ is missing)
//   HVS_DATA_DIR      where the embedded Postgres, Redis, secrets and files live (default .data/)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decideRestart } from './lib/restart-policy.mjs';
import { DEMO_ACCOUNTS, platformEnv, startServices } from './lib/platform.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.HVS_DATA_DIR ? resolve(process.env.HVS_DATA_DIR) : join(root, '.data');
const shown = (dir) => (dir.startsWith(`${root}/`) ? dir.slice(root.length + 1) : dir);
const childrenFile = join(data, 'children.json');
const say = (msg) => console.log(`[hocvuso] ${msg}`);
mkdirSync(data, { recursive: true });

const children = [];
let services;
let stopping = false;

async function main() {
  killLeftovers();
  const port = Number(process.env.PORT ?? 3000);

  const built = [
    'dist/apps/api/main.cjs',
    'dist/apps/worker/main.cjs',
    'dist/tools/cli.cjs',
    'dist/apps/web/index.html',
  ].every((f) => existsSync(join(root, f)));
  if (process.argv.includes('--no-build') && built) {
    say('using the existing build in dist/ (--no-build)');
  } else {
    say('building the api, worker and web app…');
    run(['tools/build.mjs']);
  }

  services = await startServices({ data, say, shown });
  const env = platformEnv({
    root,
    data,
    port,
    databaseUrl: services.databaseUrl,
    redisUrl: services.redisUrl,
  });

  say(
    `migrating, importing content/, loading places (${process.env.PLACES ?? 'demo'}) and seeding demo accounts…`,
  );
  run(['dist/tools/cli.cjs', 'prepare'], env);

  start('api', ['--enable-source-maps', 'dist/apps/api/main.cjs'], env);
  start('worker', ['--enable-source-maps', 'dist/apps/worker/main.cjs'], env);

  const url = `http://localhost:${port}`;
  for (let i = 0; i < 300 && !stopping; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const password = process.env.DEMO_PASSWORD ?? 'hocvuso-demo';
  console.log(`
  Học vụ số is running:  ${url}
  API: ${url}/api   ·   API docs: ${url}/api/docs

  Demo accounts (password: ${password}):
${DEMO_ACCOUNTS.map((r) => `    ${r.padEnd(17)} ${r}@demo.hocvuso.example`).join('\n')}

  Data lives in ${shown(data)}/ (delete it for a fresh start). Press Ctrl-C to stop.
`);
}

function run(args, env = process.env) {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`failed: node ${args.join(' ')}`);
    shutdown(1);
    throw new Error('start aborted');
  }
}

function start(name, args, env) {
  const entry = {
    name,
    args,
    env,
    child: undefined,
    startedAt: 0,
    history: { crashes: [], streak: 0 },
    timer: undefined,
  };
  children.push(entry);
  spawnChild(entry);
}

function spawnChild(entry) {
  // Own process group: Ctrl-C reaches only the supervisor, which stops the apps first, then Redis and Postgres.
  const child = spawn(process.execPath, entry.args, {
    cwd: root,
    env: entry.env,
    stdio: 'inherit',
    detached: true,
  });
  entry.child = child;
  entry.startedAt = Date.now();
  writeChildren();
  child.on('exit', (code, signal) => {
    if (stopping || entry.child !== child) return;
    const now = Date.now();
    const decision = decideRestart(entry.history, now, now - entry.startedAt, code);
    entry.history = decision.history;
    const how = signal ?? `code ${code}`;
    if (!decision.restart) {
      say(`${entry.name} exited (${how}) and is not restarted: ${decision.reason}; stopping everything`);
      void shutdown(1);
      return;
    }
    say(
      `${entry.name} exited (${how}); restarting it in ${decision.delayMs / 1000} s (crash ${decision.history.crashes.length} within 60 s; 5 stop everything)`,
    );
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (stopping) return;
      spawnChild(entry);
      say(`${entry.name} restarted (pid ${entry.child.pid})`);
    }, decision.delayMs);
  });
}

/** The children's process groups, so a later start can stop them after a kill -9 of this supervisor. */
function writeChildren() {
  writeFileSync(
    childrenFile,
    JSON.stringify({
      supervisor: process.pid,
      children: Object.fromEntries(children.map((c) => [c.name, c.child?.pid])),
    }),
  );
}

/** After a kill -9 of a previous supervisor its children survive; stop them before starting again. */
function killLeftovers() {
  if (!existsSync(childrenFile)) return;
  try {
    // `pids`: the file of a supervisor from before the children were named.
    const { children: byName = {}, pids = Object.values(byName) } = JSON.parse(
      readFileSync(childrenFile, 'utf8'),
    );
    for (const pid of pids) {
      try {
        process.kill(-pid, 'SIGKILL');
        say(`stopped a leftover process group ${pid}`);
      } catch {
        /* gone already */
      }
    }
  } catch {
    /* unreadable: ignore */
  }
  rmSync(childrenFile, { force: true });
}

async function stopChild(entry) {
  clearTimeout(entry.timer);
  const { child } = entry;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 20_000); // beyond the api's own bound for draining (SHUTDOWN_TIMEOUT_MS, default 10 s)
  await exited;
  clearTimeout(timer);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(children.map(stopChild));
  await services?.stop();
  rmSync(childrenFile, { force: true });
  say('stopped.');
  process.exit(code);
}

for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void shutdown(0));
main().catch((e) => {
  if (!stopping) {
    say(`could not start: ${e instanceof Error ? e.message : String(e)}`);
    void shutdown(1);
  }
});
