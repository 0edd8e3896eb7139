/**
 * Read-aloud on a phone-sized screen (issue 16, item 3; docs/read-aloud.md), with axe on every state:
 *  - a lesson with a narration file: the controls are reached with Tab, Enter and Space toggle playing (the state
 *    is announced and aria-pressed follows), the audio really plays (its clock advances), ±10 s and the speed
 *    work from the keyboard, the note says the voice is synthetic, and leaving the lesson stops it;
 *  - a lesson without narration on a device with a voice for its language (Chromium headless has none, so the
 *    voice is stubbed): the device reads the lesson piece by piece, pause and stop work from the keyboard;
 *  - no narration and no voice: no button, a short note.
 */
import { type Page } from 'playwright-core';
import { apiFromPage, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(120_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the read-aloud journey',
  screenshotPrefix: 'read-aloud',
  fitsPhoneWidth: true,
});

const COURSE = 'easy-vietnamese-first-steps';
const LISTEN = { name: 'Nghe đọc bài', exact: true } as const;

interface OutlineCourse {
  modules: Array<{ lessons: Lesson[] }>;
}

type Lesson = { id: string; key: string; kind: string };

/** A new learner on this phone, enrolled in the course; answers its lessons in order. */
async function enrolled(page: Page, courseId: string): Promise<Lesson[]> {
  await signUpThroughApi(page, {
    displayName: 'Lò Văn Páo',
    identifier: `doc-to-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`,
    password: 'mat-khau-an-toan-2026',
  });
  await apiFromPage(page, 'POST', `/courses/${courseId}/enrol`, {});
  const course = await apiFromPage<OutlineCourse>(page, 'GET', `/courses/${courseId}?lang=vi`);
  return course.modules.flatMap((m) => m.lessons);
}

/** Where the focus should land in the read-aloud region: the toggle (aria-pressed), or the control with this text. */
type Target = { toggle: true } | { text: string };

