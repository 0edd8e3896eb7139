/**
 * What every browser spec sets up the same way: the environment check, Debian's Chromium, a database client,
 * fresh phones (360 × 740, Vietnamese) that collect the page errors, and axe with an optional screenshot of
 * every checked state. Plus the page helpers the specs share (a page's heading, signing in, calling the api
 * as the app would).
 *
 * A spec calls `usePhoneHarness` once, at the top level: it registers the `beforeAll` and `afterAll` that
 * start and stop everything, so the spec's own hooks registered after it see a running browser.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { OwnServer, OwnServerOptions } from './own-server';
import { accessibilityViolations, launchChromium, PHONE } from './phone-browser';

export interface PhoneHarnessOptions {
  /** What the spec runs, for the message when the environment is missing: "Set E2E_BASE_URL … to run {purpose}." */
  purpose: string;
  /** Needs E2E_DATABASE_URL too, and keeps one client on it open for the whole file (`db()`). */
  database?: boolean;
  /**
   * The built api and web app on a database of their own (support/own-server.ts) instead of the harness's
   * api at E2E_BASE_URL: for journeys that change what everyone sees. With options, for instance a Redis
   * database of its own for a journey that starts a worker beside it.
   */
  ownServer?: boolean | OwnServerOptions;
  /** With E2E_SCREENSHOTS, screenshots are named `{prefix}-NN-{label}.png` (`NN-{label}.png` without one). */
  screenshotPrefix?: string;
  /** `expectAccessible` also fails when the page is wider than the phone (horizontal scrolling). */
  fitsPhoneWidth?: boolean;
  /** Added to every phone's context (before the options given to one `newPhone`). */
  context?: BrowserContextOptions;
  /** With E2E_SCREENSHOTS, the newest phone's page is saved under this name when the file ends: where it stopped. */
  lastScreenshot?: string;
}

export interface PhoneHarness {
  /** A fresh phone: its own context (cookies, so its own session) on the api, its page errors collected. */
  newPhone(options?: BrowserContextOptions): Promise<Page>;
  /** axe (WCAG 2.2 A/AA) on the page as it is now: fails with every violation. Saves a screenshot when asked. */
  expectAccessible(page: Page, label: string): Promise<void>;
  /** The message of every uncaught error on any phone of this file. */
  pageErrors: string[];
  /** The client on the api's database (with `database: true`), open from `beforeAll` to `afterAll`. */
  db(): Client;
  /** The address of the api serving the web app, without a trailing slash. */
  baseUrl(): string;
  /** The api's database. */
  databaseUrl(): string;
  /** The Redis database the api's jobs go to: where a worker started beside it must listen. */
  redisUrl(): string | undefined;
}

