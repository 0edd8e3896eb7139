import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PgNotifyJobQueue } from '@hocvuso/jobs';
import { testJobQueue } from './support/test-job-queue';
import { notifyChannel } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker.config';
import { purgeExpiredSessions } from '../src/jobs/purge-expired-sessions.job';
import { WorkerModule } from '../src/worker.module';

const logger = pino({ level: 'silent' });

async function startWorker(env: Record<string, string | undefined>): Promise<INestApplicationContext> {
  const config = loadWorkerConfig({ ...process.env, LOG_LEVEL: 'silent', ...env });
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), {
    logger: false,
  });
  await app.init();
  return app;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met in time');
}

describe('the worker runs jobs enqueued by the api', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(() => db.destroy());

  /** An expired session of a throwaway user, old enough for the purge. */
  async function oldSession(): Promise<string> {
    const [user] = await db.query(`INSERT INTO users (display_name, email) VALUES ('Cũ', $1) RETURNING id`, [
      `old-${randomBytes(4).toString('hex')}@example.com`,
    ]);
    const [s] = await db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() - interval '90 days') RETURNING id`,
      [user.id, randomBytes(32)],
    );
    return s.id;
  }
  const gone = (id: string) => async () =>
    (await db.query(`SELECT 1 FROM sessions WHERE id = $1`, [id])).length === 0;

  it('through BullMQ on Redis', async () => {
    const worker = await startWorker({ REDIS_URL: process.env.REDIS_URL });
    const queue = testJobQueue(process.env.REDIS_URL!);
    try {
      const id = await oldSession();
      await queue.enqueue('purge-expired-sessions', { retentionDays: 30 }, { jobId: `purge-test-${id}` });
      await waitFor(gone(id));
      expect(await queue.ping()).toBe(true);
    } finally {
      await queue.close();
      await worker.close();
    }
  });

  it('through Postgres notifications when there is no Redis', async () => {
    const worker = await startWorker({ REDIS_URL: undefined });
    const queue = new PgNotifyJobQueue((channel, payload) => notifyChannel(db, channel, payload));
    try {
      const id = await oldSession();
      await queue.enqueue('purge-expired-sessions', { retentionDays: 30 }, { jobId: `purge-test-${id}` });
      await waitFor(gone(id));
    } finally {
      await worker.close();
    }
  });

  it('keeps live sessions: the purge only removes long-expired or long-revoked ones', async () => {
    const [user] = await db.query(`INSERT INTO users (display_name, email) VALUES ('Mới', $1) RETURNING id`, [
      `new-${randomBytes(4).toString('hex')}@example.com`,
    ]);
    const [live] = await db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 day') RETURNING id`,
      [user.id, randomBytes(32)],
    );
    await purgeExpiredSessions(db, { retentionDays: 30 });
    expect(await gone(live.id)()).toBe(false);
  });
});
