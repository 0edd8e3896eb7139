import { randomBytes, randomInt } from 'node:crypto';
import { insertOutboxSms, outboxSmsByKeyPrefix } from '@hocvuso/db';
import { openRunDatabase } from '@hocvuso/testing';
import type { DataSource } from 'typeorm';
import { loadWorkerConfig } from '../src/config/worker.config';
import { jobHandlers } from '../src/jobs/handlers';
import { createSmppSender } from '../src/sms/smpp-sender';
import type { SmsGateway } from '../src/sms/sms-gateway';
import { deliverOutboxSms } from '../src/sms/sms-outbox';
import { startSmsc } from './support/smsc';

const phone = () => `+849${String(randomInt(10_000_000, 99_999_999))}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SMS over SMPP: sms_outbox sent by the worker to a real SMPP server', () => {
  let db: DataSource;
  const senders: SmsGateway[] = [];
  const prefix = `test-sms:${randomBytes(4).toString('hex')}:`;
  const sender = (url: string | undefined, password = 's3cret') => {
    const s = createSmppSender({
      url,
      systemId: 'hvs-test',
      password,
      sourceAddr: 'HocVuSo',
      timeoutMs: 3_000,
    });
    senders.push(s);
    return s;
  };
  const queue = async (key: string, to: string, text: string) =>
    (await insertOutboxSms(db, { toNumber: to, text, dedupeKey: `${prefix}${key}`, userId: null }))!;
  const rowOf = async (key: string) =>
    (await outboxSmsByKeyPrefix(db, `${prefix}${key}`)).find((r) => r.dedupe_key === `${prefix}${key}`)!;

  beforeAll(async () => {
    db = await openRunDatabase();
  });
  afterAll(async () => {
    for (const s of senders) await s.close();
    await db.destroy();
  });

  it('binds as a transceiver with the configured credentials and sends Vietnamese in UCS-2 to the international number; long texts as concatenated parts', async () => {
    const smsc = await startSmsc();
    try {
      const shortTo = phone();
      const longTo = phone();
      const short = 'Học vụ số: hạn học “An toàn số” là 15/12/2026.';
      const long = `Học vụ số: Bạn có khóa học bắt buộc mới. “Kỹ năng số cơ bản cho cán bộ, công chức cấp xã”: hoàn thành trước hết ngày 31/12/2026. https://hocvuso.example.vn/me/learning`;
      await queue('short', shortTo, short);
      await queue('long', longTo, long);
      const s = sender(smsc.url);
      await deliverOutboxSms(db, s, { retryBaseSeconds: 60 });

      expect(smsc.binds).toEqual([{ systemId: 'hvs-test', ok: true }]);
      const toShort = smsc.submitted.filter((m) => m.to === shortTo.slice(1));
      expect(toShort).toEqual([{ to: shortTo.slice(1), ton: 1, dataCoding: 8, udh: null, text: short }]);
      const parts = smsc.submitted.filter((m) => m.to === longTo.slice(1));
      expect(long.length).toBeGreaterThan(134);
      expect(parts).toHaveLength(3);
      const ref = parts[0]!.udh![2];
      parts.forEach((p, i) => {
        expect(p.dataCoding).toBe(8);
        expect(p.udh).toEqual([0x00, 0x03, ref, 3, i + 1]);
        expect(p.text.length).toBeLessThanOrEqual(67);
      });
      expect(parts.map((p) => p.text).join('')).toBe(long);

      expect(await rowOf('short')).toMatchObject({ status: 'sent', attempts: 1, error: null });
      expect((await rowOf('long')).message_ids).toHaveLength(3);
      // A second run finds nothing to send: sent rows are never sent again.
      const mine = () => smsc.submitted.filter((m) => [shortTo, longTo].some((t) => t.slice(1) === m.to));
      expect(mine()).toHaveLength(4);
      expect(await deliverOutboxSms(db, s, { retryBaseSeconds: 60 })).toMatchObject({ failed: 0 });
      expect(mine()).toHaveLength(4);
    } finally {
      await smsc.close();
    }
  });

  it('a wrong password is refused at bind: the SMS stays queued with the error, nothing is submitted', async () => {
    const smsc = await startSmsc();
    try {
      const to = phone();
      await queue('refused', to, 'Thử sai mật khẩu');
      await deliverOutboxSms(db, sender(smsc.url, 'wrong'), { retryBaseSeconds: 60 });
      expect(smsc.binds.some((b) => !b.ok)).toBe(true);
      expect(smsc.submitted.filter((m) => m.to === to.slice(1))).toEqual([]);
      expect(await rowOf('refused')).toMatchObject({ status: 'queued', attempts: 1, sent_at: null });
      expect((await rowOf('refused')).error).toMatch(/bind refused/);
    } finally {
      await smsc.close();
    }
  });

  it('SMSC down: the SMS waits with a backoff (not lost), is sent once when the server is back, and never twice', async () => {
    const probe = await startSmsc();
    const port = probe.port;
    await probe.close(); // nothing listens on this port now
    const to = phone();
    await queue('down', to, 'Máy chủ SMS tạm ngừng');
    const s = sender(`smpp://127.0.0.1:${port}`);
    expect(await deliverOutboxSms(db, s, { retryBaseSeconds: 1 })).toMatchObject({ sent: 0, failed: 1 });
    const failedOnce = await rowOf('down');
    expect(failedOnce).toMatchObject({ status: 'queued', attempts: 1, sent_at: null });
    expect(failedOnce.error).toBeTruthy();
    expect(failedOnce.next_attempt_at.getTime()).toBeGreaterThan(failedOnce.created_at.getTime());

    const smsc = await startSmsc(port);
    try {
      // Not due yet: the backoff holds it even though the server is back.
      await deliverOutboxSms(db, s, { retryBaseSeconds: 1 });
      expect(smsc.submitted.filter((m) => m.to === to.slice(1))).toEqual([]);
      await sleep(1_200);
      await deliverOutboxSms(db, s, { retryBaseSeconds: 1 });
      await deliverOutboxSms(db, s, { retryBaseSeconds: 1 });
      expect(smsc.submitted.filter((m) => m.to === to.slice(1))).toHaveLength(1);
      expect(await rowOf('down')).toMatchObject({ status: 'sent', attempts: 2, error: null });
    } finally {
      await smsc.close();
    }
  });

  it('two workers sending at once send each SMS once (row locks); the job handler runs the same path', async () => {
    const smsc = await startSmsc();
    try {
      const numbers = Array.from({ length: 12 }, phone);
      for (const [i, n] of numbers.entries()) await queue(`race-${i}`, n, `Tin ${i}`);
      // A replayed fan-out writes nothing twice.
      expect(
        await insertOutboxSms(db, {
          toNumber: numbers[0]!,
          text: 'x',
          dedupeKey: `${prefix}race-0`,
          userId: null,
        }),
      ).toBeUndefined();
      const a = sender(smsc.url);
      const b = sender(smsc.url);
      const config = loadWorkerConfig({
        ...process.env,
        SMPP_URL: smsc.url,
        SMPP_SYSTEM_ID: 'hvs-test',
        SMPP_PASSWORD: 's3cret',
      });
      expect(config.sms).toMatchObject({ url: smsc.url, systemId: 'hvs-test', sourceAddr: 'HocVuSo' });
      const handlers = jobHandlers({
        db,
        queue: { enqueue: () => Promise.resolve() },
        issuance: undefined as never,
        reminders: undefined as never,
        sms: { db, sender: b, settings: { retryBaseSeconds: 60 } },
      });
      await Promise.all([
        deliverOutboxSms(db, a, { retryBaseSeconds: 60 }),
        handlers['send-pending-sms']({}),
      ]);
      const mine = smsc.submitted.filter((m) => numbers.some((n) => n.slice(1) === m.to));
      expect(mine).toHaveLength(numbers.length);
      expect(new Set(mine.map((m) => m.to)).size).toBe(numbers.length);
    } finally {
      await smsc.close();
    }
  });

  it('without SMPP_URL nothing is sent and the SMS stays queued', async () => {
    await queue('unconfigured', phone(), 'Chưa cấu hình');
    const none = sender(undefined);
    expect(none.configured).toBe(false);
    expect(await deliverOutboxSms(db, none, { retryBaseSeconds: 60 })).toEqual({ sent: 0, failed: 0 });
    expect(await rowOf('unconfigured')).toMatchObject({ status: 'queued', attempts: 0 });
    expect(() => loadWorkerConfig({ ...process.env, SMPP_URL: 'http://x' })).toThrow(/SMPP_URL/);
  });
});