export function usePhoneHarness(options: PhoneHarnessOptions): PhoneHarness {
  const envBaseUrl = (process.env.E2E_BASE_URL ?? '').replace(/\/$/, '');
  const envDatabaseUrl = process.env.E2E_DATABASE_URL ?? '';
  const screenshots = process.env.E2E_SCREENSHOTS;
  const pageErrors: string[] = [];
  let browser: Browser | undefined;
  let server: OwnServer | undefined;
  let client: Client | undefined;
  let lastPage: Page | undefined;
  let shot = 0;

  const baseUrl = () => {
    if (!options.ownServer) return envBaseUrl;
    if (!server) throw new Error('the own server starts in beforeAll');
    return server.baseUrl;
  };
  const databaseUrl = () => {
    if (!options.ownServer) return envDatabaseUrl;
    if (!server) throw new Error('the own server starts in beforeAll');
    return server.databaseUrl;
  };
  const redisUrl = () => {
    if (!options.ownServer) return process.env.E2E_REDIS_URL;
    if (!server) throw new Error('the own server starts in beforeAll');
    return server.redisUrl;
  };

  beforeAll(async () => {
    if (!options.ownServer) {
      if (options.database) {
        if (!envBaseUrl || !envDatabaseUrl)
          throw new Error(`Set E2E_BASE_URL and E2E_DATABASE_URL to run ${options.purpose}.`);
      } else if (!envBaseUrl) throw new Error(`Set E2E_BASE_URL to run ${options.purpose}.`);
    }
    if (screenshots) mkdirSync(screenshots, { recursive: true });
    // Loaded only here: it brings @hocvuso/testing (and its OpenID Provider) into the file.
    if (options.ownServer)
      server = await (
        await import('./own-server')
      ).startOwnServer(options.ownServer === true ? {} : options.ownServer);
    browser = await launchChromium();
    if (options.database) {
      const opened = new Client({ connectionString: databaseUrl() });
      await opened.connect();
      client = opened;
    }
  });

  afterAll(async () => {
    if (options.lastScreenshot && screenshots && lastPage)
      await lastPage.screenshot({ path: join(screenshots, `${options.lastScreenshot}.png`), fullPage: true });
    await client?.end();
    await browser?.close();
    await server?.stop();
  });

  return {
    pageErrors,
    baseUrl,
    databaseUrl,
    redisUrl,
    db() {
      if (!client)
        throw new Error(
          options.database
            ? 'the database opens in beforeAll'
            : 'usePhoneHarness({ database: true }) opens it',
        );
      return client;
    },
    async newPhone(phoneOptions = {}) {
      if (!browser) throw new Error('the browser starts in beforeAll');
      const context = await browser.newContext({
        ...PHONE,
        baseURL: baseUrl(),
        ...options.context,
        ...phoneOptions,
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      lastPage = page;
      return page;
    },
    async expectAccessible(page, label) {
      if (screenshots) shot += 1;
      const prefix = options.screenshotPrefix ? `${options.screenshotPrefix}-` : '';
      const screenshot = screenshots
        ? { dir: screenshots, name: `${prefix}${String(shot).padStart(2, '0')}-${label}` }
        : undefined;
      expect(await accessibilityViolations(page, label, screenshot)).toEqual([]);
      if (options.fitsPhoneWidth) {
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect([label, width]).toEqual([label, PHONE.viewport.width]);
      }
    },
  };
}

/** Waits until the page has a heading of this level (the main heading, h1, unless told) with this name. */
export async function heading(page: Page, name: string | RegExp, level = 1): Promise<void> {
  await page.getByRole('heading', { level, name }).waitFor();
}

/** Whether the element the selector finds has the focus now. */
export const hasFocus = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => el === document.activeElement);

/** Signs in with the password form and waits for My learning, where signing in leads. */
export async function signIn(page: Page, identifier: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await heading(page, 'Đăng nhập');
  await page.getByLabel('Email hoặc số điện thoại').fill(identifier);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL('**/me/learning');
  // The address changes as the navigation starts; the page (and the header's idea of where it is) follows once
  // its chunk is in. Wait for the page, so what the test does next is not undone by it arriving (a menu closing).
  await heading(page, /^(Việc học của tôi|My learning)$/);
}

type ApiMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One call to the api from the page, as the app makes it: the page's session cookie, a CSRF token on writes. */
function fetchFromPage(
  page: Page,
  method: ApiMethod,
  path: string,
  body: unknown,
  extraHeaders: Record<string, string>,
): Promise<{ status: number; ok: boolean; text: string }> {
  return page.evaluate(
    async ({ method, path, body, extraHeaders }) => {
      const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
      if (method !== 'GET') {
        const csrf = (await (await fetch('/api/auth/csrf')).json()) as { token: string };
        headers['x-csrf-token'] = csrf.token;
        if (body !== undefined) headers['content-type'] = 'application/json';
      }
      const response = await fetch(`/api${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, ok: response.ok, text: await response.text() };
    },
    { method, path, body, extraHeaders },
  );
}

/** Calls the api from the page, as the app would; fails unless it succeeds, and answers the body. */
export async function apiFromPage<T>(
  page: Page,
  method: ApiMethod,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const { status, ok, text } = await fetchFromPage(page, method, path, body, extraHeaders);
  if (!ok) throw new Error(`${method} ${path}: ${status} ${text}`);
  return (status === 204 ? undefined : JSON.parse(text)) as T;
}

/** Calls the api from the page, as the app would; answers the status and the body, whatever they are. */
export async function callApi(
  page: Page,
  method: ApiMethod,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const { status, text } = await fetchFromPage(page, method, path, body, {});
  return { status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/** Creates an account through the api from this phone (which stays signed in to it); answers its id. */
export async function signUpThroughApi(
  page: Page,
  account: { displayName: string; identifier: string; password: string; language?: string },
): Promise<{ id: string }> {
  await page.goto('/');
  return apiFromPage<{ id: string }>(page, 'POST', '/auth/sign-up', account);
}
