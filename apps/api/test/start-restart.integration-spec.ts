// Starting, restarting and stopping, as an operator does it: the embedded Postgres of `npm start` started twice
// on the same data, the `npm start` supervisor itself (twice, with crashed children it brings back), and the
// built api draining on SIGTERM. Real processes, real Postgres and Redis; each test checks nothing is left running.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const services = join(root, 'tools/lib/services.mjs');
const isRoot = process.getuid?.() === 0;

jest.setTimeout(240_000);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A folder of this test under the system temporary folder; 0711 so the `postgres` OS user passes through. */
function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  made.push(dir);
  return dir;
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o7777;
}

/** The mode of every folder from `dir` up to `/`. */
function modesAbove(dir: string): Record<string, number> {
  const modes: Record<string, number> = {};
  for (let d = dir; ; d = dirname(d)) {
    modes[d] = modeOf(d);
    if (d === dirname(d)) break;
  }
  return modes;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return (
      !existsSync(`/proc/${pid}/stat`) ||
      !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z')
    );
  } catch {
    return false;
  }
}

/** Processes (other than this one) whose command line or environment mentions `marker`. */
function processesMentioning(marker: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      const text =
        readFileSync(`/proc/${pid}/cmdline`, 'utf8') + readFileSync(`/proc/${pid}/environ`, 'utf8');
      if (text.includes(marker) && alive(pid)) found.push(pid);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return found;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 90_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function freePort(): Promise<number> {
  return new Promise((res) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => res(port));
    });
  });
}

const status = (url: string) =>
  fetch(url, { headers: { connection: 'close' } }).then(
    (r) => r.status,
    () => 0,
  );

/** How the child ended; rejects when it is still running after `withinMs` (the bounds under test are far lower). */
function exited(
  child: ChildProcess,
  withinMs = 60_000,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((res, rej) => {
    const timer = setTimeout(
      () => rej(new Error(`pid ${child.pid} still running after ${withinMs} ms`)),
      withinMs,
    );
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      res({ code, signal });
    });
  });
}

/** The environment of this run without the servers the global setup chose, so `npm start` starts its own. */
function ownServicesEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...extra };
  for (const k of [
    'DATABASE_URL',
    'TEST_DATABASE_URL',
    'REDIS_URL',
    'STORAGE_DIR',
    'COOKIE_SECRET',
    'PUBLIC_URL',
  ])
    delete env[k];
  return env;
}

