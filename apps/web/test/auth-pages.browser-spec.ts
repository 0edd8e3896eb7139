/**
 * The ways into an account besides the password form, in a real browser on a phone-sized screen (360 × 740),
 * with axe on every state:
 *  - a forgotten password: the request (the same neutral answer for an unknown address), the e-mailed link read
 *    from the mail outbox in the database, a weak password refused, the new password saved and used to sign
 *    in; the same link a second time is refused;
 *  - a person registered in person by the demo community helper signs in with the one-time code (typed with a
 *    space), after a wrong code, and chooses a password for next time;
 *  - identity providers: the harness's api has none (the sign-in page shows nothing extra), so this file starts
 *    a second api from dist/ on the same database, configured (OIDC_PROVIDERS) with an in-process OpenID
 *    Provider (@hocvuso/testing, the api e2e tests' provider). A new person signs in and comes back
 *    where they were heading; an existing account's owner confirms the link with the password (after a wrong
 *    one); an expired link request and a sign-in declined at the provider are explained in plain words.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL. Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every state.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { type Page } from 'playwright-core';
import { apiFromPage, hasFocus, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';
import { newAccount, startTestOp, type TestOp as BrowserTestOp } from '@hocvuso/testing';

const ROOT = resolve(__dirname, '../../..');
const PASSWORD = 'mat-khau-an-toan-2026';
const NEW_PASSWORD = 'mật khẩu mới của Lan 2026';
const OP = 'testop';

jest.setTimeout(120_000);

const harness = usePhoneHarness({
  purpose: 'the sign-in pages in a browser',
  database: true,
  screenshotPrefix: 'auth',
});
const { pageErrors, expectAccessible, db, baseUrl, databaseUrl } = harness;

/** A fresh phone (its own cookies) on the given api. */
const newPhone = (baseURL = baseUrl()) => harness.newPhone({ baseURL });

/** The error summary at the top of the form: shown, with this text, and holding the focus. */
async function expectErrorSummary(page: Page, text: string | RegExp): Promise<void> {
  const summary = page.locator('.error-summary');
  await summary.filter({ hasText: text }).waitFor();
  expect(await summary.getAttribute('role')).toBe('alert');
  expect(await hasFocus(page, '.error-summary')).toBe(true);
}

/** The field's error is tied to it, for screen readers, and the field is marked invalid. */
async function expectFieldError(page: Page, inputId: string, text: string | RegExp): Promise<void> {
  const input = page.locator(`#${inputId}`);
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  expect((await input.getAttribute('aria-describedby'))?.split(' ')).toContain(`${inputId}-error`);
  expect(await page.locator(`#${inputId}-error`).textContent()).toMatch(text);
}

/** An account made through the api in a throwaway browser, so the phone under test starts signed out. */
async function accountOn(baseURL: string, email: string): Promise<{ id: string }> {
  const setup = await newPhone(baseURL);
  const me = await signUpThroughApi(setup, {
    displayName: 'Nguyễn Thị Lan',
    identifier: email,
    password: PASSWORD,
    language: 'vi',
  });
  await setup.context().close();
  return me;
}

async function signInWithPassword(page: Page, identifier: string, password: string): Promise<void> {
  await page.getByLabel('Email hoặc số điện thoại').fill(identifier);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await page.waitForURL('**/me/learning');
  await heading(page, 'Việc học của tôi');
}

