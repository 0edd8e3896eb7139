// The batched heartbeat writer (apps/api/src/modules/learning/heartbeat-batcher.ts) with real processes: two api
// replicas crediting the same learners at once, and SIGTERM in the middle of a stream of heartbeats. Needs the
// built api: `node tools/build.mjs --only=api,cli`.
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { type ApiClient, apiClient, type ApiProcess, startApiProcess } from './support/api-process';

jest.setTimeout(180_000);

const COURSE = 'online-scams';
const ENV = {
  HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000',
  METRICS_TOKEN: 'heartbeat-batching-metrics-token',
  SHUTDOWN_TIMEOUT_MS: '20000',
};

describe('batched video heartbeats, with real api processes', () => {
  let db: DataSource;
  let videoId: string;
  let duration: number;
  beforeAll(async () => {
    db = await openRunDatabase();
    const [row] = await db.query(
      `SELECT lr.id, (lr.data->'video'->>'durationSeconds')::numeric AS d
         FROM courses c JOIN course_version_lessons cvl ON cvl.course_version_id = c.current_version_id
         JOIN lesson_revisions lr ON lr.id = cvl.lesson_revision_id
        WHERE c.id = $1 AND lr.kind = 'video' ORDER BY cvl.position LIMIT 1`,
      [COURSE],
    );
    videoId = row.id;
    duration = Number(row.d);
  });
  afterAll(async () => {
    await db.destroy();
  });

  /** A new learner, signed up on `api`, enrolled, with the video opened and `idle` seconds of clock behind it. */
  async function watcher(api: ApiProcess, n: number, idle: number) {
    const c = await apiClient(api.base);
    const email = `hb-${n}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
    const up = await c.post('/api/auth/sign-up', {
      displayName: `Người xem ${n}`,
      identifier: email,
      password: 'mat-khau-an-toan-2026',
    });
    expect(up.status).toBe(201);
    const { id } = (await up.json()) as { id: string };
    expect((await c.post(`/api/courses/${COURSE}/enrol`, {})).status).toBe(201);
    expect((await c.get(`/api/lessons/${videoId}`)).status).toBe(200);
    await db.query(
      `UPDATE video_progress SET last_heartbeat_at = last_heartbeat_at - make_interval(secs => $3)
        WHERE user_id = $1 AND lesson_revision_id = $2`,
      [id, videoId, idle],
    );
    return { id, c };
  }
  /** `n` watchers, signed up a few at a time (argon2 makes a sign-up cost a core for a moment). */
  async function watchers(n: number, api: (i: number) => ApiProcess, idle: number) {
    const out: Array<Awaited<ReturnType<typeof watcher>>> = [];
    for (let i = 0; i < n; i += 4)
      out.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(4, n - i) }, (_, j) => watcher(api(i + j), i + j, idle)),
        )),
      );
    return out;
  }
  const beat = (c: ApiClient, intervals: Array<[number, number]>, position: number) =>
    c.post(`/api/lessons/${videoId}/heartbeats`, { intervals, position, event: 'tick' });
  const stored = async (userId: string) => {
    const [row] = await db.query(
      `SELECT heartbeats, capped_heartbeats,
              (SELECT coalesce(sum(upper(r) - lower(r)), 0) FROM unnest(watched) r)::float8 AS seconds
         FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [userId, videoId],
    );
    return row as { heartbeats: number; capped_heartbeats: number; seconds: number };
  };
  const coalesced = async (api: ApiProcess) => {
    const text = await (
      await fetch(`${api.base}/api/metrics`, { headers: { authorization: `Bearer ${ENV.METRICS_TOKEN}` } })
    ).text();
    const m = /^hvs_heartbeats_coalesced_total(?:\{[^}]*\})?\s+(\d+)/m.exec(text);
    if (!m) throw new Error(`no coalesced counter in the metrics:\n${text.slice(0, 2000)}`);
    return Number(m[1]);
  };

  describe('two replicas on one database', () => {
    let a: ApiProcess;
    let b: ApiProcess;
    beforeAll(async () => {
      [a, b] = await Promise.all([startApiProcess(ENV), startApiProcess(ENV)]);
    });
    afterAll(async () => {
      for (const p of [a, b]) if (p?.child.exitCode === null) p.child.kill('SIGTERM');
      await Promise.all([a?.exited, b?.exited]);
    });

    it('60 forged whole-video claims of one learner split over both replicas credit one bucket, not one per replica or per request', async () => {
      const { id, c } = await watcher(a, 0, 3600); // an hour idle: the bucket holds its cap (22 s), no more
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) => beat(i % 2 ? c.on(b.base) : c, [[0, duration]], duration)),
      );
      const wall = (Date.now() - started) / 1000;
      expect(answers.map((r) => r.status)).toEqual(answers.map(() => 200));
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{
        watchedSeconds: number;
        completed: boolean;
      }>;
      const row = await stored(id);
      expect(row.heartbeats).toBe(60); // every answered heartbeat is in the database, once
      // The cap plus what the real time of the test refilled (2 s per second), never 60 × or 2 × the cap.
      expect(row.seconds).toBeGreaterThanOrEqual(22 - 1e-6);
      expect(row.seconds).toBeLessThanOrEqual(22 + 2 * wall + 1e-6);
      expect(Math.max(...bodies.map((x) => x.watchedSeconds))).toBeCloseTo(row.seconds, 6);
      expect(bodies.every((x) => !x.completed)).toBe(true);
    });

    it('30 learners beating on both replicas at once are each credited exactly, and the writes are coalesced', async () => {
      const before = (await coalesced(a)) + (await coalesced(b));
      const learners = await watchers(30, (n) => (n % 2 ? b : a), 10);
      // Each: grace 2 s + 10 s idle × 2 = 22 s of credit; claims 0–10 then 0–20 on alternate replicas.
      const first = await Promise.all(
        learners.map((l, n) => beat(n % 2 ? l.c : l.c.on(b.base), [[0, 10]], 10)),
      );
      const second = await Promise.all(
        learners.map((l, n) => beat(n % 2 ? l.c.on(a.base) : l.c, [[0, 20]], 20)),
      );
      for (const r of [...first, ...second]) expect(r.status).toBe(200);
      const answers = (await Promise.all(second.map((r) => r.json()))) as Array<{ watchedSeconds: number }>;
      for (const [n, l] of learners.entries()) {
        const row = await stored(l.id);
        expect(row).toMatchObject({ heartbeats: 2, capped_heartbeats: 0 });
        expect(row.seconds).toBeCloseTo(20, 6);
        expect(answers[n]!.watchedSeconds).toBeCloseTo(20, 6);
      }
      expect((await coalesced(a)) + (await coalesced(b))).toBeGreaterThan(before);
    });

    it('a learner who never opened the video, or is not enrolled, still gets the single path’s refusal', async () => {
      const c = await apiClient(a.base);
      const email = `hb-none-${Date.now()}@example.com`;
      await c.post('/api/auth/sign-up', {
        displayName: 'Chưa ghi danh',
        identifier: email,
        password: 'mat-khau-an-toan-2026',
      });
      const notEnrolled = await beat(c, [[0, 5]], 5);
      expect(notEnrolled.status).toBe(403);
      expect(((await notEnrolled.json()) as { code: string }).code).toBe('NOT_ENROLLED');
      await c.post(`/api/courses/${COURSE}/enrol`, {});
      const notOpened = await beat(c.on(b.base), [[0, 5]], 5);
      expect(notOpened.status).toBe(409);
      expect(((await notOpened.json()) as { code: string }).code).toBe('LESSON_NOT_OPENED');
    });
  });

  it('a fill window: 40 learners’ heartbeats sent at once share at most four batches, a lone one goes at once, each credited exactly', async () => {
    // A wide window (1 s), so the count of batches does not depend on how fast this machine parses requests: a
    // batch starts when 48 wait, or when the window since the last start (or the oldest waiting one) has passed.
    const api = await startApiProcess({
      ...ENV,
      HEARTBEAT_BATCH_FILL_MS: '1000',
      HEARTBEAT_BATCHES_IN_FLIGHT: '4',
    });
    try {
      const [lone, ...learners] = await watchers(41, () => api, 10);
      // Nothing in flight: the lone heartbeat is its own batch, credited (grace 2 s + 10 s idle covers 0–10).
      const alone = await beat(lone!.c, [[0, 10]], 10);
      expect(alone.status).toBe(200);
      expect(await stored(lone!.id)).toMatchObject({ heartbeats: 1 });
      const before = await coalesced(api);
      const answers = await Promise.all(learners.map((l) => beat(l.c, [[0, 10]], 10)));
      for (const r of answers) expect(r.status).toBe(200);
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as Array<{ watchedSeconds: number }>;
      for (const [n, l] of learners.entries()) {
        expect(await stored(l.id)).toMatchObject({ heartbeats: 1, capped_heartbeats: 0 });
        expect(bodies[n]!.watchedSeconds).toBeCloseTo(10, 6);
      }
      // 40 heartbeats in b batches count 40 − b coalesced: at most four batches.
      expect((await coalesced(api)) - before).toBeGreaterThanOrEqual(36);
    } finally {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });

  it('kill -9 in the middle of 12 learners’ streams, with heartbeats waiting in a wide window: every answered one is stored, and a restart on the same data goes on', async () => {
    // A 200 ms window keeps heartbeats queued in memory at the kill: never answered, so losing them is allowed.
    const api = await startApiProcess({ ...ENV, HEARTBEAT_BATCH_FILL_MS: '200' });
    const learners = await watchers(12, () => api, 3600);
    const counts = learners.map(() => ({ sent: 0, answered: 0, last: 0 }));
    let stop = false;
    const streams = learners.map(async (l, n) => {
      for (let k = 1; !stop; k++) {
        const end = Math.min(k * 0.5, duration * 0.5); // far from completion: plain crediting only
        counts[n]!.sent++;
        const res = await beat(l.c, [[0, end]], end).catch(() => undefined);
        if (!res || res.status !== 200) break; // the process is gone
        counts[n]!.answered++;
        counts[n]!.last = ((await res.json()) as { watchedSeconds: number }).watchedSeconds;
      }
    });
    await new Promise((r) => setTimeout(r, 1500));
    api.child.kill('SIGKILL');
    expect((await api.exited).signal).toBe('SIGKILL');
    stop = true;
    await Promise.all(streams);
    expect(counts.reduce((s, x) => s + x.answered, 0)).toBeGreaterThan(12);
    for (const [n, l] of learners.entries()) {
      const row = await stored(l.id);
      expect(row.heartbeats).toBeGreaterThanOrEqual(counts[n]!.answered);
      expect(row.heartbeats).toBeLessThanOrEqual(counts[n]!.sent);
      expect(row.seconds).toBeGreaterThanOrEqual(counts[n]!.last - 1e-6);
    }
    const again = await startApiProcess(ENV);
    try {
      const l = learners[0]!;
      const before = await stored(l.id);
      const end = Math.min((counts[0]!.sent + 1) * 0.5, duration * 0.5);
      const res = await beat(l.c.on(again.base), [[0, end]], end);
      expect(res.status).toBe(200);
      expect((await stored(l.id)).heartbeats).toBe(before.heartbeats + 1);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  });

  it('SIGTERM in the middle of 12 learners’ heartbeat streams: every answered heartbeat is in the database, none lost', async () => {
    const api = await startApiProcess(ENV);
    try {
      const learners = await watchers(12, () => api, 3600);
      const answered = learners.map(() => ({ count: 0, last: 0 }));
      let stop = false;
      const streams = learners.map(async (l, n) => {
        for (let k = 1; !stop; k++) {
          const end = Math.min(k * 0.5, duration * 0.5); // far from completion: plain crediting only
          const res = await beat(l.c, [[0, end]], end).catch(() => undefined);
          if (!res || res.status !== 200) break; // refused or closed once draining
          answered[n]!.count++;
          answered[n]!.last = ((await res.json()) as { watchedSeconds: number }).watchedSeconds;
        }
      });
      await new Promise((r) => setTimeout(r, 1500));
      api.child.kill('SIGTERM');
      setTimeout(() => (stop = true), 3000).unref();
      expect(await api.exited).toEqual({ code: 0, signal: null });
      stop = true;
      await Promise.all(streams);
      expect(answered.reduce((s, x) => s + x.count, 0)).toBeGreaterThan(12);
      for (const [n, l] of learners.entries()) {
        const row = await stored(l.id);
        expect(row.heartbeats).toBe(answered[n]!.count);
        expect(row.seconds).toBeCloseTo(answered[n]!.last, 6);
      }
      expect(api.logs()).toContain('every request answered');
    } finally {
      if (api.child.exitCode === null) api.child.kill('SIGKILL');
    }
  });
});