describe('the embedded Postgres of npm start', () => {
  it('starts, stops and starts again on the same data, changes no folder above it, and leaves nothing running', () => {
    const base = scratch('hvs-restart-');
    const dir = join(base, 'data', 'pg');
    const above = { ...modesAbove(base), [tmpdir()]: modeOf(tmpdir()) };
    const script = `
      import { freePort, startEmbeddedPostgres } from ${JSON.stringify(services)};
      import pg from 'pg';
      const pids = [];
      for (let i = 0; i < 2; i++) {
        const server = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: await freePort(), persistent: true, fsync: false });
        pids.push(server.pg.process.pid);
        const client = new pg.Client({ connectionString: server.url });
        await client.connect();
        if (i === 0) await client.query('CREATE TABLE kept (v text); INSERT INTO kept VALUES ($$across restarts$$)');
        const { rows } = await client.query('SELECT v FROM kept');
        await client.end();
        await server.stop();
        console.log(JSON.stringify({ round: i, pid: pids[i], rows }));
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const rounds = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { pid: number; rows: unknown[] });
    expect(rounds).toHaveLength(2);
    expect(rounds[1]!.rows).toEqual([{ v: 'across restarts' }]);
    // Postgres accepts only 0700 (or 0750) for its data folder; nothing above it was touched.
    expect(modeOf(dir) & 0o777).toBe(0o700);
    expect(modeOf(tmpdir())).toBe(0o1777);
    for (const [d, mode] of Object.entries(above)) expect([d, modeOf(d)]).toEqual([d, mode]);
    for (const { pid } of rounds) expect(alive(pid)).toBe(false);
    expect(processesMentioning(dir)).toEqual([]);
  });

  it('refuses a data folder the postgres user cannot reach, naming the folder, and changes nothing', () => {
    const base = scratch('hvs-closed-');
    const closed = join(base, 'closed');
    mkdirSync(closed, { mode: 0o700 });
    chmodSync(closed, 0o700);
    const dir = join(closed, 'pg');
    const script = `
      import { freePort, startEmbeddedPostgres } from ${JSON.stringify(services)};
      try {
        const server = await startEmbeddedPostgres({ dir: ${JSON.stringify(dir)}, port: await freePort(), persistent: false, fsync: false });
        await server.stop();
        console.log('started');
      } catch (e) {
        console.log('refused: ' + e.message);
      }`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(0);
    if (isRoot) {
      // As root Postgres runs as `postgres`, which cannot pass through a 0700 folder of root's.
      expect(r.stdout).toContain(`refused: embedded Postgres runs as the OS user "postgres"`);
      expect(r.stdout).toContain(`cannot enter ${closed} (mode 0700)`);
      expect(r.stdout).toContain(`chmod o+x ${closed}`);
    } else {
      // A normal user's Postgres runs as that user and reaches its own folders.
      expect(r.stdout.trim()).toBe('started');
    }
    expect(modeOf(closed)).toBe(0o700);
    expect(processesMentioning(dir)).toEqual([]);
  });
});

describe("the test runs' global setup", () => {
  it('stops the embedded Postgres it started when it fails later (here: no redis-server), leaving nothing behind', () => {
    const tmp = scratch('hvs-setup-');
    // A PATH with what Postgres' start needs but no redis-server, so the setup fails after Postgres is up.
    const bin = join(tmp, 'bin');
    mkdirSync(bin);
    for (const tool of ['sh', 'id', 'useradd', 'groupadd']) {
      const found = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (found) symlinkSync(found, join(bin, tool));
    }
    const script = `
      import setup from ${JSON.stringify(join(root, 'tools/test/global-setup.mjs'))};
      try {
        await setup();
        console.log('set up');
      } catch (e) {
        console.log('failed: ' + e.message);
      }`;
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: bin, TMPDIR: tmp };
    for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'REDIS_URL']) delete env[k];
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      env,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stdout.trim()).toBe(
      'failed: tests need Redis: set REDIS_URL or install redis-server (apt-get install -y redis-server)',
    );
    expect(r.status).toBe(0);
    expect(processesMentioning(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('hvs-test-'))).toEqual([]);
    expect(modeOf(tmpdir())).toBe(0o1777);
  });
});

describe('the npm start supervisor (tools/start.mjs)', () => {
  interface Run {
    child: ChildProcess;
    output: () => string;
  }

  function startSupervisor(dataDir: string, port: number): Run {
    let out = '';
    const child = spawn(process.execPath, [join(root, 'tools/start.mjs'), '--no-build'], {
      cwd: root,
      env: ownServicesEnv({ HVS_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    return { child, output: () => out };
  }

  const childPids = (dataDir: string) =>
    (JSON.parse(readFileSync(join(dataDir, 'children.json'), 'utf8')) as { children: Record<string, number> })
      .children;

  it('runs twice on the same data, brings back a crashed api and worker, and stops everything on Ctrl-C', async () => {
    const base = scratch('hvs-start-');
    const dataDir = join(base, 'data');
    const port = await freePort();
    const health = `http://127.0.0.1:${port}/api/health`;
    const tmpMode = modeOf(tmpdir());
    const above = modesAbove(base);

    for (let round = 0; round < 2; round++) {
      const run = startSupervisor(dataDir, port);
      try {
        await waitFor(
          `the api of run ${round + 1}\n${run.output()}`,
          async () => (run.child.exitCode === null ? (await status(health)) === 200 || undefined : 'exited'),
          180_000,
        );
        expect(run.child.exitCode).toBeNull();
        if (round === 0) {
          // kill -9 the api: the supervisor says so and starts it again; the site answers again.
          const first = childPids(dataDir);
          process.kill(first.api!, 'SIGKILL');
          await waitFor('the api restart', () => (run.output().includes('api restarted') ? true : undefined));
          expect(run.output()).toMatch(/api exited \(SIGKILL\); restarting it in 1 s/);
          await waitFor('health after the api restart', async () =>
            (await status(health)) === 200 ? true : undefined,
          );
          // kill -9 the worker: it comes back too, and the api was never stopped for it.
          process.kill(first.worker!, 'SIGKILL');
          await waitFor('the worker restart', () =>
            run.output().includes('worker restarted') ? true : undefined,
          );
          const second = childPids(dataDir);
          expect(second.api).not.toBe(first.api);
          expect(second.worker).not.toBe(first.worker);
          expect(alive(second.api!)).toBe(true);
          expect(alive(second.worker!)).toBe(true);
          expect(alive(first.api!)).toBe(false);
          expect(await status(health)).toBe(200);
          expect(run.child.exitCode).toBeNull();
        }
      } finally {
        if (run.child.exitCode === null) run.child.kill('SIGINT');
      }
      const end = await exited(run.child);
      expect([round, end.code, end.signal]).toEqual([round, 0, null]);
      expect(run.output()).not.toMatch(/undefined/);
      expect(run.output()).toContain('stopped.');
      expect(processesMentioning(dataDir)).toEqual([]);
    }
    expect(modeOf(tmpdir())).toBe(tmpMode);
    for (const [d, mode] of Object.entries(above)) expect([d, modeOf(d)]).toEqual([d, mode]);
    expect(modeOf(join(dataDir, 'pg')) & 0o777).toBe(0o700);
  }, 480_000);
});