/** The reset link of the newest e-mail to `email` in the outbox. */
async function resetLinkFor(email: string): Promise<URL> {
  const { rows } = await db().query<{ text: string }>(
    `SELECT text FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1`,
    [email],
  );
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(rows[0]?.text ?? '')?.[0];
  if (!link) throw new Error(`no reset link was written to ${email}`);
  return new URL(link);
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}@example.com`;

it('resets a forgotten password from the e-mailed link, refuses the used link, and signs in with the new one', async () => {
  const email = unique('reset');
  await accountOn(baseUrl(), email);
  const page = await newPhone();

  // The sign-in page: no identity provider is configured on this api, so nothing extra is shown.
  const providers = page.waitForResponse('**/api/auth/oidc/providers');
  await page.goto('/sign-in');
  await heading(page, 'Đăng nhập');
  expect((await (await providers).json()) as unknown).toEqual({ items: [] });
  expect(await page.getByRole('heading', { name: 'Hoặc đăng nhập bằng' }).count()).toBe(0);
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await page.waitForURL('**/forgot-password');
  await heading(page, 'Quên mật khẩu');
  expect(await page.locator('#forgot-identifier').getAttribute('autocomplete')).toBe('username');
  await expectAccessible(page, 'forgot-password');

  // Nothing typed, then a typo: explained in the summary (focused) and next to the field.
  const send = page.getByRole('button', { name: 'Gửi hướng dẫn đặt lại mật khẩu' });
  await send.click();
  await expectErrorSummary(page, 'Hãy nhập email hoặc số điện thoại.');
  await expectFieldError(page, 'forgot-identifier', 'Hãy nhập email hoặc số điện thoại.');
  await page.getByLabel('Email hoặc số điện thoại').fill('lan@example');
  await send.click();
  await expectErrorSummary(page, 'Địa chỉ email chưa đúng');
  await expectAccessible(page, 'forgot-password-errors');
  // The summary's link takes the keyboard to the field.
  await page.locator('.error-summary a').click();
  expect(await hasFocus(page, '#forgot-identifier')).toBe(true);

  // An address without an account gets exactly the same answer, and no e-mail.
  await page.getByLabel('Email hoặc số điện thoại').fill(unique('nobody'));
  await send.click();
  await heading(page, 'Hãy kiểm tra email của bạn');
  expect(await hasFocus(page, 'h1')).toBe(true);
  const neutral = await page.locator('main').innerText();
  await expectAccessible(page, 'forgot-password-sent');

  await page.goto('/forgot-password');
  await heading(page, 'Quên mật khẩu');
  await page.getByLabel('Email hoặc số điện thoại').fill(email);
  await send.click();
  await heading(page, 'Hãy kiểm tra email của bạn');
  expect(await page.locator('main').innerText()).toBe(neutral);
  expect(neutral).toContain('trong vòng 30 phút');

  // The e-mailed link opens this app's reset page.
  const link = await resetLinkFor(email);
  expect(link.pathname).toBe('/reset-password');
  const resetPath = link.pathname + link.search;
  await page.goto(resetPath);
  await heading(page, 'Đặt mật khẩu mới');
  const newPassword = page.locator('#reset-password');
  expect(await newPassword.getAttribute('autocomplete')).toBe('new-password');
  expect(await newPassword.getAttribute('type')).toBe('password');
  await expectAccessible(page, 'reset-password');

  // The server refuses a password containing the e-mail address; the field says why.
  const save = page.getByRole('button', { name: 'Lưu mật khẩu mới' });
  await newPassword.fill(`${email.split('@')[0]}!`);
  await save.click();
  await expectErrorSummary(page, 'Mật khẩu chưa đủ an toàn');
  await expectFieldError(page, 'reset-password', 'Mật khẩu chưa đủ an toàn');
  await page.getByLabel('Hiện mật khẩu').check();
  expect(await newPassword.getAttribute('type')).toBe('text');
  await expectAccessible(page, 'reset-password-weak');

  await newPassword.fill(NEW_PASSWORD);
  await save.click();
  await page.waitForURL('**/sign-in');
  await heading(page, 'Đăng nhập');
  await page
    .getByRole('status')
    .filter({ hasText: 'Đã đổi mật khẩu. Hãy đăng nhập bằng mật khẩu mới.' })
    .waitFor();
  await expectAccessible(page, 'sign-in-after-reset');
  await signInWithPassword(page, email, NEW_PASSWORD);

  // The link works once.
  const other = await newPhone();
  await other.goto(resetPath);
  await heading(other, 'Đặt mật khẩu mới');
  await other.locator('#reset-password').fill('một mật khẩu khác 2026');
  await other.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
  await expectErrorSummary(other, 'Liên kết đặt lại mật khẩu này không còn dùng được');
  const askAgain = other.getByRole('link', { name: 'Yêu cầu liên kết mới' });
  expect(await askAgain.getAttribute('href')).toBe('/forgot-password');
  await expectAccessible(other, 'reset-password-used');

  // An address without a token says so instead of showing a form that cannot work.
  await other.goto('/reset-password');
  await heading(other, 'Đặt mật khẩu mới');
  await other.getByText('Địa chỉ này không có mã đặt lại mật khẩu hợp lệ').waitFor();
  expect(await other.locator('#reset-password').count()).toBe(0);
  await expectAccessible(other, 'reset-password-no-token');
  expect(pageErrors).toEqual([]);
});

it('signs a person registered by the community helper in with the one-time code, then lets them choose a password', async () => {
  // The demo community helper registers a phone-only person in the demo commune and gets the code.
  const helper = await newPhone();
  await helper.goto('/');
  await apiFromPage(helper, 'POST', '/auth/sign-in', {
    identifier: 'community-helper@demo.hocvuso.example',
    password: 'hocvuso-demo',
  });
  const { rows } = await db().query<{ id: string }>(
    `SELECT id FROM administrative_units WHERE code = 'DEMO01' AND valid_to IS NULL`,
  );
  const phone = `09${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
  const registered = await apiFromPage<{ signInCode: { code: string } }>(
    helper,
    'POST',
    '/helper/registrations',
    {
      displayName: 'Bà Lò Thị Mai',
      phone,
      targetGroups: ['citizens'],
      subGroups: ['older-adults'],
      unitId: rows[0]!.id,
      consents: [{ purpose: 'learning-records', textVersion: '2026-11', granted: true }],
    },
  );
  const code = registered.signInCode.code;
  expect(code).toMatch(/^\d{8}$/);

  const page = await newPhone();
  await page.goto('/sign-in');
  await heading(page, 'Đăng nhập');
  await page.getByRole('link', { name: 'Có mã đăng nhập một lần?' }).click();
  await page.waitForURL('**/sign-in-code');
  await heading(page, 'Đăng nhập bằng mã một lần');
  const phoneInput = page.getByLabel('Số điện thoại');
  const codeInput = page.getByLabel('Mã đăng nhập');
  expect(await phoneInput.getAttribute('type')).toBe('tel');
  expect(await phoneInput.getAttribute('autocomplete')).toBe('tel');
  expect(await codeInput.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await codeInput.getAttribute('inputmode')).toBe('numeric');
  // Big inputs: at least 60 px tall on the phone.
  expect((await codeInput.boundingBox())!.height).toBeGreaterThanOrEqual(60);
  await expectAccessible(page, 'sign-in-code');

  // In English too.
  await page.getByRole('button', { name: 'English' }).click();
  await heading(page, 'Sign in with a one-time code');
  await page.getByLabel('Sign-in code').waitFor();
  await expectAccessible(page, 'sign-in-code-en');
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await heading(page, 'Đăng nhập bằng mã một lần');

  const submit = page.getByRole('button', { name: 'Đăng nhập', exact: true });
  await submit.click();
  await expectErrorSummary(page, 'Hãy nhập số điện thoại của bạn.');
  await expectFieldError(page, 'code-phone', 'Hãy nhập số điện thoại của bạn.');
  await expectFieldError(page, 'code-code', 'Hãy nhập mã đăng nhập.');
  await expectAccessible(page, 'sign-in-code-empty');

  // A wrong code: the answer does not say which of the two is wrong.
  const wrong = code.slice(0, 7) + String((Number(code[7]) + 1) % 10);
  await phoneInput.fill(phone);
  await codeInput.fill(wrong);
  await submit.click();
  await expectErrorSummary(page, 'Số điện thoại và mã đăng nhập không khớp');
  await expectAccessible(page, 'sign-in-code-wrong');

  // The right code, typed as it is printed ("1234 5678").
  await codeInput.fill(`${code.slice(0, 4)} ${code.slice(4)}`);
  await submit.click();
  await heading(page, 'Chọn mật khẩu cho lần sau');
  expect(await hasFocus(page, 'h1')).toBe(true);
  await page.getByRole('link', { name: 'Việc học của tôi' }).waitFor();
  expect(await page.locator('#first-password').getAttribute('autocomplete')).toBe('new-password');
  await expectAccessible(page, 'sign-in-code-choose-password');

  await page.getByLabel('Mật khẩu mới').fill('abc');
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await expectErrorSummary(page, 'Mật khẩu cần ít nhất 8 ký tự.');
  await expectFieldError(page, 'first-password', 'Mật khẩu cần ít nhất 8 ký tự.');
  await expectAccessible(page, 'sign-in-code-password-short');
  await page.getByLabel('Mật khẩu mới').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Lưu mật khẩu' }).click();
  await page.waitForURL('**/me/learning');
  await heading(page, 'Việc học của tôi');

  // Next time: the phone number and that password, no helper needed. The code is spent.
  const later = await newPhone();
  await later.goto('/sign-in');
  await heading(later, 'Đăng nhập');
  await signInWithPassword(later, phone, NEW_PASSWORD);
  const again = await newPhone();
  await again.goto('/sign-in-code');
  await heading(again, 'Đăng nhập bằng mã một lần');
  await again.getByLabel('Số điện thoại').fill(phone);
  await again.getByLabel('Mã đăng nhập').fill(code);
  await again.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expectErrorSummary(again, 'Số điện thoại và mã đăng nhập không khớp');
  expect(pageErrors).toEqual([]);
});

