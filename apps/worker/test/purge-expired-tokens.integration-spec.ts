import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PgNotifyJobQueue, SCHEDULES } from '@hocvuso/jobs';
import { testJobQueue } from './support/test-job-queue';
import { notifyChannel } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker.config';
import { PURGED_TOKEN_TABLES, purgeExpiredTokens } from '../src/jobs/purge-expired-tokens.job';
import { WorkerModule } from '../src/worker.module';

/** Rows by age: expired or used this long ago (negative: expires in the future). */
type Age = { expiredDaysAgo: number; usedDaysAgo?: number };

describe('purge-expired-tokens: the sign-in secrets nobody can use any more', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  async function newUser(q: Pick<DataSource, 'query'> = db): Promise<string> {
    const [u] = await q.query(`INSERT INTO users (display_name, email) VALUES ('Token', $1) RETURNING id`, [
      `token-${randomBytes(5).toString('hex')}@example.com`,
    ]);
    return u.id;
  }

  const interval = (days: number | undefined) => (days === undefined ? null : `${days} days`);

  /** One row in each of the tables for this age; returns how to find each again. */
  async function tokensAged(
    userId: string,
    age: Age,
    q: Pick<DataSource, 'query'> = db,
  ): Promise<Record<string, () => Promise<boolean>>> {
    const params = [interval(age.expiredDaysAgo), interval(age.usedDaysAgo)];
    const [reset] = await q.query(
      `INSERT INTO password_reset_tokens (user_id, token_hash, created_at, expires_at, used_at)
       VALUES ($1, $2, now() - interval '30 days', now() - $3::interval, now() - $4::interval) RETURNING id`,
      [userId, randomBytes(32), ...params],
    );
    const [code] = await q.query(
      `INSERT INTO sign_in_codes (user_id, code_hash, created_at, expires_at, used_at)
       VALUES ($1, $2, now() - interval '30 days', now() - $3::interval, now() - $4::interval) RETURNING id`,
      [userId, randomBytes(32), ...params],
    );
    const [phoneCode] = await q.query(
      `INSERT INTO phone_codes (user_id, purpose, phone, code_hash, created_at, expires_at, used_at)
       VALUES ($1, 'verify', '+84912345678', $2, now() - interval '30 days', now() - $3::interval, now() - $4::interval)
       RETURNING id`,
      [userId, randomBytes(32), ...params],
    );
    const stateHash = randomBytes(32);
    await q.query(
      `INSERT INTO oidc_login_states (state_hash, provider, nonce, code_verifier, created_at, expires_at, used_at)
       VALUES ($1, 'test', 'n', 'v', now() - interval '30 days', now() - $2::interval, now() - $3::interval)`,
      [stateHash, ...params],
    );
    const [link] = await q.query(
      `INSERT INTO oidc_pending_links (provider, subject, user_id, created_at, expires_at, used_at)
       VALUES ('test', $1, $2, now() - interval '30 days', now() - $3::interval, now() - $4::interval) RETURNING id`,
      [randomBytes(6).toString('hex'), userId, ...params],
    );
    const exists = (sql: string, p: unknown) => async () => (await q.query(sql, [p])).length > 0;
    return {
      password_reset_tokens: exists(`SELECT 1 FROM password_reset_tokens WHERE id = $1`, reset.id),
      sign_in_codes: exists(`SELECT 1 FROM sign_in_codes WHERE id = $1`, code.id),
      phone_codes: exists(`SELECT 1 FROM phone_codes WHERE id = $1`, phoneCode.id),
      oidc_login_states: exists(`SELECT 1 FROM oidc_login_states WHERE state_hash = $1`, stateHash),
      oidc_pending_links: exists(`SELECT 1 FROM oidc_pending_links WHERE id = $1`, link.id),
    };
  }

  const present = async (rows: Record<string, () => Promise<boolean>>) =>
    Object.fromEntries(await Promise.all(Object.entries(rows).map(async ([t, f]) => [t, await f()])));
  const everywhere = (value: boolean) => Object.fromEntries(PURGED_TOKEN_TABLES.map((t) => [t.table, value]));

  it('deletes rows expired or used more than the window ago, in batches, keeps fresh ones, and logs the counts', async () => {
    // In one transaction: its rows are invisible to the workers of other suites (which purge on boot), so the
    // counts below are this test's own at least.
    await db.transaction(async (tx) => {
      const user = await newUser(tx);
      const aged = (age: Age) => tokensAged(user, age, tx);
      const expiredLongAgo = await aged({ expiredDaysAgo: 8 });
      const expiredLongAgoToo = await aged({ expiredDaysAgo: 30 });
      // A 14-day roster invitation used 8 days ago: still unexpired, but spent long ago.
      const usedLongAgo = await aged({ expiredDaysAgo: -6, usedDaysAgo: 8 });
      const expiredRecently = await aged({ expiredDaysAgo: 6 });
      const usedRecently = await aged({ expiredDaysAgo: 1, usedDaysAgo: 6 });
      const live = await aged({ expiredDaysAgo: -14 });

      const logged: Array<{ obj: { deleted: Record<string, number>; total: number }; msg: string }> = [];
      const logger = {
        info: (obj: object, msg: string) => logged.push({ obj: obj as (typeof logged)[0]['obj'], msg }),
      };
      // Batches of two: three old rows per table take at least two statements each.
      expect(await purgeExpiredTokens(tx, { retentionDays: 7, batchSize: 2 }, logger)).toBe('done');

      for (const gone of [expiredLongAgo, expiredLongAgoToo, usedLongAgo])
        expect(await present(gone)).toEqual(everywhere(false));
      for (const kept of [expiredRecently, usedRecently, live])
        expect(await present(kept)).toEqual(everywhere(true));

      expect(logged).toHaveLength(1);
      expect(logged[0]!.msg).toBe('purged expired sign-in tokens');
      const { deleted, total } = logged[0]!.obj;
      expect(Object.keys(deleted).sort()).toEqual(PURGED_TOKEN_TABLES.map((t) => t.table).sort());
      for (const { table } of PURGED_TOKEN_TABLES)
        expect([table, deleted[table]! >= 3]).toEqual([table, true]);
      expect(total).toBe(Object.values(deleted).reduce((a, b) => a + b, 0));

      // A second run deletes none of the fresh rows.
      await purgeExpiredTokens(tx, { retentionDays: 7, batchSize: 2 });
      for (const kept of [expiredRecently, usedRecently, live])
        expect(await present(kept)).toEqual(everywhere(true));
    });
  });

  it('is a daily schedule of the worker', () => {
    expect(SCHEDULES).toContainEqual(
      expect.objectContaining({
        job: 'purge-expired-tokens',
        everyMs: 24 * 3600_000,
        payload: { retentionDays: 7, batchSize: 1000 },
      }),
    );
  });

  const logger = pino({ level: 'silent' });
  async function startWorker(env: Record<string, string | undefined>): Promise<INestApplicationContext> {
    const config = loadWorkerConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
    const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
      logger: false,
    });
    await app.init();
    return app;
  }
  async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('condition not met in time');
  }

  it.each([
    ['BullMQ on Redis', () => process.env.REDIS_URL],
    ['Postgres notifications, without Redis (the in-process runner)', () => undefined],
  ])('runs in the worker through %s', async (_name, redisUrl) => {
    const worker = await startWorker({ REDIS_URL: redisUrl() });
    const url = redisUrl();
    const queue = url
      ? testJobQueue(url)
      : new PgNotifyJobQueue((channel, payload) => notifyChannel(db, channel, payload));
    try {
      const user = await newUser();
      const old = await tokensAged(user, { expiredDaysAgo: 10 });
      const fresh = await tokensAged(user, { expiredDaysAgo: -1 });
      await queue.enqueue(
        'purge-expired-tokens',
        { retentionDays: 7, batchSize: 100 },
        { jobId: `purge-tokens-test-${user}` },
      );
      await waitFor(async () => Object.values(await present(old)).every((p) => p === false));
      expect(await present(fresh)).toEqual(everywhere(true));
    } finally {
      await queue.close();
      await worker.close();
    }
  });
});
