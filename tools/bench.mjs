#!/usr/bin/env node
// `npm run bench` (issue #17): the platform beside the limits of this machine, measured in ONE run, each figure a
// ratio with its goal. Builds, then starts the built api and worker in production mode on a scratch database (and a
// redis-server of its own), and measures: bare Fastify "hello", pgbench simple-update and select-only (a scratch
// pgbench database on the same server), a BullMQ no-op job rate; then the catalogue's first page, search, a course
// page and certificate verification (vs Fastify), video heartbeats from 50 learners (vs pgbench simple-update), a
// quiz burst (N submissions from N learners within 10 s, checked in the database), enrolment, certificate issuance
// (vs the library-bound rate measured in-process) and the api's RSS over a mixed soak. Writes the table between
// the bench markers of README.md. Not part of `npm test`.
//   node tools/bench.mjs [--quick] [--seconds=10] [--burst=2000] [--no-build] [--no-readme]
//   BENCH_SOAK_SECONDS (default 300; 20 with --quick), DATABASE_URL (a server; else an embedded Postgres),
//   BENCH_LOG_LEVEL (the api's and worker's, default warn; production's default is info), BENCH_NODE_ARGS
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Queue, Worker } from 'bullmq';
import { build } from 'esbuild';
import pg from 'pg';
import {
  flagArg,
  machine,
  machineLoad,
  numberArg,
  percentile,
  pool,
  root,
  cpuMs,
  settle,
  rssMb,
  scratchBench,
  seededLearners,
  startApi,
  startBareFastify,
} from './lib/bench.mjs';
import { serverBuildOptions } from './lib/server-build.mjs';
import { dropDatabase, ensureDatabase, freePort, startRedis, which, withDatabase } from './lib/services.mjs';

const QUICK = flagArg('quick');
const SECONDS = numberArg('seconds', QUICK ? 3 : 10);
const CONNECTIONS = 20;
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? (QUICK ? 20 : 300));
const BURST = numberArg('burst', QUICK ? 300 : 2000);
const BURST_WINDOW_MS = 10_000;
const HEARTBEAT_LEARNERS = 50;
const CERTIFICATES = QUICK ? 20 : 100;
const QUIZ_COURSE = 'online-public-services';
const VIDEO_COURSE = 'online-scams';
const say = (m) => console.log(`bench: ${m}`);
// The load before the bench starts anything: other work on the machine. (At the end the load includes the bench's
// own api, worker, Postgres and load generator, so it cannot say whether the run was quiet.)
const LOAD_AT_START = machineLoad();
const QUIET = loadavg()[0] < cpus().length / 2;
const rate = (r) => r.requests.average;