describe('the restart policy of the supervisor', () => {
  type History = { crashes: number[]; streak: number };
  type Decision = { restart: boolean; delayMs?: number; reason?: string; history: History };
  interface Call {
    /** Omitted: the history the previous decision returned, as the supervisor keeps it. */
    history?: History;
    now: number;
    uptimeMs: number;
    exitCode: number | null;
  }
  /** tools/lib/restart-policy.mjs is a plain ES module of the tools: asked through node, as start.mjs uses it. */
  function decideAll(calls: Call[]): { decisions: Decision[]; maxDelayMs: number } {
    const script = `
      import { decideRestart, RESTART_POLICY } from ${JSON.stringify(join(root, 'tools/lib/restart-policy.mjs'))};
      const calls = JSON.parse(process.argv[1]);
      let history = { crashes: [], streak: 0 };
      const decisions = calls.map((c) => {
        const d = decideRestart(c.history ?? history, c.now, c.uptimeMs, c.exitCode);
        history = d.history;
        return d;
      });
      console.log(JSON.stringify({ decisions, maxDelayMs: RESTART_POLICY.maxDelayMs }));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(calls)], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    return JSON.parse(r.stdout) as { decisions: Decision[]; maxDelayMs: number };
  }
  /** Feeds each decision's history into the next call, as the supervisor does. */
  function sequence(steps: Array<{ at: number; uptimeMs: number; exitCode: number | null }>): Decision[] {
    return decideAll(
      steps.map((step) => ({ now: step.at, uptimeMs: step.uptimeMs, exitCode: step.exitCode })),
    ).decisions;
  }

  it('waits 1 s, 2 s, 4 s, 8 s between quick crashes and gives up at the fifth within 60 s', () => {
    const decisions = sequence(
      [0, 2, 4, 6, 8].map((s) => ({ at: 1_000_000 + s * 1000, uptimeMs: 500, exitCode: null })),
    );
    expect(decisions.slice(0, 4).map((d) => d.delayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(decisions[4]).toMatchObject({ restart: false, reason: '5 crashes within 60 s' });
  });

  it('keeps restarting a child that crashes now and then, never waiting more than 30 s, and starts over after a good run', () => {
    const steps = Array.from({ length: 8 }, (_, i) => ({ at: i * 50_000, uptimeMs: 20_000, exitCode: 1 }));
    const decisions = sequence(steps);
    expect(decisions.every((d) => d.restart)).toBe(true);
    expect(decisions.map((d) => d.delayMs)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    const {
      decisions: [after],
      maxDelayMs,
    } = decideAll([{ history: decisions[7]!.history, now: 1_000_000, uptimeMs: 120_000, exitCode: 1 }]);
    expect(maxDelayMs).toBe(30_000);
    expect(after).toMatchObject({ restart: true, delayMs: 1000 });
  });

  it('never restarts a child that refused its configuration (exit 78)', () => {
    const { decisions } = decideAll([
      { history: { crashes: [], streak: 0 }, now: 0, uptimeMs: 100, exitCode: 78 },
    ]);
    expect(decisions[0]).toMatchObject({ restart: false, reason: 'its configuration is wrong' });
  });
});

describe('the api on SIGTERM', () => {
  /** A minimal HTTP/1.1 client on one socket, to hold connections open exactly as a browser or proxy does. */
  class Conn {
    private buf = Buffer.alloc(0);
    private waiters: Array<() => void> = [];
    closed = false;
    readonly socket: net.Socket;
    readonly gone: Promise<void>;
    constructor(port: number) {
      this.socket = net.connect(port, '127.0.0.1');
      this.socket.on('data', (c: Buffer) => {
        this.buf = Buffer.concat([this.buf, c]);
        this.waiters.splice(0).forEach((w) => w());
      });
      this.gone = new Promise((res) =>
        this.socket.on('close', () => {
          this.closed = true;
          this.waiters.splice(0).forEach((w) => w());
          res();
        }),
      );
      this.socket.on('error', () => undefined);
    }
    ready(): Promise<void> {
      return new Promise((res) => this.socket.once('connect', () => res()));
    }
    write(text: string) {
      this.socket.write(text);
    }
    /** The next response head (100 Continue included) and, for a final response, its body. */
    async read(): Promise<{ status: number; headers: Record<string, string>; body: string }> {
      for (;;) {
        const end = this.buf.indexOf('\r\n\r\n');
        if (end >= 0) {
          const [statusLine, ...lines] = this.buf.subarray(0, end).toString().split('\r\n');
          const headers = Object.fromEntries(
            lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
          );
          const status = Number(statusLine!.split(' ')[1]);
          const length = status === 100 ? 0 : Number(headers['content-length'] ?? 0);
          if (this.buf.length >= end + 4 + length) {
            const body = this.buf.subarray(end + 4, end + 4 + length).toString();
            this.buf = this.buf.subarray(end + 4 + length);
            return { status, headers, body };
          }
        }
        if (this.closed) throw new Error('connection closed before a response');
        await new Promise<void>((res) => this.waiters.push(res));
      }
    }
  }

  async function startApi(
    extra: Record<string, string>,
  ): Promise<{ child: ChildProcess; port: number; logs: () => string }> {
    const port = await freePort();
    let logs = '';
    const child = spawn(process.execPath, [join(root, 'dist/apps/api/main.cjs')], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        COOKIE_SECRET: 'drain-tests-cookie-secret-0123456789abcdef',
        RUN_MIGRATIONS: 'false',
        LOG_LEVEL: 'info',
        WEB_DIST: '/nonexistent',
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
    await waitFor(`the api\n${logs}`, async () =>
      child.exitCode === null
        ? (await status(`http://127.0.0.1:${port}/api/health`)) === 200
          ? true
          : undefined
        : 'exited',
    );
    expect(child.exitCode).toBeNull();
    return { child, port, logs: () => logs };
  }

  it('answers the request in flight in full, closes idle keep-alive connections, refuses new ones and exits 0', async () => {
    const { child, port, logs } = await startApi({ SHUTDOWN_TIMEOUT_MS: '20000' });
    try {
      // An idle keep-alive connection, as a browser or a proxy keeps one.
      const idle = new Conn(port);
      await idle.ready();
      idle.write(`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      expect((await idle.read()).status).toBe(200);

      // A sign-in on a slow connection: the server has the request (100 Continue) but not yet all its body.
      const busy = new Conn(port);
      await busy.ready();
      busy.write(`GET /api/auth/csrf HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
      const csrf = await busy.read();
      expect(csrf.status).toBe(200);
      const cookie = csrf.headers['set-cookie']!.split(';')[0];
      const body = JSON.stringify({ identifier: 'learner@demo.hocvuso.example', password: 'hocvuso-demo' });
      busy.write(
        `POST /api/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `Expect: 100-continue\r\nCookie: ${cookie}\r\nx-csrf-token: ${JSON.parse(csrf.body).token}\r\n\r\n`,
      );
      expect((await busy.read()).status).toBe(100);
      busy.write(body.slice(0, 10));

      child.kill('SIGTERM');
      // The idle connection is closed by the server; no new connection is accepted.
      await idle.gone;
      await waitFor(
        'the listener to close',
        () =>
          new Promise<boolean | undefined>((res) => {
            const probe = net.connect(port, '127.0.0.1');
            probe.once('connect', () => {
              probe.destroy();
              res(undefined);
            });
            probe.once('error', () => res(true));
          }),
      );
      expect(child.exitCode).toBeNull(); // still answering the sign-in in flight

      busy.write(body.slice(10));
      const signedIn = await busy.read();
      expect(signedIn.status).toBe(200);
      expect(JSON.parse(signedIn.body)).toMatchObject({ displayName: expect.any(String) });
      expect(signedIn.headers.connection).toBe('close');
      await busy.gone;

      const end = await exited(child, 30_000);
      expect(end).toEqual({ code: 0, signal: null });
      expect(logs()).toContain('every request answered');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('answers readiness with 503 during SHUTDOWN_DELAY_MS while still serving, then exits 0', async () => {
    const { child, port } = await startApi({ SHUTDOWN_DELAY_MS: '4000', SHUTDOWN_TIMEOUT_MS: '10000' });
    try {
      expect(await status(`http://127.0.0.1:${port}/api/ready`)).toBe(200);
      child.kill('SIGTERM');
      const ready = await waitFor(
        'readiness 503',
        async () => {
          const r = await fetch(`http://127.0.0.1:${port}/api/ready`, {
            headers: { connection: 'close' },
          }).catch(() => undefined);
          return r && r.status === 503 ? r : undefined;
        },
        4000,
      );
      expect(await ready.json()).toEqual({ status: 'draining' });
      // Ordinary requests are still answered during the delay.
      expect(await status(`http://127.0.0.1:${port}/api/health`)).toBe(200);
      expect(await exited(child, 30_000)).toEqual({ code: 0, signal: null });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 1 when a request is still open after SHUTDOWN_TIMEOUT_MS', async () => {
    const { child, port, logs } = await startApi({ SHUTDOWN_TIMEOUT_MS: '1500' });
    try {
      const stuck = new Conn(port);
      await stuck.ready();
      // A request whose body never finishes arriving.
      stuck.write(
        `POST /api/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n`,
      );
      expect((await stuck.read()).status).toBe(100);
      child.kill('SIGTERM');
      expect(await exited(child, 20_000)).toEqual({ code: 1, signal: null });
      expect(logs()).toContain('SHUTDOWN_TIMEOUT_MS');
      await stuck.gone;
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
