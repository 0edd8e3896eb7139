/**
 * The learning assistant ("Trợ lý học tập", docs/assistant.md) in a real browser on a phone-sized screen
 * (360 × 740), with axe on every state: opened from the course page signed out and from a lesson page signed in,
 * used with the keyboard only (Enter sends, Escape closes and gives the focus back), answers announced in a live
 * region with the lessons they quote as links, the fallback for a question the lessons do not answer, and the
 * panel's code downloaded only when it is opened.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the learning assistant',
  screenshotPrefix: 'assistant',
  fitsPhoneWidth: true,
});

const LAUNCHER = /^Trợ lý học tập$/;

describe('assistant panel', () => {
  it('answers from the course page with the keyboard, quoting and linking the lessons, and falls back', async () => {
    const page = await newPhone();
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto('/courses/online-scams');
    await heading(page, /lừa đảo/i);
    const launcher = page.getByRole('button', { name: LAUNCHER });
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    const beforeOpen = scripts.length;
    expect(scripts.some((s) => /assistant-panel/.test(s))).toBe(false);

    // Open it with the keyboard: the question box gets the focus.
    await launcher.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: LAUNCHER }).waitFor();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(scripts.length).toBeGreaterThan(beforeOpen);
    const box = page.getByRole('textbox', { name: /^Câu hỏi của bạn$/ });
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectAccessible(page, 'open');

    // Ask without accents and send with Enter.
    await page.keyboard.type('cuoc goi gia danh cong an bat chuyen tien vao tai khoan tam giu thi lam sao');
    await page.keyboard.press('Enter');
    const sources = page.getByRole('heading', { level: 3, name: /^Bài học nguồn$/ });
    await sources.waitFor();
    const live = page.locator('[aria-live="polite"]');
    const citation = live.getByRole('link').first();
    const href = await citation.getAttribute('href');
    expect(href).toMatch(/^\/lessons\/[0-9a-f-]{36}$/);
    expect(await live.locator('blockquote').count()).toBeGreaterThan(0);
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await expectAccessible(page, 'answered');

    // A question the lessons do not answer: the commune help officer.
    await box.fill('Giá vàng SJC hôm nay bao nhiêu một lượng?');
    await page.keyboard.press('Enter');
    await live.getByText(/hỏi cán bộ hỗ trợ của xã, phường/).waitFor();
    await expectAccessible(page, 'fallback');

    // Escape closes the panel and gives the focus back to the launcher.
    await box.focus();
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 2, name: LAUNCHER }).waitFor({ state: 'detached' });
    await expect(launcher.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');

    // A citation opens its lesson.
    await launcher.click();
    await page
      .getByRole('textbox', { name: /^Câu hỏi của bạn$/ })
      .fill('Ba bước dừng lại, kiểm tra, hành động là gì?');
    await page.getByRole('button', { name: /^Hỏi$/ }).click();
    const link = page.locator('[aria-live="polite"] a').first();
    await link.waitFor();
    const target = await link.getAttribute('href');
    // From the keyboard: the answer's arrival moves the panel (the status line goes, the quotes come, the focus
    // returns to the question box), and a pointer click aimed while it moves can land beside the link.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === target);
    expect(pageErrors).toEqual([]);
  });

  it('is on the lesson page of an enrolled learner, limited to that course', async () => {
    const page = await newPhone();
    await signUpThroughApi(page, {
      displayName: 'Lê Văn Tâm',
      identifier: `tam-${randomUUID().slice(0, 8)}@example.com`,
      password: 'mat-khau-an-toan-2026',
    });
    await apiFromPage(page, 'POST', '/courses/smartphone-basics/enrol?lang=vi', {});
    const course = await apiFromPage<{ modules: { lessons: { id: string; key?: string }[] }[] }>(
      page,
      'GET',
      '/courses/smartphone-basics?lang=vi',
    );
    const first = course.modules[0]!.lessons[0]!;
    await page.goto(`/lessons/${first.id}`);
    await heading(page, /.+/);
    const launcher = page.getByRole('button', { name: LAUNCHER });
    await launcher.click();
    const box = page.getByRole('textbox', { name: /^Câu hỏi của bạn$/ });
    await box.fill('Làm sao để chữ trên điện thoại to hơn cho dễ đọc?');
    await page.keyboard.press('Enter');
    const links = page.locator('[aria-live="polite"] a');
    await links.first().waitFor();
    await expectAccessible(page, 'lesson-page');
    expect(pageErrors).toEqual([]);
  });
});
