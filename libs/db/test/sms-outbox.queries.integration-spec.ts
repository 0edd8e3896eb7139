// sms-outbox.queries against the run's real Postgres: each function, on rows this test seeds (rolled back).
// eslint-disable-next-line @nx/enforce-module-boundaries -- test helpers only
import { openRunDatabase } from '@hocvuso/testing';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  claimOutboxSms,
  dueOutboxSms,
  eraseOutboxSmsOf,
  insertOutboxSms,
  markOutboxSmsFailed,
  markOutboxSmsSent,
  outboxSmsByKeyPrefix,
  outboxSmsOf,
} from '../src';
import { rolledBack, seedUser } from './support/people-and-places';

describe('sms-outbox.queries', () => {
  let db: DataSource;
  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('queues once per dedupe key; due, claimed, sent; a failure backs off and ends as failed after the last try', () =>
    rolledBack(db, async (db) => {
      const key = `t:${randomBytes(4).toString('hex')}:`;
      const user = await seedUser(db, { email: null });
      const id = (await insertOutboxSms(db, {
        toNumber: '+84912345678',
        text: 'Xin chào',
        dedupeKey: `${key}a`,
        userId: user,
      }))!;
      expect(
        await insertOutboxSms(db, {
          toNumber: '+84912345678',
          text: 'Lần hai',
          dedupeKey: `${key}a`,
          userId: user,
        }),
      ).toBeUndefined();
      expect(await dueOutboxSms(db, 10_000)).toContain(id);
      expect(await claimOutboxSms(db, id)).toMatchObject({
        to_number: '+84912345678',
        text: 'Xin chào',
        status: 'queued',
      });
      await markOutboxSmsSent(db, id, ['m1'], 'smpp');
      expect(await claimOutboxSms(db, id)).toBeUndefined();
      expect((await outboxSmsOf(db, user))[0]).toMatchObject({
        status: 'sent',
        attempts: 1,
        message_ids: ['m1'],
      });

      const other = (await insertOutboxSms(db, {
        toNumber: '+84912345679',
        text: 'Lỗi',
        dedupeKey: `${key}b`,
        userId: null,
      }))!;
      await markOutboxSmsFailed(db, other, 'x'.repeat(5_000), { maxAttempts: 3, retryBaseSeconds: 60 });
      const [failedOnce] = await outboxSmsByKeyPrefix(db, `${key}b`);
      expect(failedOnce).toMatchObject({ status: 'queued', attempts: 1 });
      expect(failedOnce!.error).toHaveLength(1000);
      expect(failedOnce!.next_attempt_at.getTime() - failedOnce!.created_at.getTime()).toBeGreaterThanOrEqual(
        59_000,
      );
      expect(await dueOutboxSms(db, 10_000)).not.toContain(other); // waiting for its backoff
      expect(await claimOutboxSms(db, other)).toBeUndefined();
      await markOutboxSmsFailed(db, other, 'again', { maxAttempts: 3, retryBaseSeconds: 60 });
      await markOutboxSmsFailed(db, other, 'last', { maxAttempts: 3, retryBaseSeconds: 60 });
      expect((await outboxSmsByKeyPrefix(db, `${key}b`))[0]).toMatchObject({
        status: 'failed',
        attempts: 3,
        error: 'last',
      });
      await markOutboxSmsFailed(db, other, 'after', { maxAttempts: 3, retryBaseSeconds: 60 });
      expect((await outboxSmsByKeyPrefix(db, `${key}b`))[0]).toMatchObject({ attempts: 3 }); // failed rows stay as they are

      expect(await eraseOutboxSmsOf(db, user)).toBe(1);
      expect(await outboxSmsOf(db, user)).toEqual([]);
    }));
});
