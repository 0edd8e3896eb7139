// Every function of xapi.queries.ts against the run's real Postgres.
import { randomUUID } from 'node:crypto';
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { appendStatements, queryStatements, type StatementRow, xapiConsistentThrough } from '../src';

const GLOBAL = { global: true, unitPaths: [], organisationIds: [] };

function statement(actor: string, verb = 'progressed'): StatementRow {
  const id = randomUUID();
  return {
    id,
    actorName: actor,
    verb,
    activityId: `https://hocvuso.test/activities/courses/${actor}`,
    timestamp: new Date('2026-01-02T03:04:05.678Z'),
    statement: {
      id,
      actor: { account: { homePage: 'https://hocvuso.test', name: actor } },
      verb: { id: verb },
    },
  };
}

describe('xapi.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('appends statements once each and reads them back in both orders, filtered and paged', async () => {
    const actor = randomUUID();
    const first = statement(actor);
    const second = statement(actor, 'completed');
    await appendStatements(db, []);
    await appendStatements(db, [first]);
    await appendStatements(db, [second, { ...first, verb: 'ignored' }]); // a repeated id is ignored
    // The horizon is the database clock (nothing holds the append lock now), to the millisecond.
    await new Promise((r) => setTimeout(r, 5));
    const through = await xapiConsistentThrough(db);
    expect(through).toBeInstanceOf(Date);
    expect(through.getTime()).toBeLessThanOrEqual(Date.now() + 1000);

    const query = { scope: GLOBAL, actorName: actor, consistentThrough: through, ascending: true, limit: 10 };
    const rows = await queryStatements(db, query);
    expect(rows.map((r) => r.statement.id)).toEqual([first.id, second.id]);
    expect(rows[0]).toEqual({
      stored_seq: expect.any(String),
      stored: expect.any(Date),
      statement: first.statement,
    });
    expect(rows[0]!.stored.getTime()).toBeLessThan(through.getTime());

    const newest = await queryStatements(db, { ...query, ascending: false });
    expect(newest.map((r) => r.statement.id)).toEqual([second.id, first.id]);
    expect((await queryStatements(db, { ...query, verb: 'completed' })).map((r) => r.statement.id)).toEqual([
      second.id,
    ]);
    expect(await queryStatements(db, { ...query, actorHomePage: 'https://elsewhere.test' })).toEqual([]);
    // One more than the limit tells there is a next page; the cursor continues after a statement.
    expect(await queryStatements(db, { ...query, limit: 1 })).toHaveLength(2);
    const next = await queryStatements(db, { ...query, afterSeq: rows[0]!.stored_seq });
    expect(next.map((r) => r.statement.id)).toEqual([second.id]);
    // A scope that reaches nobody (no learner profile holds this actor) shows nothing.
    expect(
      await queryStatements(db, {
        ...query,
        scope: { global: false, unitPaths: ['nowhere'], organisationIds: [] },
      }),
    ).toEqual([]);
    // Nothing stored at or after the horizon is shown.
    expect(await queryStatements(db, { ...query, consistentThrough: new Date(0) })).toEqual([]);
  });
});
