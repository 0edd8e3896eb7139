/**
 * A learner on an earlier version of a course, in a real browser on a phone-sized screen (360 × 740), with axe
 * (WCAG 2.2 A/AA) on every state and no horizontal scrolling (docs/crediting.md "Staying on a version"):
 *  - a teacher publishes v1 (api, after a reviewer approves it: review is mandatory); a learner enrols and reads the first lesson; the teacher publishes v2 with
 *    the first lesson rewritten (major), the last one removed and a new one added;
 *  - the learner's course page still shows v1's outline (the removed lesson too) and a notice naming what v2
 *    changes; the lesson page says so in one line with the same button;
 *  - the learner moves with the keyboard: the page announces it and shows v2's outline, the rewritten lesson to
 *    read again;
 *  - the teacher's learners report shows how many learners are on each version.
 *
 * Publishing puts courses in the catalogue that other suites count, so this file runs its own api and web app
 * (support/own-server.ts). Needs the browser project's global setup and a built dist/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';
import { grantReviewer, studioDraft, submitAndApprove, textLesson } from './support/review';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'course versions',
  ownServer: true,
  screenshotPrefix: 'versions',
  fitsPhoneWidth: true,
});

const text = (key: string, title: string, body: string) => textLesson(key, title, body, 2);
const draft = (title: string, lessons: unknown[]) =>
  studioDraft(title, 'Một khóa học có hai phiên bản.', lessons);

async function signedUp(name: string): Promise<{ page: Page; id: string }> {
  const page = await newPhone();
  const email = `versions-${randomUUID().slice(0, 12)}@example.com`;
  const { id } = await signUpThroughApi(page, { displayName: name, identifier: email, password: PASSWORD });
  return { page, id };
}

it('a learner on v1 keeps it, sees what v2 changes, moves with one button; the teacher sees the counts', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Khóa hai phiên bản ${tag}`;
  const courseId = `hai-phien-ban-${tag}`;
  const teacher = await signedUp(`Cô Phiên Bản ${tag}`);
  const admin = await newPhone();
  await signIn(admin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: teacher.id, role: 'teacher' });
  await apiFromPage(teacher.page, 'POST', '/teaching/courses', { id: courseId, title });
  const reviewer = await signedUp(`Người Duyệt ${tag}`);
  await grantReviewer(admin, reviewer.id);
  const publish = async (revision: number, lessons: unknown[], changes?: unknown[]) => {
    await apiFromPage(teacher.page, 'PUT', `/teaching/courses/${courseId}/draft`, {
      revision,
      document: draft(title, lessons),
    });
    await submitAndApprove(teacher.page, reviewer.page, courseId, revision + 1);
    await apiFromPage(teacher.page, 'POST', `/teaching/courses/${courseId}/publish`, {
      revision: revision + 1,
      ...(changes ? { changes } : {}),
    });
  };
  await publish(1, [
    text('mo-dau', 'Mở đầu', 'Nội dung phiên bản một.'),
    text('ket-thuc', 'Kết thúc', 'Bài này sẽ bị bỏ.'),
  ]);
  const v1 = await apiFromPage<{ publishedLessons: Array<{ key: string; lessonId: string }> }>(
    teacher.page,
    'GET',
    `/teaching/courses/${courseId}`,
  );
  const intro = v1.publishedLessons.find((l) => l.key === 'mo-dau')!.lessonId;

  const learner = await signedUp(`Bác Học Viên ${tag}`);
  const { page } = learner;
  await apiFromPage(page, 'POST', `/courses/${courseId}/enrol`, {});
  await apiFromPage(page, 'GET', `/lessons/${intro}`);

  await publish(
    2,
    [
      text('mo-dau', 'Mở đầu', 'Nội dung phiên bản hai: các bước đã đổi.'),
      text('bai-moi', 'Bài mới thêm', 'Một bài học mới.'),
    ],
    [{ lessonId: intro, change: 'major' }],
  );

  // The course page: still v1's outline, and the notice of v2 with what it changes.
  await page.goto(`/courses/${courseId}`);
  await heading(page, title);
  const notice = page.getByRole('region', { name: 'Khóa học đã có phiên bản mới (phiên bản 2)' });
  await notice.waitFor();
  await notice.getByText('Bạn đang học phiên bản 1').waitFor();
  await notice.getByRole('listitem').filter({ hasText: 'Bài mới thêm' }).waitFor();
  await notice.getByRole('listitem').filter({ hasText: 'Kết thúc' }).waitFor();
  const outline = page.getByRole('region', { name: 'Nội dung khóa học' });
  await outline.getByRole('link', { name: 'Kết thúc' }).waitFor();
  expect(await outline.getByRole('link', { name: 'Bài mới thêm' }).count()).toBe(0);
  await expectAccessible(page, 'course-page-v1-notice');

  // The lesson page: one line and the same button, v1's content.
  await page.goto(`/lessons/${intro}`);
  await heading(page, 'Mở đầu');
  await page.getByText('Nội dung phiên bản một.').waitFor();
  await page.getByText('Khóa học đã có phiên bản mới (phiên bản 2)').waitFor();
  await page.getByRole('button', { name: 'Chuyển sang phiên bản 2' }).waitFor();
  await expectAccessible(page, 'lesson-page-v1-notice');

  // Moving, from the keyboard, on the course page.
  await page.goto(`/courses/${courseId}`);
  const move = page.getByRole('button', { name: 'Chuyển sang phiên bản 2' });
  await move.focus();
  await page.keyboard.press('Enter');
  await page
    .getByRole('status')
    .filter({ hasText: 'Bạn đã chuyển sang phiên bản 2 của khóa học.' })
    .waitFor();
  await notice.waitFor({ state: 'detached' });
  await outline.getByRole('link', { name: 'Bài mới thêm' }).waitFor();
  expect(await outline.getByRole('link', { name: 'Kết thúc' }).count()).toBe(0);
  await expectAccessible(page, 'course-page-moved');

  // The teacher's learners report: one learner in progress on version 2, nobody left on version 1.
  await teacher.page.goto(`/teaching/courses/${courseId}/learners`);
  await heading(teacher.page, 'Số người theo phiên bản', 3);
  const table = teacher.page.getByRole('table', { name: 'Số người học theo từng phiên bản của khóa học' });
  await table.getByRole('row').filter({ hasText: 'Phiên bản 2 (hiện hành)' }).waitFor();
  expect(await table.getByRole('row').filter({ hasText: 'Phiên bản 1' }).count()).toBe(0);
  await expectAccessible(teacher.page, 'learners-per-version');
  expect(pageErrors).toEqual([]);
});
