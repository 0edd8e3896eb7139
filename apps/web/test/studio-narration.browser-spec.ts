/**
 * A lesson's narration in the teaching studio on a phone (360 × 740), with axe (WCAG 2.2 A/AA) on every state: a
 * teacher reaches the narration field of a text lesson with the keyboard, uploads a real MP3 (made here with the
 * npm ffmpeg), hears it in the preview player, saves, and after a reviewer's approval publishes; a learner then
 * gets the read-aloud control playing that file. A text file named .mp3 is refused with its reason first.
 * Needs the browser project's global setup and a built dist/ (api and web app).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeNarration } from './support/media-files';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';
import { grantReviewer, submitAndApprove, textLesson } from './support/review';

const PASSWORD = 'mat-khau-an-toan-2026';

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the studio narration',
  database: true,
  screenshotPrefix: 'studio-narration',
  fitsPhoneWidth: true,
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hvs-studio-narration-browser-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fresh account with `role`, granted by the demo system administrator. */
async function newAccount(name: string, role: 'teacher' | 'reviewer' | null): Promise<Page> {
  const page = await newPhone();
  const { id } = await signUpThroughApi(page, {
    displayName: name,
    identifier: `narration-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  if (role) {
    const admin = await newPhone();
    await signIn(admin, 'system-admin@demo.hocvuso.example', 'hocvuso-demo');
    if (role === 'reviewer') await grantReviewer(admin, id);
    else await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: id, role });
    await admin.context().close();
  }
  return page;
}

/** Presses Tab until the element with this id has the focus; fails after 80 presses. */
async function tabToId(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
  }
  throw new Error(`Tab never reached #${id}`);
}

it('attaches a narration with the keyboard, previews it, publishes it, and the learner hears it', async () => {
  const tag = randomUUID().slice(0, 6);
  const courseId = `doc-bai-${tag}`;
  const title = `Nghe bài học ${tag}`;
  const mp3 = join(dir, 'bai-doc.mp3');
  writeNarration(mp3, 2);
  const fake = join(dir, 'gia-mao.mp3');
  writeFileSync(fake, 'Đây là văn bản, không phải âm thanh.\n'.repeat(40));

  const page = await newAccount('Cô Mai dạy đọc', 'teacher');
  await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title });
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: {
      defaultLanguage: 'vi',
      languages: ['vi'],
      title: { vi: title },
      summary: { vi: 'Một bài đọc có tệp âm thanh.' },
      description: { vi: 'Nghe đọc bài bằng tệp của giáo viên.' },
      targetGroups: ['citizens'],
      subGroups: [],
      competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
      certificate: false,
      lessons: [textLesson('nghe-doc', 'Nghe đọc bài', 'Bấm nút để nghe cô giáo đọc bài này.')],
    },
  });
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  await page.getByRole('group', { name: 'Đọc bài (tệp âm thanh)' }).waitFor();
  await expectAccessible(page, 'narration-empty');

  // Keyboard: Tab reaches the file field, Space opens the picker. A text named .mp3 is refused, naming why.
  await page.locator('#lesson-0-title-vi').focus();
  await tabToId(page, 'lesson-0-narration-vi');
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  await (await chooser).setFiles(fake);
  await page.getByText('Tệp này không phải âm thanh MP3, M4A hoặc Ogg.', { exact: false }).waitFor();
  await expectAccessible(page, 'narration-refused');

  // The real file, through the same field (the keyboard's way to the picker is shown above; Chromium does not
  // always open a second picker for a key press so soon after the first one closed).
  await page.locator('#lesson-0-narration-vi').setInputFiles(mp3);
  await page
    .getByRole('status')
    .filter({ hasText: 'Đã gắn “bai-doc.mp3” làm tệp đọc bài tiếng Việt. Hãy lưu bản nháp.' })
    .waitFor();
  // The preview: a labelled player of the stored file, which loads and lasts what was uploaded.
  const preview = page.getByLabel('Nghe thử tệp đọc bài tiếng Việt', { exact: true });
  await preview.waitFor();
  const duration = await preview.evaluate(
    (el: HTMLAudioElement) =>
      new Promise<number>((resolve, reject) => {
        el.addEventListener('loadedmetadata', () => resolve(el.duration), { once: true });
        el.addEventListener('error', () => reject(new Error('the preview did not load')), { once: true });
        el.load();
      }),
  );
  expect(Math.abs(duration - 2)).toBeLessThan(0.3);
  await page.getByText('Tệp hiện tại: “bai-doc.mp3”', { exact: false }).waitFor();
  await expectAccessible(page, 'narration-attached');

  await page.getByRole('button', { name: 'Lưu bản nháp', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp' }).waitFor();
  const saved = await apiFromPage<{
    draft: { revision: number; document: { lessons: Array<{ audio?: Record<string, string> }> } };
  }>(page, 'GET', `/teaching/courses/${courseId}`);
  const narrationId = saved.draft.document.lessons[0]!.audio?.vi;
  expect(narrationId).toMatch(/^[0-9a-f-]{36}$/);

  // A reviewer approves this revision; the teacher publishes from the page.
  await submitAndApprove(page, await newAccount('Ông Duyệt', 'reviewer'), courseId, saved.draft.revision);
  await page.reload();
  await heading(page, title);
  await page.getByRole('button', { name: 'Xuất bản khóa học', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 1.' }).waitFor();

  // The learner: the read-aloud control plays the teacher's file (not the device's voice).
  const learner = await newAccount('Bà Lò Thị Hoa', null);
  await apiFromPage(learner, 'POST', `/courses/${courseId}/enrol`, {});
  const outline = await apiFromPage<{ modules: Array<{ lessons: Array<{ id: string }> }> }>(
    learner,
    'GET',
    `/courses/${courseId}?lang=vi`,
  );
  await learner.goto(`/lessons/${outline.modules[0]!.lessons[0]!.id}`);
  await heading(learner, 'Nghe đọc bài');
  const listen = learner.locator('.read-aloud').getByRole('button', { name: 'Nghe đọc bài', exact: true });
  await listen.waitFor();
  expect(await learner.locator('.read-aloud audio').getAttribute('src')).toBe(
    `/api/narrations/${narrationId}`,
  );
  await expectAccessible(learner, 'learner-narration');
  await listen.focus();
  await learner.keyboard.press('Enter');
  await learner.getByRole('status').filter({ hasText: 'Đang đọc bài.' }).waitFor();
  await learner.waitForFunction(
    () => ((document.querySelector('.read-aloud audio') as HTMLAudioElement | null)?.currentTime ?? 0) > 0,
  );
  expect(pageErrors).toEqual([]);
});