// ---- Build (api, worker, cli and the library-bound certificate probe).
if (!flagArg('no-build')) {
  const b = spawnSync(process.execPath, ['tools/build.mjs', '--only=api,worker,cli'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (b.status !== 0) process.exit(1);
}
await build(
  serverBuildOptions(root, 'tools/bench/certificate-library.ts', 'dist/tools/bench-certificate-library.cjs'),
);

// ---- Services: a redis-server of the bench's own (nothing shared is flushed), a scratch database.
const redisDir = mkdtempSync(join(tmpdir(), 'hvs-bench-redis-'));
const redis = await startRedis({ dir: redisDir, port: await freePort(), persistent: false });
if (!redis) throw new Error('bench: redis-server is not on PATH');
const bench = await scratchBench({
  prefix: 'hvs_bench_all',
  extraEnv: {
    REDIS_URL: redis.url,
    HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000',
    AUTH_RATE_LIMIT_PER_MINUTE: '100000',
    SESSION_ROTATE_MINUTES: String(24 * 60), // the seeded sessions are replayed by the load tools
    HVS_BENCH_SEED: 'yes',
  },
});
const results = {};
let bare;
const pgbenchDb = `${bench.name}_pgbench`;
const serverUrl = withDatabase(bench.url, 'postgres');
try {
  bench.cli('migration:run');
  bench.cli('content:import');
  // A small pool: the certificate step completes courses 10 at a time, each reading the database.
  const sql = new pg.Pool({ connectionString: bench.url, max: 10 });
  sql.on('error', () => undefined); // the scratch database is dropped WITH (FORCE) when a step fails
  const q = async (text, params) => (await sql.query(text, params)).rows;

  // ================= Limits =================
  bare = await startBareFastify();
  const hello = await autocannon({ url: bare.url, connections: CONNECTIONS, duration: SECONDS });
  results.fastify = rate(hello);
  say(`bare Fastify hello ${results.fastify.toFixed(0)} req/s`);
  bare.stop();
  bare = undefined;

  results.pgbench = await pgbench(serverUrl);
  say(
    `pgbench simple-update ${results.pgbench.update.toFixed(0)} tps, select-only ${results.pgbench.select.toFixed(0)} tps`,
  );

  results.bullmq = await bullmqNoop(redis.url);
  say(`BullMQ no-op ${results.bullmq.toFixed(0)} jobs/s`);

  // ================= The platform =================
  let worker = bench.start('dist/apps/worker/main.cjs');
  const { base, child: api } = await startApi(bench);
  const rssStart = rssMb(api.pid);

  // Reads (cold clients; the read caches answer after the first request).
  const reads = {
    catalogue: '/api/courses',
    search: '/api/courses?q=dich%20vu%20cong',
    course: `/api/courses/${QUIZ_COURSE}`,
  };
  for (const [k, path] of Object.entries(reads)) {
    const r = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS });
    results[k] = { rate: rate(r), non2xx: r.non2xx, p99: r.latency.p99 };
    say(`${k} ${results[k].rate.toFixed(0)} req/s (non-2xx ${r.non2xx})`);
  }

  // Learners: made by the cli as sign-up makes them, each with a session.
  const learners = await seededLearners(bench, base, BURST + HEARTBEAT_LEARNERS + CERTIFICATES);
  const burstLearners = learners.slice(0, BURST);
  const videoLearners = learners.slice(BURST, BURST + HEARTBEAT_LEARNERS);
  const certLearners = learners.slice(BURST + HEARTBEAT_LEARNERS);
  const call = async (l, method, path, body) => {
    const res = await fetch(base + path, {
      method,
      headers: l.headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : undefined;
  };
  const course = await (await fetch(`${base}/api/courses/${QUIZ_COURSE}`)).json();
  const lessons = course.modules.flatMap((m) => m.lessons);
  const quiz = lessons.find((l) => l.kind === 'quiz');

  // Enrolment: the burst's learners enrol, 50 at a time.
  let t = performance.now();
  await pool(burstLearners, 50, (l) => call(l, 'POST', `/api/courses/${QUIZ_COURSE}/enrol`, {}));
  results.enrol = BURST / ((performance.now() - t) / 1000);
  say(`enrolment ${results.enrol.toFixed(0)}/s`);

  // Quiz burst: each learner opens the quiz and starts an attempt; then all submit, spread over 10 s.
  const attempts = await pool(burstLearners, 50, async (l) => {
    await call(l, 'GET', `/api/lessons/${quiz.id}`);
    return (await call(l, 'POST', `/api/lessons/${quiz.id}/quiz-attempts`, {})).id;
  });
  const latencies = [];
  let burstErrors = 0;
  const burstWhy = {};
  t = performance.now();
  await Promise.all(
    burstLearners.map(async (l, i) => {
      await new Promise((res) => setTimeout(res, (i * BURST_WINDOW_MS) / BURST));
      const sent = performance.now();
      const res = await fetch(`${base}/api/quiz-attempts/${attempts[i]}/submit`, {
        method: 'POST',
        headers: { ...l.headers, 'idempotency-key': `bench-${attempts[i]}` },
        body: JSON.stringify({ answers: {} }),
      }).catch(() => undefined);
      const text = await res?.text();
      if (!res?.ok) {
        burstErrors++;
        // What went wrong, by status and code (e.g. "503 SERVICE_UNAVAILABLE", "fetch failed"), for the table.
        const why = res
          ? `${res.status} ${/"code":"([A-Z_]+)"/.exec(text ?? '')?.[1] ?? ''}`.trim()
          : 'fetch failed';
        burstWhy[why] = (burstWhy[why] ?? 0) + 1;
      }
      latencies.push(performance.now() - sent);
    }),
  );
  const burstSpan = (performance.now() - t) / 1000;
  const [graded] = await q(
    `SELECT count(*) FILTER (WHERE submitted_at IS NOT NULL AND score_percent IS NOT NULL)::int AS graded,
            count(*)::int AS attempts, count(DISTINCT user_id)::int AS learners
       FROM quiz_attempts WHERE id = ANY($1::uuid[]) OR user_id = ANY($2::uuid[])`,
    [attempts, burstLearners.map((l) => l.id)],
  );
  results.burst = {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    span: burstSpan,
    errors: burstErrors,
    why: burstWhy,
    ...graded,
  };
  say(
    `quiz burst p99 ${results.burst.p99.toFixed(0)} ms, ${graded.graded}/${BURST} graded, ${graded.attempts} attempts${burstErrors ? `; errors ${JSON.stringify(burstWhy)}` : ''}`,
  );

  // What the burst left behind (the worker's jobs, autovacuum of the attempts) is not counted against heartbeats.
  const quiet = await settle();
  say(
    `settled in ${(quiet.waitedMs / 1000).toFixed(1)} s before the heartbeats (${Math.round(quiet.busy * 100)} % busy${quiet.quiet ? '' : ', not quiet'})`,
  );

  // Heartbeats: 50 learners watching the video of another course, round robin over the connections.
  const video = (await (await fetch(`${base}/api/courses/${VIDEO_COURSE}`)).json()).modules
    .flatMap((m) => m.lessons)
    .find((l) => l.kind === 'video');
  await pool(videoLearners, 25, async (l) => {
    await call(l, 'POST', `/api/courses/${VIDEO_COURSE}/enrol`, {});
    await call(l, 'GET', `/api/lessons/${video.id}`);
  });
  let turn = 0;
  const beat = () => {
    const l = videoLearners[turn++ % videoLearners.length];
    const end = 5 + (turn % 40);
    return {
      headers: l.headers,
      body: JSON.stringify({ intervals: [[0, end]], position: end, event: 'tick' }),
    };
  };
  // Heartbeats that shared a batch's write with another (the api's counter): written − coalesced = batches.
  const coalesced = async () => {
    const text = await (
      await fetch(`${base}/api/metrics`, { headers: { authorization: `Bearer ${bench.env.METRICS_TOKEN}` } })
    ).text();
    return Number(/^hvs_heartbeats_coalesced_total(?:\{[^}]*\})?\s+(\d+)/m.exec(text)?.[1] ?? NaN);
  };
  const [{ before }] = await q(`SELECT coalesce(sum(heartbeats), 0)::int AS before FROM video_progress`);
  const coalescedBefore = await coalesced();
  const cpuBefore = cpuMs(api.pid);
  const hb = await autocannon({
    url: `${base}/api/lessons/${video.id}/heartbeats`,
    method: 'POST',
    connections: HEARTBEAT_LEARNERS,
    duration: SECONDS,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...beat() }) }],
  });
  const cpuAfter = cpuMs(api.pid);
  const [{ after }] = await q(`SELECT coalesce(sum(heartbeats), 0)::int AS after FROM video_progress`);
  const batches = after - before - ((await coalesced()) - coalescedBefore);
  results.heartbeats = {
    rate: rate(hb),
    non2xx: hb.non2xx,
    p99: hb.latency.p99,
    stored: after - before,
    sent: hb['2xx'],
    // The api's own CPU per answered heartbeat (its batches' statements included, Postgres's work not).
    cpuUs: Math.round(((cpuAfter - cpuBefore) * 1000) / Math.max(1, hb['2xx'])),
    // Heartbeats per batch transaction, on average (a batch's five round trips are shared by them).
    perBatch: (after - before) / Math.max(1, batches),
  };
  say(
    `heartbeats ${results.heartbeats.rate.toFixed(0)}/s (${results.heartbeats.stored} stored for ${hb['2xx']} answered 200; api CPU ${results.heartbeats.cpuUs} µs each; ${results.heartbeats.perBatch.toFixed(1)} per batch)`,
  );

  // Certificates: learners complete the course through the api while the worker is stopped; then a fresh worker
  // issues them all; the rate is taken from the issue times in the database. Duplicates are counted.
  await stopChild(worker);
  await pool(certLearners, 10, (l) => completeCourse(l, call, q, lessons));
  worker = bench.start('dist/apps/worker/main.cjs');
  const certIds = certLearners.map((l) => l.id);
  // The worker's CPU (every thread, its render threads included) between the first certificate seen issued and
  // the last, per certificate: comparable with the library's time per certificate whatever else the machine does.
  let firstSeen;
  let lastSeen;
  for (let i = 0; i < 6000; i++) {
    const [{ issued }] = await q(
      `SELECT count(*)::int AS issued FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id
        WHERE e.user_id = ANY($1::uuid[]) AND r.issued_at IS NOT NULL`,
      [certIds],
    );
    const seen = { issued, cpu: cpuMs(worker.pid) };
    if (issued > 0) firstSeen ??= seen;
    lastSeen = seen;
    if (issued >= CERTIFICATES) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const [cert] = await q(
    `SELECT count(*)::int AS issued, extract(epoch FROM max(r.issued_at) - min(r.issued_at))::float8 AS span,
            (SELECT count(*)::int FROM (SELECT c.enrolment_id FROM certificates c JOIN enrolments e ON e.id = c.enrolment_id
               WHERE e.user_id = ANY($1::uuid[]) GROUP BY 1 HAVING count(*) > 1) d) AS duplicates
       FROM certificate_requests r JOIN enrolments e ON e.id = r.enrolment_id
      WHERE e.user_id = ANY($1::uuid[]) AND r.issued_at IS NOT NULL`,
    [certIds],
  );
  const library = JSON.parse(
    spawnSync(process.execPath, ['dist/tools/bench-certificate-library.cjs', String(QUICK ? 10 : 30)], {
      cwd: root,
      encoding: 'utf8',
    }).stdout,
  );
  results.certificates = {
    issued: cert.issued,
    duplicates: cert.duplicates,
    rate: cert.issued > 1 && cert.span > 0 ? (cert.issued - 1) / cert.span : NaN,
    library: library.perSecond,
    libraryMs: library.perCertificateMs,
    workerCpuMs:
      firstSeen && lastSeen && lastSeen.issued > firstSeen.issued
        ? (lastSeen.cpu - firstSeen.cpu) / (lastSeen.issued - firstSeen.issued)
        : NaN,
  };
  say(
    `certificates ${results.certificates.rate.toFixed(2)}/s vs library ${library.perSecond.toFixed(2)}/s; worker CPU ${results.certificates.workerCpuMs.toFixed(1)} ms each vs library ${library.perCertificateMs.toFixed(1)} ms`,
  );

  // Verification of an issued certificate (public, JSON).
  const [{ id: certId }] = await q(`SELECT id FROM certificates WHERE issued_at IS NOT NULL LIMIT 1`);
  const v = await autocannon({
    url: `${base}/api/credentials/${certId}/verify`,
    connections: CONNECTIONS,
    duration: SECONDS,
  });
  results.verify = { rate: rate(v), non2xx: v.non2xx, p99: v.latency.p99 };
  say(`verification ${results.verify.rate.toFixed(0)} req/s (non-2xx ${v.non2xx})`);

  // Soak: a mix of reads and heartbeats for SOAK_SECONDS, RSS sampled every second.
  const samples = [rssMb(api.pid)];
  const sampler = setInterval(() => samples.push(rssMb(api.pid)), 1000);
  const mix = [reads.catalogue, reads.search, reads.course, `/api/credentials/${certId}/verify`];
  let m = 0;
  await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SOAK_SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          const k = m++ % 5;
          if (k < 4) return { ...req, method: 'GET', path: mix[k], headers: {}, body: undefined };
          return { ...req, method: 'POST', path: `/api/lessons/${video.id}/heartbeats`, ...beat() };
        },
      },
    ],
  });
  clearInterval(sampler);
  samples.push(rssMb(api.pid));
  results.rss = { start: rssStart, beforeSoak: samples[0], max: Math.max(...samples), end: samples.at(-1) };
  say(
    `api RSS ${results.rss.beforeSoak} → ${results.rss.end} MB (max ${results.rss.max}) over ${SOAK_SECONDS} s`,
  );
  await sql.end();
} finally {
  bare?.stop();
  await bench.stop();
  await dropDatabase(serverUrl, pgbenchDb).catch(() => {});
  await redis.stop();
  rmSync(redisDir, { recursive: true, force: true });
}