describe('identity providers (a second api with the test OpenID Provider)', () => {
  let op: BrowserTestOp;
  let oidcApi: ChildProcess | undefined;
  let oidcBase: string;
  const apiOutput: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    oidcBase = `http://127.0.0.1:${port}`;
    op = await startTestOp(oidcBase, OP);
    oidcApi = await startApi(
      port,
      {
        PUBLIC_URL: oidcBase,
        OIDC_PROVIDERS: JSON.stringify([
          {
            id: OP,
            name: 'Test OP',
            issuer: op.issuer,
            clientId: op.clientId,
            verifiedAcrValues: ['level2'],
          },
        ]),
      },
      apiOutput,
    );
  });

  afterAll(async () => {
    await stopApi(oidcApi);
    await op?.close();
  });

  async function startAtProvider(page: Page, next?: string): Promise<void> {
    await page.goto(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    await heading(page, 'Đăng nhập');
    await page.getByRole('link', { name: 'Đăng nhập bằng Test OP' }).click();
  }

  it('lists the provider and signs a new person in with it, back where they were heading', async () => {
    const page = await newPhone(oidcBase);
    await page.goto('/sign-in?next=%2Fcourses%2Fsmartphone-basics');
    await heading(page, 'Đăng nhập');
    await page.getByRole('heading', { level: 2, name: 'Hoặc đăng nhập bằng' }).waitFor();
    const button = page.getByRole('link', { name: 'Đăng nhập bằng Test OP' });
    expect(await button.getAttribute('href')).toBe(
      `/api/auth/oidc/${OP}/start?returnTo=%2Fcourses%2Fsmartphone-basics`,
    );
    await expectAccessible(page, 'sign-in-with-provider');

    op.expectLogin(newAccount({ email: unique('op'), email_verified: true }));
    await button.click();
    await page.waitForURL('**/courses/smartphone-basics');
    await page.getByRole('link', { name: 'Việc học của tôi' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('links an existing account only after its owner enters the password; a wrong password is explained', async () => {
    const email = unique('owner');
    const owner = await accountOn(oidcBase, email);
    const account = newAccount({ email, email_verified: true, acr: 'level2' });
    const page = await newPhone(oidcBase);
    op.expectLogin(account);
    await startAtProvider(page, '/courses/smartphone-basics');
    // Where the person was going rides along through the link confirmation.
    await page.waitForURL(
      /\/sign-in\?oidcLink=[0-9a-f-]{36}&provider=testop&next=%2Fcourses%2Fsmartphone-basics$/,
    );
    await heading(page, 'Liên kết tài khoản Test OP');
    await page.getByText('Email mà Test OP cho chúng tôi biết trùng với một tài khoản').waitFor();
    expect(await page.locator('#link-password').getAttribute('autocomplete')).toBe('current-password');
    await expectAccessible(page, 'oidc-link');

    const confirm = page.getByRole('button', { name: 'Đăng nhập và liên kết' });
    await page.getByLabel('Email hoặc số điện thoại').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('not-the-password');
    await confirm.click();
    await expectErrorSummary(page, 'Email, số điện thoại hoặc mật khẩu chưa đúng');
    await expectAccessible(page, 'oidc-link-wrong-password');
    const linksOf = async (subject: string) =>
      (
        await db().query<{ user_id: string }>(
          `SELECT user_id FROM oidc_identities WHERE provider = $1 AND subject = $2`,
          [OP, subject],
        )
      ).rows;
    expect(await linksOf(account.sub)).toEqual([]);

    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await confirm.click();
    await heading(page, 'Đã liên kết tài khoản Test OP');
    expect(await hasFocus(page, 'h1')).toBe(true);
    expect(await page.getByRole('link', { name: 'Tiếp tục học' }).getAttribute('href')).toBe(
      '/courses/smartphone-basics',
    );
    await expectAccessible(page, 'oidc-linked');
    expect(await linksOf(account.sub)).toEqual([{ user_id: owner.id }]);

    // From now on the provider signs the owner in directly.
    const later = await newPhone(oidcBase);
    op.expectLogin(account);
    await startAtProvider(later);
    await later.waitForURL('**/me/learning');
    const me = await apiFromPage<{ id: string }>(later, 'GET', '/auth/me');
    expect(me.id).toBe(owner.id);
    expect(pageErrors).toEqual([]);
  });

  it('explains an expired link request and offers to start again', async () => {
    const email = unique('late');
    await accountOn(oidcBase, email);
    const account = newAccount({ email, email_verified: true });
    const page = await newPhone(oidcBase);
    op.expectLogin(account);
    await startAtProvider(page);
    await page.waitForURL(/oidcLink=/);
    await heading(page, 'Liên kết tài khoản Test OP');
    const pendingLinkId = new URL(page.url()).searchParams.get('oidcLink');
    const expired = await db().query(
      `UPDATE oidc_pending_links SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [pendingLinkId],
    );
    expect(expired.rowCount).toBe(1);

    await page.getByLabel('Email hoặc số điện thoại').fill(email);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập và liên kết' }).click();
    await expectErrorSummary(page, 'Yêu cầu liên kết này không còn hiệu lực');
    expect(await page.getByRole('link', { name: 'Đăng nhập lại bằng Test OP' }).getAttribute('href')).toBe(
      `/api/auth/oidc/${OP}/start?returnTo=%2Fme%2Flearning`,
    );
    await expectAccessible(page, 'oidc-link-expired');
    const { rows } = await db().query(`SELECT 1 FROM oidc_identities WHERE provider = $1 AND subject = $2`, [
      OP,
      account.sub,
    ]);
    expect(rows).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says in plain words that the sign-in did not complete when the person declines at the provider', async () => {
    const page = await newPhone(oidcBase);
    op.expectLogin(newAccount({ deny: true }));
    await startAtProvider(page);
    await page.waitForURL(/\/sign-in\?oidcError=OIDC_SIGN_IN_FAILED&provider=testop$/);
    await expectErrorSummary(page, 'Việc đăng nhập ở Test OP chưa hoàn tất');
    await page.getByRole('heading', { level: 2, name: 'Chưa đăng nhập được' }).waitFor();
    // Still a sign-in page: the password form and the provider are right there.
    await page.getByLabel('Mật khẩu', { exact: true }).waitFor();
    await expectAccessible(page, 'oidc-declined');
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** The built api on its own port and the harness's database, with extra configuration. */
async function startApi(port: number, env: Record<string, string>, output: string[]): Promise<ChildProcess> {
  const main = join(ROOT, 'dist/apps/api/main.cjs');
  if (!existsSync(main))
    throw new Error('dist/apps/api/main.cjs is missing: run `node tools/build.mjs` first');
  const child = spawn(process.execPath, ['--enable-source-maps', main], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl(),
      REDIS_URL: process.env.E2E_REDIS_URL,
      COOKIE_SECRET: 'browser-tests-cookie-secret-0123456789abcdef',
      WEB_DIST: join(ROOT, 'dist/apps/web'),
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      AUTH_RATE_LIMIT_PER_MINUTE: '100',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopApi(child);
  throw new Error(`the api with OIDC providers did not start:\n${output.join('')}`);
}

async function stopApi(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((done) => {
    child.once('exit', () => done());
    child.kill('SIGTERM');
  });
}
