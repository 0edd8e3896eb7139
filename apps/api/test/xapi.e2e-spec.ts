import { randomUUID } from 'node:crypto';
import { appendStatements, type StatementRow } from '@hocvuso/db';
import { buildStatement } from '@hocvuso/domain';
import { openRunDatabase } from '@hocvuso/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { expectErrorShape, signedInDemo, startTestApp, type TestApp } from './support/test-app';

const HOME = 'http://localhost:3000';

/** xAPI read side (GET /api/xapi/statements): time precision, safe paging, headers, agent filter, order. */
describe('xAPI statements read', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: Awaited<ReturnType<typeof signedInDemo>>;
  beforeAll(async () => {
    t = await startTestApp();
    db = await openRunDatabase();
    admin = await signedInDemo(t.http);
  });
  afterAll(async () => {
    await t.close();
    await db.destroy();
  });

  /** A statement for an actor (pseudonym) of a given homePage, as the learning records service writes it. */
  const row = (actor: string, homePage = HOME, activity = 'course-1'): StatementRow => {
    const id = randomUUID();
    const timestamp = new Date();
    return {
      id,
      actorName: actor,
      verb: 'progressed',
      activityId: `${HOME}/activities/courses/${activity}`,
      timestamp,
      statement: buildStatement({
        id,
        homePage,
        actorPseudonym: actor,
        verb: 'progressed',
        activity: { id: `${HOME}/activities/courses/${activity}`, type: 'course', name: { vi: 'Khóa học' } },
        timestamp,
      }),
    };
  };
  const agentParam = (name: string, homePage = HOME) =>
    encodeURIComponent(JSON.stringify({ account: { homePage, name } }));
  const read = async (query: string) => {
    const res = await admin.agent.get(`/api/xapi/statements?${query}`).expect(200);
    return res;
  };
  const ids = (res: { body: { statements: Array<{ id: string }> } }) => res.body.statements.map((s) => s.id);
  /** Waits until the database clock has moved past `ms` (a statement's stored millisecond is then "consistent"). */
  const nextMillisecond = async () => {
    const [{ now }] = await db.query(`SELECT clock_timestamp() AS now`);
    for (;;) {
      const [{ later }] = await db.query(
        `SELECT date_trunc('milliseconds', clock_timestamp()) > date_trunc('milliseconds', $1::timestamptz) AS later`,
        [now],
      );
      if (later) return;
    }
  };

  it('compares since/until at the millisecond shown: a statement never comes back twice and is never lost', async () => {
    const actor = randomUUID();
    for (let i = 0; i < 3; i++) {
      await appendStatements(db, [row(actor)]);
      await nextMillisecond();
    }
    const all = await read(`agent=${agentParam(actor)}&ascending=true`);
    expect(all.body.statements).toHaveLength(3);
    const [first, second, third] = all.body.statements as Array<{ id: string; stored: string }>;
    // stored is shown to the millisecond; since is exclusive, until inclusive, exactly at that precision.
    expect(first!.stored).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [raw] = await db.query(`SELECT stored FROM xapi_statements WHERE id = $1`, [first!.id]);
    expect(new Date(raw.stored).toISOString()).toBe(first!.stored);
    const since = await read(
      `agent=${agentParam(actor)}&ascending=true&since=${encodeURIComponent(first!.stored)}`,
    );
    expect(ids(since)).toEqual([second!.id, third!.id]);
    const until = await read(
      `agent=${agentParam(actor)}&ascending=true&until=${encodeURIComponent(second!.stored)}`,
    );
    expect(ids(until)).toEqual([first!.id, second!.id]);
    // Hand-over by the last stored seen: the next read continues exactly after it.
    const window = await read(
      `agent=${agentParam(actor)}&since=${encodeURIComponent(first!.stored)}&until=${encodeURIComponent(second!.stored)}`,
    );
    expect(ids(window)).toEqual([second!.id]);
  });

  it('keeps statements that were stored with microseconds (before the fix) at the millisecond shown', async () => {
    const actor = randomUUID();
    const r = row(actor);
    // A statement as stored before: the transaction clock with microseconds.
    await db.query(
      `INSERT INTO xapi_statements (id, actor_name, verb, activity_id, timestamp, statement, stored)
       VALUES ($1, $2, $3, $4, $5, $6, '2026-11-01T08:00:00.123456Z')`,
      [r.id, r.actorName, r.verb, r.activityId, r.timestamp.toISOString(), JSON.stringify(r.statement)],
    );
    const shown = await read(`agent=${agentParam(actor)}`);
    expect(shown.body.statements[0].stored).toBe('2026-11-01T08:00:00.123Z');
    expect(
      ids(await read(`agent=${agentParam(actor)}&since=${encodeURIComponent('2026-11-01T08:00:00.123Z')}`)),
    ).toEqual([]);
    expect(
      ids(await read(`agent=${agentParam(actor)}&until=${encodeURIComponent('2026-11-01T08:00:00.123Z')}`)),
    ).toEqual([r.id]);
  });

  it('pages safely under concurrent writes: a statement that commits late is not skipped by the cursor', async () => {
    const actor = randomUUID();
    const a = row(actor);
    const b = row(actor);
    await appendStatements(db, [a]);
    await nextMillisecond();
    await appendStatements(db, [b]);
    await nextMillisecond();
    // A writer opens its transaction and appends, but commits late.
    const late = db.createQueryRunner();
    await late.connect();
    await late.startTransaction();
    const lateRow = row(actor);
    await appendStatements(late.manager, [lateRow]);
    const [{ xact_start: lateStart }] = await late.query(`SELECT now() AS xact_start`);
    await nextMillisecond();
    // Meanwhile another statement commits at once.
    const quick = row(actor);
    await appendStatements(db, [quick]);
    await nextMillisecond();

    const page1 = await read(`agent=${agentParam(actor)}&ascending=true&limit=1`);
    const through = new Date(page1.headers['x-experience-api-consistent-through']!);
    // The horizon stops at the open writer's start: nothing it may still commit is behind it.
    expect(through.getTime()).toBeLessThanOrEqual(new Date(lateStart).getTime());
    expect(ids(page1)).toEqual([a.id]);
    expect(page1.body.more).toMatch(/cursor=/);
    // The statement that committed at once is held back while the older writer is open.
    const beforeCommit = await read(`agent=${agentParam(actor)}&ascending=true`);
    expect(ids(beforeCommit)).toEqual([a.id, b.id]);

    await late.commitTransaction();
    await late.release();
    await nextMillisecond();
    // Continue from page 1's cursor: every later statement comes, the late one included, in stored order.
    const rest: string[] = [];
    let more: string = page1.body.more;
    while (more) {
      const res = await admin.agent.get(more).expect(200);
      rest.push(...ids(res));
      more = res.body.more;
    }
    expect(rest).toEqual([b.id, lateRow.id, quick.id]);
    expect(
      new Date(
        (await read(`agent=${agentParam(actor)}`)).headers['x-experience-api-consistent-through']!,
      ).getTime(),
    ).toBeGreaterThan(through.getTime());
  });

  it('names the xAPI version on every answer, errors included', async () => {
    const anonymous = await request(t.http).get('/api/xapi/statements').expect(401);
    expect(anonymous.headers['x-experience-api-version']).toBe('1.0.3');
    expectErrorShape(anonymous.body, 401);
    const learner = await signedInDemo(t.http, 'learner');
    const forbidden = await learner.agent.get('/api/xapi/statements').expect(403);
    expect(forbidden.headers['x-experience-api-version']).toBe('1.0.3');
    const bad = await admin.agent.get('/api/xapi/statements?agent=not-json').expect(400);
    expect(bad.headers['x-experience-api-version']).toBe('1.0.3');
    const unknownParam = await admin.agent.get('/api/xapi/statements?ascending=sideways').expect(400);
    expect(unknownParam.headers['x-experience-api-version']).toBe('1.0.3');
    const ok = await admin.agent.get('/api/xapi/statements?limit=1').expect(200);
    expect(ok.headers['x-experience-api-version']).toBe('1.0.3');
    expect(ok.headers['x-experience-api-consistent-through']).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
    );
  });

  it('filters an agent on its account homePage and name, both', async () => {
    const actor = randomUUID();
    const ours = row(actor, HOME);
    const theirs = row(actor, 'https://other-lrs.example');
    await appendStatements(db, [ours, theirs]);
    await nextMillisecond();
    expect(ids(await read(`agent=${agentParam(actor, HOME)}`))).toEqual([ours.id]);
    expect(ids(await read(`agent=${agentParam(actor, 'https://other-lrs.example')}`))).toEqual([theirs.id]);
    expect(ids(await read(`agent=${agentParam(actor, 'https://nobody.example')}`))).toEqual([]);
    expect(ids(await read(`agent=${agentParam(randomUUID(), HOME)}`))).toEqual([]);
  });

  it('returns the newest first by default, oldest first with ascending=true, and pages both ways', async () => {
    const actor = randomUUID();
    const written: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = row(actor);
      await appendStatements(db, [r]);
      written.push(r.id);
      await nextMillisecond();
    }
    expect(ids(await read(`agent=${agentParam(actor)}`))).toEqual([...written].reverse());
    expect(ids(await read(`agent=${agentParam(actor)}&ascending=false`))).toEqual([...written].reverse());
    expect(ids(await read(`agent=${agentParam(actor)}&ascending=true`))).toEqual(written);
    for (const ascending of [true, false]) {
      const seen: string[] = [];
      let next = `/api/xapi/statements?agent=${agentParam(actor)}&limit=3${ascending ? '&ascending=true' : ''}`;
      while (next) {
        const res = await admin.agent.get(next).expect(200);
        seen.push(...ids(res));
        next = res.body.more;
      }
      expect(seen).toEqual(ascending ? written : [...written].reverse());
    }
  });
});
