// The built api (dist/apps/api/main.cjs) as a real process on the run's database, and a cookie client for it, for
// tests that need what only a process has: several replicas on one database, and SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../../..');

export interface ApiProcess {
  child: ChildProcess;
  base: string;
  logs(): string;
  /** Resolves with how the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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

/** Starts the built api on a free port and waits until it is healthy. */
export async function startApiProcess(extra: Record<string, string> = {}): Promise<ApiProcess> {
  const port = await freePort();
  let logs = '';
  const child = spawn(process.execPath, [join(root, 'dist/apps/api/main.cjs')], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECRET: 'api-process-cookie-secret-0123456789abcdef',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'info',
      WEB_DIST: '/nonexistent',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
      ...extra,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once('exit', (code, signal) => res({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) break;
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, base, logs: () => logs, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the api did not become healthy:\n${logs}`);
}

export interface ApiClient {
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
  /** The same signed-in learner on another replica (the session lives in the database). */
  on(base: string): ApiClient;
}

/** A cookie client on `base` with its CSRF token, not yet signed in. */
export async function apiClient(base: string): Promise<ApiClient> {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  remember(csrf);
  const { token } = (await csrf.json()) as { token: string };
  const make = (at: string): ApiClient => ({
    get: async (path) => {
      const res = await fetch(at + path, { headers: { cookie: cookie() } });
      remember(res);
      return res;
    },
    post: async (path, body) => {
      const res = await fetch(at + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
        body: JSON.stringify(body),
      });
      remember(res);
      return res;
    },
    on: (other) => make(other),
  });
  return make(base);
}
