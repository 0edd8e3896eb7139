/**
 * Phone-first sign-up on a 360 px phone (docs/sms.md), with axe on every state: a person with only a phone
 * number creates an account, lands on "Nhập mã" with the focus in the code field (autocomplete one-time-code,
 * the resend button counting down), types a wrong code (explained at the top, focus there), then the code read
 * from the SMS the api queued in sms_outbox (what the worker hands to the SMSC), and goes on to the optional
 * place step, confirmed. Then the same number forgets its password: "Nhập mã" for the reset code, and the new
 * password page.
 *
 * Needs E2E_BASE_URL and E2E_DATABASE_URL. Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every state.
 */
import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { hasFocus, heading, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const harness = usePhoneHarness({
  purpose: 'the phone sign-up in a browser',
  database: true,
  screenshotPrefix: 'phone-sign-up',
  fitsPhoneWidth: true,
});
const { pageErrors, expectAccessible, db } = harness;

const PASSWORD = 'mat-khau-an-toan-2026';

/** The code of the newest SMS to the number, as the person reads it on their phone. */
async function codeSentTo(e164: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await db().query<{ text: string }>(
      `SELECT text FROM sms_outbox WHERE to_number = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [e164],
    );
    const code = /\b(\d{6})\b/.exec(rows[0]?.text ?? '')?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no SMS was queued for ${e164}`);
}

async function expectErrorSummary(page: Page, text: string | RegExp): Promise<void> {
  const summary = page.locator('.error-summary');
  await summary.filter({ hasText: text }).waitFor();
  expect(await hasFocus(page, '.error-summary')).toBe(true);
}

it('signs up with a phone number, confirms it with the code sent by SMS, and resets a forgotten password by SMS', async () => {
  const national = `09${String(randomInt(10_000_000, 99_999_999))}`;
  const e164 = `+84${national.slice(1)}`;
  const spaced = `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
  const page = await harness.newPhone();

  await page.goto('/sign-up');
  await heading(page, 'Tạo tài khoản');
  await page.getByLabel('Họ và tên').fill('Lò Thị Ánh');
  await page.getByLabel('Email hoặc số điện thoại').fill(national);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Tạo tài khoản', exact: true }).click();

  // "Nhập mã": the number as it reads on a phone, the focus in the code field, the resend counting down.
  await heading(page, 'Nhập mã xác nhận');
  expect(await page.locator('main').innerText()).toContain(spaced);
  expect(await hasFocus(page, '#phone-code')).toBe(true);
  const field = page.locator('#phone-code');
  expect(await field.getAttribute('autocomplete')).toBe('one-time-code');
  expect(await field.getAttribute('inputmode')).toBe('numeric');
  const resend = page.getByRole('button', { name: /^Gửi lại mã sau \d+ giây$/ });
  expect(await resend.isDisabled()).toBe(true);
  await expectAccessible(page, 'code-step');

  // A wrong code: explained at the top of the form, with the focus there.
  const code = await codeSentTo(e164);
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await field.fill(wrong);
  await page.getByRole('button', { name: 'Xác nhận số điện thoại', exact: true }).click();
  await expectErrorSummary(page, 'Mã chưa đúng');
  await expectAccessible(page, 'code-step-wrong');

  // The right one, typed with a space as it may be read out: on to the optional place step.
  await field.fill(`${code.slice(0, 3)} ${code.slice(3)}`);
  await page.getByRole('button', { name: 'Xác nhận số điện thoại', exact: true }).click();
  await heading(page, 'Bạn thuộc nhóm nào, sống ở đâu?');
  const { rows } = await db().query<{ verified: boolean }>(
    `SELECT phone_verified_at IS NOT NULL AS verified FROM users WHERE phone = $1`,
    [e164],
  );
  expect(rows[0]?.verified).toBe(true);
  await expectAccessible(page, 'place-step');
  await page.context().close();

  // Forgotten password: the phone number leads to "Nhập mã" for the reset code, then the new password.
  const other = await harness.newPhone();
  await other.goto('/forgot-password');
  await heading(other, 'Quên mật khẩu');
  await other.getByLabel('Email hoặc số điện thoại').fill(national);
  await other.getByRole('button', { name: 'Gửi hướng dẫn đặt lại mật khẩu' }).click();
  await heading(other, 'Nhập mã đặt lại mật khẩu');
  expect(await hasFocus(other, '#phone-code')).toBe(true);
  await expectAccessible(other, 'reset-code-step');
  await other.locator('#phone-code').fill(await codeSentTo(e164));
  await other.getByRole('button', { name: 'Tiếp tục', exact: true }).click();
  await other.waitForURL('**/reset-password?token=*');
  await heading(other, 'Đặt mật khẩu mới');
  await expectAccessible(other, 'reset-new-password');

  expect(pageErrors).toEqual([]);
});
