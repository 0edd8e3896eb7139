import { randomInt } from 'node:crypto';
import { openRunDatabase } from '@hocvuso/testing';
import { apiClient, type ApiProcess, startApiProcess } from '../../api/test/support/api-process';
import type { DataSource } from 'typeorm';
import { createSmsGateway, type SmsGateway } from '../src/sms/sms-gateway';
import { deliverOutboxSms } from '../src/sms/sms-outbox';
import { type Smsc, SMSC_PASSWORD, SMSC_SYSTEM_ID, startSmsc } from './support/smsc';

/**
 * The whole phone-first path through a real SMPP server (docs/sms.md): the built api (dist/apps/api, a real
 * process on the run's database) signs a person up with a phone number and writes the code's SMS to the outbox;
 * the worker's SMPP gateway sends it to the `smpp` package's own server; the code is read from the submit_sm
 * the server received, decoded from UCS-2, and confirms the number through the api. Then the same for a
 * password reset. Needs `node tools/build.mjs` first.
 */

const PASSWORD = 'mat-khau-an-toan-2026';
jest.setTimeout(60_000);

describe('codes by SMS through a real SMPP server: sign-up confirmation and password reset', () => {
  let db: DataSource;
  let api: ApiProcess;
  let smsc: Smsc;
  let gateway: SmsGateway;

  beforeAll(async () => {
    db = await openRunDatabase();
    smsc = await startSmsc();
    api = await startApiProcess({
      COOKIE_SECRET: 'phone-code-smpp-cookie-secret-0123456789',
      LOG_LEVEL: 'warn',
    });
    gateway = createSmsGateway({
      gateway: 'smpp',
      url: smsc.url,
      systemId: SMSC_SYSTEM_ID,
      password: SMSC_PASSWORD,
      sourceAddr: 'HocVuSo',
      timeoutMs: 3_000,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    api?.child.kill('SIGTERM');
    await smsc?.close();
    await db?.destroy();
  });

  /** Sends what waits in the outbox, then the code of the newest message the SMSC received for the number. */
  const codeReceivedBy = async (e164: string): Promise<string> => {
    await deliverOutboxSms(db, gateway, { retryBaseSeconds: 60 });
    const mine = smsc.submitted.filter((m) => m.to === e164.slice(1));
    const code = /\b(\d{6})\b/.exec(mine[mine.length - 1]?.text ?? '')?.[1];
    if (!code) throw new Error(`the SMSC received no code for ${e164}:\n${api.logs()}`);
    return code;
  };

  it('sign-up → the code arrives in a UCS-2 submit_sm → it confirms the number; a reset code arrives the same way and sets a new password', async () => {
    const national = `09${String(randomInt(10_000_000, 99_999_999))}`;
    const e164 = `+84${national.slice(1)}`;
    const phone = await apiClient(api.base);
    const signUp = await phone.post('/api/auth/sign-up', {
      displayName: 'Lò Thị Ánh',
      identifier: national,
      password: PASSWORD,
    });
    expect(signUp.status).toBe(201);
    expect(await signUp.json()).toMatchObject({ phone: e164, phoneVerified: false });

    const code = await codeReceivedBy(e164);
    const received = smsc.submitted.filter((m) => m.to === e164.slice(1));
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ ton: 1, dataCoding: 8, udh: null });
    expect(received[0]!.text).toBe(`Mã Học vụ số của bạn: ${code}. Dùng trong 10 phút, không đưa ai.`);
    const [row] = (await db.query(
      `SELECT status, gateway, message_ids FROM sms_outbox WHERE to_number = $1`,
      [e164],
    )) as Array<{ status: string; gateway: string; message_ids: string[] }>;
    expect(row).toMatchObject({ status: 'sent', gateway: 'smpp' });
    expect(row!.message_ids).toHaveLength(1);

    const confirmed = await phone.post('/api/auth/phone-verification/confirm', { code });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toMatchObject({ phone: e164, phoneVerified: true });
    // Sent once: a second run of the outbox sends nothing more.
    await deliverOutboxSms(db, gateway, { retryBaseSeconds: 60 });
    expect(smsc.submitted.filter((m) => m.to === e164.slice(1))).toHaveLength(1);

    // The password forgotten: the reset code comes the same way.
    const other = await apiClient(api.base);
    expect((await other.post('/api/auth/password-reset', { identifier: national })).status).toBe(202);
    const resetCode = await codeReceivedBy(e164);
    expect(smsc.submitted.filter((m) => m.to === e164.slice(1)).pop()!.text).toMatch(
      /^Mã đặt lại mật khẩu Học vụ số: \d{6}\./,
    );
    const exchanged = await other.post('/api/auth/password-reset/code', { phone: national, code: resetCode });
    expect(exchanged.status).toBe(200);
    const { token } = (await exchanged.json()) as { token: string };
    const newPassword = 'mật khẩu mới của Ánh 2026';
    expect(
      (await other.post('/api/auth/password-reset/confirm', { token, password: newPassword })).status,
    ).toBe(204);
    expect((await phone.get('/api/auth/me')).status).toBe(401); // signed out everywhere
    const signIn = await (
      await apiClient(api.base)
    ).post('/api/auth/sign-in', {
      identifier: national,
      password: newPassword,
    });
    expect(signIn.status).toBe(200);
  });
});
