// A video heartbeat asks the database nothing on its request path in the steady state (docs/performance.md, "A
// heartbeat without a query"): the session comes from the guard's cache, the learner's revision is remembered, and
// the batch that writes the heartbeat checks both in SQL. Queries are counted (not timed) by a hook on the api's
// own connection pool. A world of its own: the revision test makes a second version of a course.
import { createPreparedDatabase, type FreshDatabase } from '@hocvuso/testing';
import { DataSource } from 'typeorm';
import { elapse, heartbeat, outline } from './support/learning-world';
import {
  browser,
  type Browser,
  expectErrorShape,
  PASSWORD,
  signedUpLearner,
  startTestApp,
  type TestApp,
} from './support/test-app';

jest.setTimeout(240_000);

const COURSE = 'online-scams';

/** The statements of one heartbeat batch, and nothing else, may run while heartbeats are answered. */
const BATCH_STATEMENTS: Array<[string, RegExp]> = [
  ['begin', /^START TRANSACTION$/],
  ['lock enrolments', /FOR UPDATE OF e$/],
  // The video rows' locks and the live sessions, in one statement.
  ['lock video rows', /FOR UPDATE OF v\)\s+SELECT[\s\S]*FROM sessions s WHERE s.id = k.id\)\) AS live$/],
  ['save runs', /^UPDATE video_progress v SET/],
  ['commit', /^COMMIT$/],
];
const statementOf = (sql: string) =>
  BATCH_STATEMENTS.find(([, re]) => re.test(sql.trim()))?.[0] ?? `OTHER: ${sql.trim().slice(0, 120)}`;

interface PgClient {
  query: (...args: unknown[]) => unknown;
  __counted?: boolean;
}

/** Records the SQL of every query the api's pool runs while `recording` is on. */
function countQueries(ds: DataSource) {
  const log: string[] = [];
  let recording = false;
  const pool = (ds.driver as unknown as { master: { connect: (...args: unknown[]) => unknown } }).master;
  const wrap = (client: PgClient | undefined) => {
    if (!client || client.__counted) return;
    client.__counted = true;
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      if (recording) {
        const first = args[0] as string | { text?: string };
        log.push(typeof first === 'string' ? first : (first?.text ?? String(first)));
      }
      return query(...args);
    };
  };
  const connect = pool.connect.bind(pool);
  pool.connect = (...args: unknown[]) => {
    const callback = args[0] as ((err: unknown, client?: PgClient, release?: unknown) => void) | undefined;
    if (typeof callback === 'function')
      return connect((err: unknown, client?: PgClient, release?: unknown) => {
        wrap(client);
        callback(err, client, release);
      });
    return (connect() as Promise<PgClient>).then((client) => {
      wrap(client);
      return client;
    });
  };
  return {
    /** Runs `fn` and answers what it did and the statements run meanwhile, by kind. */
    async during<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
      log.length = 0;
      recording = true;
      try {
        const result = await fn();
        return { result, statements: log.map(statementOf) };
      } finally {
        recording = false;
      }
    },
  };
}

/**
 * How many batches these statements are, checking they are whole batches that each wrote heartbeats, and nothing
 * else ran: no query of any request's own.
 */
function wholeBatches(statements: string[]): number {
  const batches = statements.filter((s) => s === 'begin').length;
  expect(statements.filter((s) => s.startsWith('OTHER'))).toEqual([]);
  for (const [name] of BATCH_STATEMENTS) expect(statements.filter((s) => s === name)).toHaveLength(batches);
  return batches;
}