const table = renderTable(results);
console.log(`\n${table}`);
if (!flagArg('no-readme')) {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = '<!-- bench:start -->';
  const end = '<!-- bench:end -->';
  if (!readme.includes(start) || !readme.includes(end)) throw new Error('README.md has no bench markers');
  writeFileSync(
    join(root, 'README.md'),
    readme.replace(new RegExp(`${start}[\\s\\S]*?${end}`), `${start}\n${table}\n${end}`),
  );
  // The table as prettier lays it out, so the README stays lint-clean.
  spawnSync(process.execPath, ['node_modules/prettier/bin/prettier.cjs', '--write', 'README.md'], {
    cwd: root,
    stdio: 'ignore',
  });
  say('README.md updated');
}
process.exit(0);

// ---------------------------------------------------------------------------------------------------------------

/** pgbench on a scratch database of the same server: simple-update and select-only tps, 10 clients, 2 threads. */
async function pgbench(server) {
  const bin = which('pgbench') ?? '/usr/lib/postgresql/15/bin/pgbench';
  const u = new URL(server);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username) || 'postgres'];
  const run = (args) => {
    const r = spawnSync(bin, [...conn, ...args, pgbenchDb], { env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pgbench ${args.join(' ')} failed:\n${r.stderr}`);
    return r.stdout;
  };
  const tps = (out) => Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
  await ensureDatabase(server, pgbenchDb);
  run(['-i', '-q', '-s', '1']);
  const common = ['-n', '-c', '10', '-j', '2', '-T', String(SECONDS)];
  return {
    update: tps(run(['-b', 'simple-update', ...common])),
    select: tps(run(['-b', 'select-only', ...common])),
  };
}

/** BullMQ's ceiling on this Redis: no-op jobs added in bulk and processed by one worker (concurrency 50). */
async function bullmqNoop(url) {
  const connection = { url, maxRetriesPerRequest: null };
  const n = QUICK ? 3000 : 20000;
  const queue = new Queue('bench-noop', { connection });
  let done = 0;
  let finished;
  const all = new Promise((res) => (finished = res));
  const worker = new Worker('bench-noop', async () => undefined, { connection, concurrency: 50 });
  worker.on('completed', () => ++done === n && finished());
  await worker.waitUntilReady();
  const t = performance.now();
  for (let i = 0; i < n; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, n - i) }, (_, j) => ({
        name: 'noop',
        data: { i: i + j },
        opts: { removeOnComplete: true },
      })),
    );
  await all;
  const perSecond = n / ((performance.now() - t) / 1000);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return perSecond;
}

/** Does every lesson of the course as a learner does (reading clocks moved in the database, as the tests do). */
async function completeCourse(l, call, q, lessons) {
  await call(l, 'POST', `/api/courses/${QUIZ_COURSE}/enrol`, {});
  for (const lesson of lessons) {
    const opened = await call(l, 'GET', `/api/lessons/${lesson.id}`);
    if (lesson.kind === 'text') {
      await q(
        `UPDATE enrolments SET current_lesson_since = current_lesson_since - interval '600 seconds'
          WHERE user_id = $1 AND course_id = $2`,
        [l.id, QUIZ_COURSE],
      );
      await call(l, 'POST', `/api/lessons/${lesson.id}/complete`, { reachedEnd: true });
    } else if (lesson.kind === 'checklist') {
      await call(l, 'PUT', `/api/lessons/${lesson.id}/checklist`, {
        ticked: [...Array(opened.checklist.items.length).keys()],
      });
    } else if (lesson.kind === 'quiz') {
      const attempt = await call(l, 'POST', `/api/lessons/${lesson.id}/quiz-attempts`, {});
      const answers = await correctAnswers(q, attempt.id);
      await call(
        { headers: { ...l.headers, 'idempotency-key': `cert-${attempt.id}` } },
        'POST',
        `/api/quiz-attempts/${attempt.id}/submit`,
        { answers },
      );
    }
  }
}

/** The right answers of an attempt, read from its bank (what a perfect learner sends). */
async function correctAnswers(q, attemptId) {
  const [row] = await q(
    `SELECT b.questions, a.layout FROM quiz_attempts a JOIN question_banks b ON b.id = a.question_bank_id WHERE a.id = $1`,
    [attemptId],
  );
  const byId = new Map(row.questions.map((x) => [x.id, x]));
  return Object.fromEntries(
    row.layout.map((l) => {
      const k = (bankId) => l.optionKeys?.[l.optionOrder.indexOf(bankId)] ?? bankId;
      const x = byId.get(l.id);
      if (x.type === 'single') return [l.id, k(x.options.find((o) => o.correct).id)];
      if (x.type === 'multiple') return [l.id, x.options.filter((o) => o.correct).map((o) => k(o.id))];
      if (x.type === 'truefalse') return [l.id, k(String(x.answer))];
      return [l.id, x.items.map((i) => k(i.id))];
    }),
  );
}

function stopChild(child) {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    child.once('exit', res);
    child.kill('SIGTERM');
  });
}

/** The markdown table: every figure, its ratio to the limit it is measured against, and the goal. */
function renderTable(r) {
  const f = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
  const ratio = (a, b) => a / b;
  const row = (cells) => `| ${cells.join(' | ')} |`;
  const check = (pass) => (pass ? 'pass' : 'FAIL');
  const b = r.burst;
  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}${QUICK ? '; `--quick` run' : ''}. Before the run: ${LOAD_AT_START}; at the end (with the bench's own processes): ${machineLoad()}.`,
    `Each case ${SECONDS} s, ${CONNECTIONS} connections (heartbeats: ${HEARTBEAT_LEARNERS}); the api and worker are the built bundles in production mode.`,
    ...(QUIET
      ? []
      : [
          '',
          `**Not a quiet run:** before it started, other processes kept more than half of the ${cpus().length} cores busy, so the ratios say little; run again on a quiet machine.`,
        ]),
    '',
    row(['what', 'figure', 'measured against', 'ratio', 'goal', 'result']),
    row(['---', '---', '---', '---', '---', '---']),
    row(['bare Fastify "hello" (limit)', `${f(r.fastify)} req/s`, '', '', '', '']),
    row(['pgbench simple-update (limit)', `${f(r.pgbench.update)} tps`, '10 clients', '', '', '']),
    row(['pgbench select-only (limit)', `${f(r.pgbench.select)} tps`, '10 clients', '', '', '']),
    row(['BullMQ no-op jobs (limit)', `${f(r.bullmq)} jobs/s`, 'concurrency 50', '', '', '']),
    ...[
      ['catalogue, first page', r.catalogue, 0.25],
      ['search "dich vu cong"', r.search, 0.25],
      ['course page', r.course, 0.25],
      ['certificate verification', r.verify, 0.1],
    ].map(([name, x, goal]) =>
      row([
        name,
        `${f(x.rate)} req/s (p99 ${x.p99} ms, non-2xx ${x.non2xx})`,
        'bare Fastify',
        `${f(ratio(x.rate, r.fastify), 2)}×`,
        `≥ ${goal}×`,
        check(ratio(x.rate, r.fastify) >= goal && x.non2xx === 0),
      ]),
    ),
    row([
      `video heartbeats, ${HEARTBEAT_LEARNERS} learners`,
      `${f(r.heartbeats.rate)}/s (p99 ${r.heartbeats.p99} ms; ${r.heartbeats.stored} stored for ${r.heartbeats.sent} answered; api CPU ${r.heartbeats.cpuUs} µs each; ${f(r.heartbeats.perBatch, 1)} per batch)`,
      'pgbench simple-update',
      `${f(ratio(r.heartbeats.rate, r.pgbench.update), 2)}×`,
      '≥ 1.0×',
      check(ratio(r.heartbeats.rate, r.pgbench.update) >= 1 && r.heartbeats.stored >= r.heartbeats.sent),
    ]),
    row([
      `quiz burst, ${BURST} learners in ${BURST_WINDOW_MS / 1000} s`,
      `p99 ${f(b.p99)} ms (p50 ${f(b.p50)} ms); ${b.graded} graded of ${b.attempts} attempts, ${b.errors} errors${
        b.errors
          ? ` (${Object.entries(b.why)
              .map(([k, n]) => `${n} × ${k}`)
              .join(', ')})`
          : ''
      }`,
      '',
      '',
      'p99 < 1 s, each graded once',
      check(b.p99 < 1000 && b.graded === BURST && b.attempts === BURST && b.errors === 0),
    ]),
    row(['enrolment', `${f(r.enrol)}/s`, '', '', '', '']),
    row([
      `certificate issuance (${r.certificates.issued} issued)`,
      `${f(r.certificates.rate, 2)}/s; ${r.certificates.duplicates} duplicates; worker CPU ${f(r.certificates.workerCpuMs, 1)} ms each`,
      `sign + PDF in-process ${f(r.certificates.library, 2)}/s (${f(r.certificates.libraryMs, 1)} ms each)`,
      `${f(ratio(r.certificates.rate, r.certificates.library), 2)}×`,
      '≥ 0.8×, no duplicates',
      check(ratio(r.certificates.rate, r.certificates.library) >= 0.8 && r.certificates.duplicates === 0),
    ]),
    row([
      `api RSS, ${SOAK_SECONDS} s mixed soak`,
      `${r.rss.beforeSoak} → ${r.rss.end} MB (max ${r.rss.max}; ${r.rss.start} MB at start)`,
      '',
      '',
      '',
      '',
    ]),
  ];
  return lines.join('\n');
}
