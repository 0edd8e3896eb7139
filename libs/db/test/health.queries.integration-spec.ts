// What readiness asks Postgres, against the run's real Postgres and against one that does not answer.
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { databaseAnswers } from '../src';

describe('health queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('answers true while Postgres answers, and false (not a throw) when it does not', async () => {
    expect(await databaseAnswers(db)).toBe(true);
    const closed = new Client({ connectionString: process.env.DATABASE_URL });
    await closed.connect();
    await closed.end();
    expect(await databaseAnswers(closed)).toBe(false);
  });
});
