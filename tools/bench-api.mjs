#!/usr/bin/env node
// Benchmarks the catalogue and lesson endpoints of the built api against a real Postgres with the shipped
// content. Prints requests/s, latency percentiles and the api's memory. Run `npm run build` first.
//   node tools/bench-api.mjs [--seconds=10] [--connections=20]
// Uses DATABASE_URL's server if set (creating a scratch database), else a temporary embedded Postgres.
import autocannon from 'autocannon';
import { Client as PgClient } from 'pg';
import { machineLoad, numberArg, rssMb, scratchBench, session, startApi } from './lib/bench.mjs';

const seconds = numberArg('seconds', 10);
const connections = numberArg('connections', 20);

const bench = await scratchBench({ prefix: 'hvs_bench' });
bench.cli('migration:run');
bench.cli('content:import');
const { base, child: api } = await startApi(bench, {
  HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000',
  AUTH_RATE_LIMIT_PER_MINUTE: '1000',
});

/** One line per case: requests per second, latency percentiles, errors and the api's memory. */
const line = (name, r) =>
  console.log(
    `${name.padEnd(24)} ${String(Math.round(r.requests.average)).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   RSS ${rssMb(api.pid)} MB`,
  );
const cases = [
  ['catalogue, first page', '/api/courses'],
  ['search "dich vu cong"', '/api/courses?q=dich%20vu%20cong'],
  ['search + filters', '/api/courses?q=an%20toan&targetGroup=citizens&maxMinutes=60&sort=relevance'],
  ['course page', '/api/courses/online-public-services'],
];
console.log(
  `\nbench: ${seconds} s each, ${connections} connections, Node ${process.version}, api RSS before ${rssMb(api.pid)} MB, ${machineLoad()}`,
);
for (const [name, path] of cases) {
  const r = await autocannon({ url: base + path, connections, duration: seconds });
  line(name, r);
}

// The hottest write: video heartbeats of one signed-in learner (cookie session + CSRF), each a merge in SQL.
const me = await session(base);
await me.signUp(`bench-${Date.now()}@example.com`, 'bench-password-123', 'Bench');
await me.post('/api/courses/online-scams/enrol', {});
const course = await (await fetch(`${base}/api/courses/online-scams`)).json();
const video = course.modules.flatMap((m) => m.lessons).find((l) => l.kind === 'video');
await me.get(`/api/lessons/${video.id}`);
const hb = await autocannon({
  url: `${base}/api/lessons/${video.id}/heartbeats`,
  method: 'POST',
  connections,
  duration: seconds,
  headers: me.headers(),
  body: JSON.stringify({
    intervals: [
      [0, 15],
      [20, 30],
    ],
    position: 30,
    event: 'tick',
  }),
});
line('video heartbeat (write)', hb);
// Teaching reports: the bench learner becomes the course's teacher; 10,000 learners are enrolled with progress.
const LEARNERS = 10_000;
const sql = new PgClient({ connectionString: bench.url });
await sql.connect();
const [{ id: benchUser }] = (await sql.query(`SELECT id FROM users WHERE display_name = 'Bench'`)).rows;
await sql.query(`INSERT INTO role_grants (user_id, role) VALUES ($1, 'teacher')`, [benchUser]);
await sql.query(`INSERT INTO course_staff (course_id, user_id, role) VALUES ('online-scams', $1, 'owner')`, [
  benchUser,
]);
const seeded = Date.now();
await sql.query(
  `WITH u AS (
     INSERT INTO users (display_name, email) SELECT 'Học viên ' || g, 'bench-learner-' || g || '@example.com' FROM generate_series(1, $1) g RETURNING id),
   e AS (INSERT INTO enrolments (user_id, course_id) SELECT id, 'online-scams' FROM u RETURNING user_id)
   INSERT INTO lesson_progress (user_id, lesson_revision_id, status, completed_at)
   SELECT e.user_id, l.lesson_revision_id, 'completed', now()
     FROM e CROSS JOIN LATERAL (
       SELECT cvl.lesson_revision_id FROM courses c JOIN course_version_lessons cvl ON cvl.course_version_id = c.current_version_id
        WHERE c.id = 'online-scams' ORDER BY cvl.position LIMIT (abs(hashtext(e.user_id::text)) % 4)) l`,
  [LEARNERS],
);
// The organisation picker: 100,000 organisations (schools, agencies, enterprises) in one commune.
const ORGANISATIONS = 100_000;
await sql.query(
  `WITH u AS (INSERT INTO administrative_units (code, level, name, path, valid_from)
              VALUES ('BENCH', 'province', 'Tỉnh Thử Tải', '/BENCH/', '2025-07-01') RETURNING id)
   INSERT INTO organisations (code, name, kind, unit_id, search_name)
   SELECT 'BENCH' || g, 'Trường Trung học cơ sở Nguyễn Văn ' || g || ' xã Hòa Bình', 'school', u.id,
          ' truong trung hoc co so nguyen van ' || g || ' xa hoa binh'
     FROM generate_series(1, $1) g, u`,
  [ORGANISATIONS],
);
await sql.query('ANALYZE');
await sql.end();
console.log(
  `seeded ${LEARNERS} learners with progress and ${ORGANISATIONS} organisations in ${Date.now() - seeded} ms`,
);
for (const [name, q] of [
  ['organisations "nguyen van 99999"', 'nguyen%20van%2099999'],
  ['organisations "truong" (all)', 'truong'],
]) {
  const r = await autocannon({
    url: `${base}/api/organisations?q=${q}`,
    connections,
    duration: seconds,
    headers: { cookie: me.cookie() },
  });
  line(name, r);
}
const report = await autocannon({
  url: `${base}/api/teaching/courses/online-scams/learners?limit=50`,
  connections,
  duration: seconds,
  headers: { cookie: me.cookie() },
});
line('teacher report (10k)', report);
const exportStarted = Date.now();
const exported = await (await me.get('/api/teaching/courses/online-scams/learners.csv')).text();
console.log(
  `${'teacher CSV export (10k)'.padEnd(24)} ${Date.now() - exportStarted} ms for ${exported.split('\n').length - 2} rows, ${Math.round(exported.length / 1024)} KB   RSS ${rssMb(api.pid)} MB`,
);

await bench.stop();