/** Presses Tab until the focus is on the target; fails after 60 presses (a trap, or a control Tab never reaches). */
async function tabTo(page: Page, target: Target): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate((t) => {
      const el = document.activeElement;
      if (!el) return false;
      if (!el.closest('.read-aloud')) return false;
      return 'toggle' in t
        ? el.getAttribute('aria-pressed') !== null
        : (el.textContent ?? '').includes(t.text);
    }, target);
    if (here) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}`);
}

const audioState = (page: Page) =>
  page.locator('.read-aloud audio').evaluate((el: HTMLAudioElement) => ({
    paused: el.paused,
    currentTime: el.currentTime,
    playbackRate: el.playbackRate,
  }));

it('plays a lesson’s narration from the keyboard, says what it does, and stops when the learner leaves', async () => {
  const page = await newPhone();
  const lessons = await enrolled(page, COURSE);
  await page.goto(`/lessons/${lessons.find((l) => l.key === 'phone-buttons')!.id}`);
  await heading(page, 'Các nút của điện thoại');
  const listen = page.getByRole('button', LISTEN);
  await listen.waitFor();
  expect(await listen.getAttribute('aria-pressed')).toBe('false');
  await page.getByText('Giọng đọc này do máy tạo ra', { exact: false }).waitFor();
  await expectAccessible(page, 'narration-ready');

  // Tab reaches the button (visible focus), Enter plays: the state is pressed and announced, the clock runs.
  await tabTo(page, { toggle: true });
  const outline = await listen.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.querySelector('.read-aloud [aria-pressed]')?.getAttribute('aria-pressed') === 'true',
  );
  await page.getByRole('status').filter({ hasText: 'Đang đọc bài.' }).waitFor();
  await page.waitForFunction(
    () => (document.querySelector('.read-aloud audio') as HTMLAudioElement).currentTime > 0.5,
  );
  expect((await audioState(page)).paused).toBe(false);
  await expectAccessible(page, 'narration-playing');

  // Space pauses (the focus is still on the button): released, announced, the clock stops.
  await page.keyboard.press('Space');
  await page.getByRole('status').filter({ hasText: 'Đã tạm dừng.' }).waitFor();
  expect(await listen.getAttribute('aria-pressed')).toBe('false');
  const paused = await audioState(page);
  expect(paused.paused).toBe(true);

  // Forward 10 s, back 10 s, with Enter on each button.
  await tabTo(page, { text: 'Tới 10 giây' });
  await page.keyboard.press('Enter');
  expect((await audioState(page)).currentTime).toBeCloseTo(paused.currentTime + 10, 0);
  await page.keyboard.down('Shift');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.up('Shift');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Lùi 10 giây');
  await page.keyboard.press('Enter');
  expect((await audioState(page)).currentTime).toBeCloseTo(paused.currentTime, 0);

  // The speed, chosen with the keyboard, applies to the playing audio.
  await page.getByLabel('Tốc độ', { exact: true }).selectOption('1.25');
  expect((await audioState(page)).playbackRate).toBe(1.25);

  // Playing again, then leaving for the next lesson: the old narration stops.
  await listen.press('Enter');
  await page.waitForFunction(() => !(document.querySelector('.read-aloud audio') as HTMLAudioElement).paused);
  await page.evaluate(() => {
    (window as unknown as { oldAudio: HTMLAudioElement }).oldAudio =
      document.querySelector('.read-aloud audio')!;
  });
  await page.getByRole('link', { name: /^Bài sau/ }).click();
  await heading(page, 'Gọi điện và nhắn tin');
  expect(
    await page.evaluate(() => (window as unknown as { oldAudio: HTMLAudioElement }).oldAudio.paused),
  ).toBe(true);
  expect(await page.getByRole('button', LISTEN).getAttribute('aria-pressed')).toBe('false');
  expect(pageErrors).toEqual([]);
});

it('reads a lesson without narration with the device’s voice, piece by piece; pause and stop from the keyboard', async () => {
  const page = await newPhone();
  // Headless Chromium has no voice: a Vietnamese one is stubbed, and what it is asked to say is recorded.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const spoken: string[] = [];
    w.spoken = spoken;
    class Utterance {
      text: string;
      lang = '';
      rate = 1;
      voice: unknown = null;
      onend: (() => void) | null = null;
      onerror: ((e: { error: string }) => void) | null = null;
      constructor(text: string) {
        this.text = text;
      }
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => [{ lang: 'vi-VN', name: 'Giọng thử', localService: true, default: true }],
        speak(u: Utterance) {
          spoken.push(u.text);
          timer = setTimeout(() => u.onend?.(), 400);
        },
        cancel() {
          clearTimeout(timer);
        },
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
      },
    });
  });
  const lessons = await enrolled(page, 'online-health');
  await page.goto(`/lessons/${lessons.find((l) => l.kind === 'text')!.id}`);
  const listen = page.getByRole('button', LISTEN);
  await listen.waitFor();
  await page.getByText('Giọng đọc của điện thoại: Giọng thử.').waitFor();
  await expectAccessible(page, 'speech-ready');

  await tabTo(page, { toggle: true });
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Đang đọc bài.' }).waitFor();
  await page.waitForFunction(() => (window as unknown as { spoken: string[] }).spoken.length >= 2);
  const said = await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
  // Pieces of text, never markup, none too long for a voice.
  for (const piece of said) {
    expect(piece).not.toMatch(/[<>]/);
    expect(piece.length).toBeLessThanOrEqual(220);
  }
  await page.keyboard.press('Space');
  await page.getByRole('status').filter({ hasText: 'Đã tạm dừng.' }).waitFor();
  const atPause = said.length;
  await page.waitForTimeout(900);
  expect(await page.evaluate(() => (window as unknown as { spoken: string[] }).spoken.length)).toBe(atPause);
  await page.keyboard.press('Space');
  await page.getByRole('status').filter({ hasText: 'Đang đọc bài.' }).waitFor();
  await page.getByRole('button', { name: 'Dừng đọc', exact: true }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'Đã dừng đọc.' }).waitFor();
  await expectAccessible(page, 'speech-stopped');
  expect(pageErrors).toEqual([]);
});

it('offers no button but a short note when there is neither narration nor a voice', async () => {
  const page = await newPhone();
  await page.addInitScript(() => {
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        getVoices: () => [],
        addEventListener: () => undefined,
        removeEventListener: () => undefined,
        cancel: () => undefined,
      },
    });
  });
  const lessons = await enrolled(page, 'online-health');
  await page.goto(`/lessons/${lessons.find((l) => l.kind === 'text')!.id}`);
  await page.getByText('Bài này chưa có phần nghe', { exact: false }).waitFor();
  expect(await page.getByRole('button', LISTEN).count()).toBe(0);
  await expectAccessible(page, 'no-voice');
});