describe('video heartbeats without a query on the request path', () => {
  let world: FreshDatabase;
  let db: DataSource;
  let t: TestApp;
  let queries: ReturnType<typeof countQueries>;
  let videoId: string;
  let duration: number;

  beforeAll(async () => {
    world = await createPreparedDatabase();
    db = world.db;
    t = await startTestApp({
      DATABASE_URL: world.url,
      HEARTBEAT_RATE_LIMIT_PER_MINUTE: '100000',
      // The longest allowed (the grace is 30 s), so a slow machine cannot turn a cache hit into a miss mid-test.
      SESSION_CACHE_SECONDS: '30',
    });
    queries = countQueries(t.app.get(DataSource));
    videoId = (await outline(t, COURSE)).find((l) => l.kind === 'video')!.id;
    const [row] = await db.query(
      `SELECT (data->'video'->>'durationSeconds')::numeric AS d FROM lesson_revisions WHERE id = $1`,
      [videoId],
    );
    duration = Number(row.d);
  });
  afterAll(async () => {
    await t?.close();
    await world?.drop();
  });

  type Learner = Awaited<ReturnType<typeof signedUpLearner>>;
  /** A learner enrolled, the video opened, `idle` seconds of clock behind its bucket. */
  async function watcher(idle = 10): Promise<Learner> {
    const l = await signedUpLearner(t.http);
    await l.post(`/api/courses/${COURSE}/enrol`).send({}).expect(201);
    await l.agent.get(`/api/lessons/${videoId}`).expect(200);
    await elapse(db, l.id, videoId, idle);
    return l;
  }
  async function watchers(n: number, idle = 10): Promise<Learner[]> {
    const out: Learner[] = [];
    for (let i = 0; i < n; i += 5)
      out.push(...(await Promise.all(Array.from({ length: Math.min(5, n - i) }, () => watcher(idle)))));
    return out;
  }
  /** The same learner signed in on a second browser (a session of another family). */
  async function secondBrowser(l: Learner): Promise<Browser> {
    const b = await browser(t.http);
    await b.post('/api/auth/sign-in').send({ identifier: l.email, password: PASSWORD }).expect(200);
    return b;
  }
  const stored = async (userId: string, lessonId = videoId) => {
    const [row] = await db.query(
      `SELECT heartbeats, (SELECT coalesce(sum(upper(r) - lower(r)), 0) FROM unnest(watched) r)::float8 AS seconds
         FROM video_progress WHERE user_id = $1 AND lesson_revision_id = $2`,
      [userId, lessonId],
    );
    return row as { heartbeats: number; seconds: number } | undefined;
  };
  /** Holds a learner's enrolment row lock in a transaction of the test, so a batch waits on it. */
  async function holdEnrolment(userId: string) {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query(`SELECT 1 FROM enrolments WHERE user_id = $1 AND course_id = $2 FOR UPDATE`, [
      userId,
      COURSE,
    ]);
    return {
      runner,
      async release() {
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }
  /** Waits until some statement of this database waits on a row lock (the batch, blocked by holdEnrolment). */
  async function batchBlocked() {
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      if (n > 0) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the heartbeat batch never waited on the held enrolment lock');
  }

  it('50 learners beating at once: the requests run no query of their own, only whole batches, and each learner is credited exactly', async () => {
    const learners = await watchers(50);
    // The first heartbeat resolves the session and the revision (and remembers them).
    for (const r of await Promise.all(learners.map((l) => heartbeat(l, videoId, [[0, 1]], 1))))
      expect(r.status).toBe(200);
    const { result: answers, statements } = await queries.during(() =>
      Promise.all(learners.map((l) => heartbeat(l, videoId, [[0, 10]], 10))),
    );
    for (const r of answers) expect(r.status).toBe(200);
    const batches = wholeBatches(statements);
    expect(batches).toBeGreaterThan(0);
    expect(batches).toBeLessThan(50); // coalesced: fewer batches than requests
    for (const [n, l] of learners.entries()) {
      expect(await stored(l.id)).toEqual({ heartbeats: 2, seconds: 10 });
      expect(answers[n]!.body.watchedSeconds).toBeCloseTo(10, 6);
    }
  });

  it('50 tabs of one learner at once: no query per request, and one bucket between them', async () => {
    const l = await watcher(3600); // an hour idle: the bucket holds its cap (22 s), no more
    await heartbeat(l, videoId, [[0, 1]], 1).expect(200);
    const forged = Math.floor(duration * 0.6); // far from completion (90 %), far above the bucket
    const started = Date.now();
    const { result: answers, statements } = await queries.during(() =>
      Promise.all(Array.from({ length: 50 }, () => heartbeat(l, videoId, [[0, forged]], forged))),
    );
    const wall = (Date.now() - started) / 1000;
    for (const r of answers) expect(r.status).toBe(200);
    expect(wholeBatches(statements)).toBeLessThan(50);
    const row = (await stored(l.id))!;
    expect(row.heartbeats).toBe(51);
    expect(row.seconds).toBeGreaterThanOrEqual(22 - 1e-6);
    expect(row.seconds).toBeLessThanOrEqual(22 + 2 * wall + 1e-6);
    expect(Math.max(...answers.map((r) => r.body.watchedSeconds as number))).toBeCloseTo(row.seconds, 6);
  });

  it('a session revoked elsewhere (another replica, SQL): the cached guard lets the heartbeat through, the batch refuses it with 401 and credits nothing', async () => {
    const l = await watcher();
    await heartbeat(l, videoId, [[0, 5]], 5).expect(200);
    await db.query(`UPDATE sessions SET revoked_at = now() WHERE user_id = $1`, [l.id]);
    const { result: res, statements } = await queries.during(async () =>
      heartbeat(l, videoId, [[0, 15]], 15),
    );
    expect(res.status).toBe(401);
    expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    // The guard asked nothing (its cache): the batch's own check refused it, and wrote no video row.
    expect(statements).toEqual(['begin', 'lock enrolments', 'lock video rows', 'commit']);
    expect(await stored(l.id)).toEqual({ heartbeats: 1, seconds: 5 });
    // And the next request that asks the database is refused by the guard itself.
    expectErrorShape((await l.agent.get('/api/auth/me')).body, 401);
  });

  it('a browser signed out on this replica: its cache entry goes at once, the guard refuses the next heartbeat', async () => {
    const l = await watcher();
    const other = await secondBrowser(l);
    await heartbeat(l, videoId, [[0, 5]], 5).expect(200);
    await other.post('/api/auth/sign-out-others').send({}).expect(200);
    const { result: res, statements } = await queries.during(async () =>
      heartbeat(l, videoId, [[0, 15]], 15),
    );
    expectErrorShape(res.body, 401, 'UNAUTHENTICATED');
    // The guard asked the database (the entry was dropped): no batch ran.
    expect(statements.some((s) => s.startsWith('OTHER: WITH s AS'))).toBe(true);
    expect(statements).not.toContain('begin');
    expect(await stored(l.id)).toEqual({ heartbeats: 1, seconds: 5 });
    // The browser that signed the other out keeps crediting the same video.
    await heartbeat(other, videoId, [[0, 15]], 15).expect(200);
    expect(await stored(l.id)).toEqual({ heartbeats: 2, seconds: 15 });
  });

  it('queued before the sign-out, written after it: nothing credited (401), while the browser still signed in is credited in the same wait', async () => {
    const l = await watcher();
    const other = await secondBrowser(l);
    await heartbeat(l, videoId, [[0, 5]], 5).expect(200);
    await heartbeat(other, videoId, [[0, 5]], 5).expect(200);
    const held = await holdEnrolment(l.id);
    let queued: Promise<{ status: number; body: { code?: string } }>;
    try {
      queued = heartbeat(l, videoId, [[0, 15]], 15).then((r) => r);
      await batchBlocked();
      // Signed out from the other browser while the heartbeat waits in its batch.
      const signOut = await other.post('/api/auth/sign-out-others').send({}).expect(200);
      expect(signOut.body).toEqual({ signedOut: 1 });
    } finally {
      await held.release();
    }
    const res = await queued!;
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('UNAUTHENTICATED');
    expect(await stored(l.id)).toEqual({ heartbeats: 2, seconds: 5 });
    const stillIn = await heartbeat(other, videoId, [[0, 12]], 12).expect(200);
    expect(stillIn.body.watchedSeconds).toBeCloseTo(12, 6);
    expect(await stored(l.id)).toEqual({ heartbeats: 3, seconds: 12 });
  });

  describe('a lesson revision that changes between queue and write', () => {
    let v2: string;
    let video2: string;
    beforeAll(async () => {
      // A second version of the course whose video is a new revision of the same lesson (as a publish makes).
      [{ id: video2 }] = await db.query(
        `INSERT INTO lesson_revisions
         SELECT (jsonb_populate_record(NULL::lesson_revisions, to_jsonb(r) ||
                 jsonb_build_object('id', gen_random_uuid(), 'content_hash', r.content_hash || '-hb2'))).*
           FROM lesson_revisions r WHERE r.id = $1 RETURNING id`,
        [videoId],
      );
      [{ id: v2 }] = await db.query(
        `INSERT INTO course_versions
         SELECT (jsonb_populate_record(NULL::course_versions, to_jsonb(v) ||
                 jsonb_build_object('id', gen_random_uuid(), 'version_no', v.version_no + 100,
                                    'content_hash', v.content_hash || '-hb2'))).*
           FROM course_versions v JOIN courses c ON c.current_version_id = v.id WHERE c.id = $1 RETURNING id`,
        [COURSE],
      );
      await db.query(
        `INSERT INTO course_version_lessons (course_version_id, position, module_key, lesson_revision_id)
         SELECT $1, l.position, l.module_key, CASE WHEN l.lesson_revision_id = $3 THEN $4 ELSE l.lesson_revision_id END
           FROM course_version_lessons l JOIN courses c ON c.current_version_id = l.course_version_id WHERE c.id = $2`,
        [v2, COURSE, videoId, video2],
      );
    });

    /** Moves the learner to v2 while their heartbeat waits on the enrolment lock, maybe carrying their watch state. */
    async function moveWhileQueued(l: Learner, carry: boolean) {
      const held = await holdEnrolment(l.id);
      try {
        const queued = heartbeat(l, videoId, [[0, 8]], 8).then((r) => r);
        await batchBlocked();
        await held.runner.query(
          `UPDATE enrolments SET course_version_id = $2 WHERE user_id = $1 AND course_id = $3`,
          [l.id, v2, COURSE],
        );
        if (carry)
          await held.runner.query(
            `INSERT INTO video_progress
             SELECT (jsonb_populate_record(NULL::video_progress, to_jsonb(v) || jsonb_build_object('lesson_revision_id', $3::uuid))).*
               FROM video_progress v WHERE v.user_id = $1 AND v.lesson_revision_id = $2`,
            [l.id, videoId, video2],
          );
        return { queued, held };
      } catch (err) {
        await held.release();
        throw err;
      }
    }

    it('credit carried (a minor change): the heartbeat is credited on the learner’s new revision, never the old one; the next one is batched with no query', async () => {
      const l = await watcher();
      await heartbeat(l, videoId, [[0, 4]], 4).expect(200);
      const { queued, held } = await moveWhileQueued(l, true);
      await held.release();
      const res = await queued;
      expect(res.status).toBe(200);
      expect(res.body.watchedSeconds).toBeCloseTo(8, 6);
      expect(await stored(l.id, videoId)).toEqual({ heartbeats: 1, seconds: 4 });
      expect(await stored(l.id, video2)).toEqual({ heartbeats: 2, seconds: 8 });
      // The address was resolved again: the next heartbeats go to v2's revision through the batch.
      await heartbeat(l, videoId, [[0, 9]], 9).expect(200);
      const { result: next, statements } = await queries.during(async () =>
        heartbeat(l, videoId, [[0, 10]], 10),
      );
      expect(next.status).toBe(200);
      expect(wholeBatches(statements)).toBe(1);
      expect(await stored(l.id, videoId)).toEqual({ heartbeats: 1, seconds: 4 });
      expect(await stored(l.id, video2)).toEqual({ heartbeats: 4, seconds: 10 });
    });

    it('the new revision not opened yet: 409 LESSON_NOT_OPENED, nothing credited on either revision', async () => {
      const l = await watcher();
      await heartbeat(l, videoId, [[0, 4]], 4).expect(200);
      const { queued, held } = await moveWhileQueued(l, false);
      await held.release();
      const res = await queued;
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('LESSON_NOT_OPENED');
      expect(await stored(l.id, videoId)).toEqual({ heartbeats: 1, seconds: 4 });
      expect(await stored(l.id, video2)).toBeUndefined();
    });
  });
});
