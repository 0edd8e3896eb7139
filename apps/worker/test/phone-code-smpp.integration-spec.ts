import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';
import { openRunDatabase } from '@hocvuso/testing';
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

const ROOT = resolve(__dirname, '../../..');
const PASSWORD = 'mat-khau-an-toan-2026';
jest.setTimeout(60_000);

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => done(port));
    });
  });
}

/** The built api on a free port, healthy. */
async function startApi(): Promise<{ child: ChildProcess; base: string; logs: () => string }> {
  const main = join(ROOT, 'dist/apps/api/main.cjs');
  if (!existsSync(main))
    throw new Error('dist/apps/api/main.cjs is missing: run `node tools/build.mjs` first');
  const port = await freePort();
  let logs = '';
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      COOKIE_SECRET: 'phone-code-smpp-cookie-secret-0123456789',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      WEB_DIST: '/nonexistent',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      AUTH_RATE_LIMIT_PER_MINUTE: '10000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (logs += c.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) break;
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, base, logs: () => logs };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the api did not become healthy:\n${logs}`);
}

/** A cookie-keeping client with its CSRF token, like the web app. */
async function client(base: string) {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const first = await fetch(`${base}/api/auth/csrf`);
  remember(first);
  const { token } = (await first.json()) as { token: string };
  return {
    get: async (path: string) => {
      const res = await fetch(base + path, { headers: { cookie: cookie() } });
      remember(res);
      return res;
    },
    post: async (path: string, body: unknown) => {
      const res = await fetch(base + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
        body: JSON.stringify(body),
      });
      remember(res);
      return res;
    },
  };
}

describe('codes by SMS through a real SMPP server: sign-up confirmation and password reset', () => {
  let db: DataSource;
  let api: Awaited<ReturnType<typeof startApi>>;
  let smsc: Smsc;
  let gateway: SmsGateway;

  beforeAll(async () => {
    db = await openRunDatabase();
    smsc = await startSmsc();
    api = await startApi();
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
    const phone = await client(api.base);
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
    const other = await client(api.base);
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
      await client(api.base)
    ).post('/api/auth/sign-in', {
      identifier: national,
      password: newPassword,
    });
    expect(signIn.status).toBe(200);
  });
});
