#!/usr/bin/env node
// `npm run dev`: the inner loop. Postgres and Redis as `npm start` has them (same .data/ unless HVS_DATA_DIR),
// then the api and the worker rebuilt by esbuild in watch mode and restarted on every successful rebuild, and the
// web app served by Vite with hot reload, proxying /api to the api. Not for production (`npm start` is).
//   PORT       the api's port (default 3000); the Vite proxy follows it
//   WEB_PORT   Vite's port (default 5173)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { context } from 'esbuild';
import { DEMO_ACCOUNTS, platformEnv, startServices } from './lib/platform.mjs';
import { serverBuildOptions, serverEntries, swcPlugin } from './lib/server-build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const data = process.env.HVS_DATA_DIR ? resolve(process.env.HVS_DATA_DIR) : join(root, '.data');
const say = (msg) => console.log(`[dev] ${msg}`);
const port = Number(process.env.PORT ?? 3000);
const webPort = Number(process.env.WEB_PORT ?? 5173);
mkdirSync(data, { recursive: true });

const apps = new Map(); // name -> { child }
const watchers = [];
let services;
let vite;
let stopping = false;

function restartApp(name, env) {
  const app = apps.get(name) ?? { child: undefined };
  apps.set(name, app);
  const begin = () => {
    if (stopping) return;
    const child = spawn(process.execPath, ['--enable-source-maps', `dist/dev/${name}.cjs`], {
      cwd: root,
      env,
      stdio: 'inherit',
      detached: true,
    });
    app.child = child;
    child.on('exit', (code, signal) => {
      // A child replaced by a rebuild exits on purpose; only a crash of the current one is news.
      if (!stopping && app.child === child)
        say(`${name} exited (${signal ?? `code ${code}`}); it starts again on the next save`);
    });
  };
  const old = app.child;
  if (old && old.exitCode === null && old.signalCode === null) {
    old.once('exit', begin);
    app.child = undefined;
    try {
      process.kill(-old.pid, 'SIGTERM');
    } catch {
      begin();
    }
  } else begin();
}

async function main() {
  say('building the CLI and preparing the database…');
  const built = spawnSync(process.execPath, ['tools/build.mjs', '--only=cli'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) throw new Error('the CLI build failed');
  services = await startServices({ data, say });
  const env = {
    ...platformEnv({ root, data, port, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl }),
    PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${webPort}`,
  };
  const prepared = spawnSync(process.execPath, ['dist/tools/cli.cjs', 'prepare'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) throw new Error('migrate/import/seed failed');

  // The worker's PDF render thread, beside the dev worker's bundle where its pool looks for it (built before
  // the worker starts; a change to it applies at the worker's next restart).
  const renderThread = await context(
    serverBuildOptions(root, serverEntries['worker-pdf'].in, 'dist/dev/certificate-pdf-thread.cjs'),
  );
  await renderThread.rebuild();
  await renderThread.watch();
  watchers.push(renderThread);

  for (const name of ['api', 'worker']) {
    const options = serverBuildOptions(root, serverEntries[name].in, `dist/dev/${name}.cjs`, {
      plugins: [
        swcPlugin,
        {
          name: 'restart-on-rebuild',
          setup(b) {
            b.onEnd((result) => {
              if (stopping) return;
              if (result.errors.length) return say(`${name}: build failed; keeping the running one`);
              say(`${name}: built, (re)starting`);
              restartApp(name, env);
            });
          },
        },
      ],
    });
    const ctx = await context(options);
    watchers.push(ctx);
    await ctx.watch();
  }

  vite = spawn(
    process.execPath,
    [resolve(root, 'node_modules/vite/bin/vite.js'), '--port', String(webPort), '--strictPort'],
    {
      cwd: resolve(root, 'apps/web'),
      env: { ...process.env, HVS_API_PORT: String(port) },
      stdio: 'inherit',
      detached: true,
    },
  );
  console.log(`
  Học vụ số (dev):  http://localhost:${webPort}   (Vite, hot reload; /api proxied to the api on port ${port})
  Demo accounts (password: ${process.env.DEMO_PASSWORD ?? 'hocvuso-demo'}): ${DEMO_ACCOUNTS.map((r) => `${r}@demo.hocvuso.example`).join(', ')}
  Saving a file under apps/api, apps/worker or libs rebuilds and restarts the api and worker. Ctrl-C stops all.
`);
}

async function stopGroup(child) {
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
  }, 15_000);
  await exited;
  clearTimeout(timer);
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(watchers.map((w) => w.dispose()));
  await Promise.all([...[...apps.values()].map((a) => stopGroup(a.child)), stopGroup(vite)]);
  await services?.stop();
  process.exit(code);
}

for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => void shutdown(0));
main().catch((e) => {
  say(`could not start: ${e instanceof Error ? e.message : String(e)}`);
  void shutdown(1);
});
