/**
 * Review before publishing (docs/studio-review.md), teacher and reviewer each on their own phone (360 × 740),
 * with axe (WCAG 2.2 A/AA) on every page and no horizontal scrolling:
 *  - a teacher edits a published course and submits it for review from the editor; the reviewer finds
 *    "Duyệt khóa học" in the account menu, the course in the queue, and on its review page the changed lesson's
 *    removed and added text next to the unchanged one; comments on the lesson (an empty comment refused on its
 *    field); requests changes (an empty reason refused, then a reason);
 *  - the teacher sees the status, the reason and the open comment on the editor, fixes the lesson, resolves
 *    the comment and resubmits; the reviewer approves; the teacher publishes version 2;
 *  - a teacher who also reviews cannot decide their own draft: the review page says why and offers no
 *    buttons (the api refuses REVIEW_OWN_DRAFT); another reviewer whose page is older than the teacher's last
 *    edit is refused with the REVIEW_STALE message; a learner is told the queue is for reviewers.
 *
 * Publishing puts courses in the catalogue that other suites count, so this file runs its own api and web app
 * (support/own-server.ts). Needs the browser project's global setup and a built dist/.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  apiFromPage,
  callApi,
  heading,
  signIn,
  signUpThroughApi,
  usePhoneHarness,
} from './support/phone-harness';
import { grantReviewer, studioDraft, submitAndApprove, textLesson } from './support/review';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';

jest.setTimeout(240_000);

const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'course review',
  ownServer: true,
  screenshotPrefix: 'review',
  fitsPhoneWidth: true,
});

const lesson = (key: string, title: string, body: string) => textLesson(key, title, body, 3);
const draft = (title: string, lessons: unknown[]) =>
  studioDraft(title, 'Một khóa học được duyệt trước khi xuất bản.', lessons);

let admin: Page | undefined;

/** A fresh account on its own phone, given these roles by the demo system administrator (api). */
async function person(
  name: string,
  roles: Array<'teacher' | 'reviewer'>,
): Promise<{ page: Page; id: string }> {
  const page = await newPhone();
  const email = `review-${randomUUID().slice(0, 12)}@example.com`;
  const { id } = await signUpThroughApi(page, { displayName: name, identifier: email, password: PASSWORD });
  if (!admin) {
    admin = await newPhone();
    await signIn(admin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  }
  for (const role of roles)
    if (role === 'reviewer') await grantReviewer(admin, id);
    else await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: id, role });
  return { page, id };
}

it('teacher submits, reviewer comments and requests changes with a reason, teacher fixes and resubmits, reviewer approves, teacher publishes', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Thanh toán bằng mã QR ${tag}`;
  const courseId = `ma-qr-${tag}`;
  const teacher = await person(`Cô Giáo Soạn Bài ${tag}`, ['teacher']);
  const reviewer = await person(`Thầy Duyệt Bài ${tag}`, ['reviewer']);

  // Version 1 is published through the api (approved by the same reviewer): the review below is of an edit.
  await apiFromPage(teacher.page, 'POST', '/teaching/courses', { id: courseId, title });
  await apiFromPage(teacher.page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: draft(title, [
      lesson('quet-ma', 'Quét mã', 'Mở ứng dụng ngân hàng và chọn Quét mã.'),
      lesson('kiem-tra', 'Kiểm tra người nhận', 'Đọc kỹ tên người nhận trước khi xác nhận.'),
    ]),
  });
  await submitAndApprove(teacher.page, reviewer.page, courseId, 2);
  await apiFromPage(teacher.page, 'POST', `/teaching/courses/${courseId}/publish`, { revision: 2 });

  // 1. The teacher edits the first lesson and submits the edit for review from the editor.
  const { page } = teacher;
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  const firstBody = page.getByRole('textbox', { name: 'Nội dung bài đọc (tiếng Việt)' }).first();
  await firstBody.fill('Mở ứng dụng ngân hàng, chọn Quét mã rồi đưa camera vào mã QR.');
  await page.getByRole('button', { name: 'Gửi duyệt lại' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await page.getByText('Đang chờ duyệt', { exact: true }).waitFor();
  expect(await page.getByRole('button', { name: 'Xuất bản các thay đổi' }).count()).toBe(0);
  await expectAccessible(page, 'teacher-submitted');

  // 2. The reviewer's menu leads to the queue (a reviewer who does not teach sees no "Dạy học").
  const r = reviewer.page;
  await r.goto('/me/learning');
  await r.getByRole('button', { name: 'Tài khoản' }).click();
  const menu = r.locator('#account-menu');
  expect(await menu.getByRole('link', { name: 'Dạy học' }).count()).toBe(0);
  await menu.getByRole('link', { name: 'Duyệt khóa học' }).click();
  await heading(r, 'Khóa học chờ duyệt');
  const card = r.getByRole('listitem').filter({ has: r.getByRole('link', { name: title, exact: true }) });
  await card.getByText(`Người gửi: Cô Giáo Soạn Bài ${tag}`).waitFor();
  await card.getByText('Bản nháp số 3').waitFor();
  await expectAccessible(r, 'queue');
  await card.getByRole('link', { name: title, exact: true }).click();
  await r.waitForURL(`**/teaching/reviews/${courseId}`);
  await heading(r, title);

  // 3. The review page: the changed lesson shows the removed and the added text; the other is unchanged.
  await r.getByText('Đang chờ duyệt', { exact: true }).waitFor();
  const changed = r.getByRole('region', { name: /^Quét mã/ });
  await changed.getByText('Có thay đổi', { exact: true }).waitFor();
  const lines = changed.getByRole('list', { name: 'Các dòng thay đổi của bài “Quét mã”' });
  const removed = lines.getByRole('listitem').filter({ hasText: 'Bỏ:' });
  const added = lines.getByRole('listitem').filter({ hasText: 'Thêm:' });
  expect(await removed.count()).toBe(1);
  expect(await added.count()).toBe(1);
  await removed.getByText('Mở ứng dụng ngân hàng và chọn Quét mã.', { exact: false }).waitFor();
  await added.getByText('chọn Quét mã rồi đưa camera vào mã QR.', { exact: false }).waitFor();
  const unchanged = r.getByRole('region', { name: /^Kiểm tra người nhận/ });
  await unchanged.getByText('Không đổi', { exact: true }).waitFor();
  expect(await unchanged.getByRole('list', { name: /Các dòng thay đổi/ }).count()).toBe(0);
  await expectAccessible(r, 'review-page');

  // 4. A comment on the changed lesson: an empty one is refused on its field, then one is sent.
  const commentBox = changed.getByRole('textbox', { name: 'Góp ý mới cho bài “Quét mã”' });
  await changed.getByRole('button', { name: /^Gửi góp ý/ }).click();
  await changed.getByText('Hãy viết nội dung góp ý (tối đa 2000 ký tự).').waitFor();
  expect(await commentBox.getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(r, 'comment-empty');
  await commentBox.fill('Nên nói thêm: kiểm tra số tiền trước khi xác nhận.');
  await changed.getByRole('button', { name: /^Gửi góp ý/ }).click();
  await changed.getByRole('status').filter({ hasText: 'Đã gửi góp ý.' }).waitFor();
  await changed.getByText('Nên nói thêm: kiểm tra số tiền trước khi xác nhận.', { exact: true }).waitFor();
  expect(await commentBox.inputValue()).toBe('');

  // 5. Requesting changes needs a reason.
  const decision = r.getByRole('region', { name: 'Quyết định' });
  await decision.getByText('Quyết định áp dụng cho bản nháp số 3', { exact: false }).waitFor();
  await decision.getByRole('button', { name: 'Yêu cầu sửa' }).click();
  await decision.getByText('Hãy viết lý do yêu cầu sửa (tối đa 2000 ký tự).').waitFor();
  const reason = decision.getByRole('textbox', { name: 'Lý do yêu cầu sửa' });
  expect(await reason.getAttribute('aria-invalid')).toBe('true');
  await r.waitForFunction(() => document.activeElement?.id === 'review-reason');
  await expectAccessible(r, 'reason-empty');
  await reason.fill('Bài “Quét mã” chưa nhắc người học kiểm tra số tiền.');
  await decision.getByRole('button', { name: 'Yêu cầu sửa' }).click();
  await decision.getByRole('status').filter({ hasText: 'Đã gửi yêu cầu sửa cho giáo viên.' }).waitFor();
  await r.getByText('Người duyệt yêu cầu sửa', { exact: true }).waitFor();
  await decision.getByText('Khóa học này không chờ duyệt nên chưa có gì để quyết định.').waitFor();
  expect(await decision.getByRole('button', { name: 'Duyệt bản nháp này' }).count()).toBe(0);
  await expectAccessible(r, 'changes-requested');
  // The course left the queue.
  await r.getByRole('link', { name: 'Khóa học chờ duyệt' }).click();
  await heading(r, 'Khóa học chờ duyệt');
  await r.getByText('Không có khóa học nào đang chờ duyệt.').waitFor();
  await expectAccessible(r, 'queue-empty');

  // 6. The teacher sees the status, the reason and the open comment; fixes the lesson, resolves, resubmits.
  await page.reload();
  await heading(page, title);
  const panel = page.getByRole('region', { name: 'Duyệt trước khi xuất bản' });
  await panel.getByText('Người duyệt yêu cầu sửa', { exact: true }).waitFor();
  await panel.getByText('Lý do người duyệt yêu cầu sửa').waitFor();
  await panel.getByText('Bài “Quét mã” chưa nhắc người học kiểm tra số tiền.').waitFor();
  const open = panel.getByRole('listitem').filter({ hasText: 'Nên nói thêm: kiểm tra số tiền' });
  await open.getByText('Bài “Quét mã”:', { exact: false }).waitFor();
  await open.getByText(`Thầy Duyệt Bài ${tag}`, { exact: false }).waitFor();
  await expectAccessible(page, 'teacher-changes-requested');
  await firstBody.fill(
    'Mở ứng dụng ngân hàng, chọn Quét mã rồi đưa camera vào mã QR. Kiểm tra số tiền trước khi xác nhận.',
  );
  await open.getByRole('button', { name: /^Đánh dấu đã xử lý/ }).click();
  await panel.getByText('Chưa có góp ý nào.').waitFor();
  await panel.getByRole('button', { name: 'Gửi duyệt lại' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await panel.getByText('Đang chờ duyệt', { exact: true }).waitFor();
  expect(await panel.getByText('Lý do người duyệt yêu cầu sửa').count()).toBe(0);

  // 7. The reviewer sees the resolved comment and the new text, and approves.
  await r.goto(`/teaching/reviews/${courseId}`);
  await heading(r, title);
  const again = r.getByRole('region', { name: /^Quét mã/ });
  await again.getByText('mã QR. Kiểm tra số tiền trước khi xác nhận.', { exact: false }).waitFor();
  await again.getByText('Đã xử lý', { exact: true }).waitFor();
  await expectAccessible(r, 'review-resubmitted');
  await r.getByRole('button', { name: 'Duyệt bản nháp này' }).click();
  await r.getByRole('status').filter({ hasText: 'Đã duyệt. Giáo viên có thể xuất bản khóa học.' }).waitFor();
  await r.getByText('Đã được duyệt', { exact: true }).waitFor();
  await expectAccessible(r, 'approved');

  // 8. The teacher publishes the approved draft: version 2.
  await page.reload();
  await heading(page, title);
  await panel.getByText('Đã được duyệt', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Xuất bản các thay đổi' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 2.' }).waitFor();
  await expectAccessible(page, 'teacher-published');

  expect(pageErrors).toEqual([]);
});

it('a reviewer cannot decide their own draft (the page says why); a stale page is refused with its message', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Tự duyệt ${tag}`;
  const courseId = `tu-duyet-${tag}`;
  const both = await person(`Bà Vừa Dạy Vừa Duyệt ${tag}`, ['teacher', 'reviewer']);
  const other = await person(`Ông Người Duyệt Khác ${tag}`, ['reviewer']);
  await apiFromPage(both.page, 'POST', '/teaching/courses', { id: courseId, title });
  await apiFromPage(both.page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: draft(title, [lesson('bai-1', 'Bài một', 'Nội dung bài một.')]),
  });

  // Submitted from the editor; the author holds both roles, so the menu has both entries.
  const { page } = both;
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  const menu = page.locator('#account-menu');
  await menu.getByRole('link', { name: 'Dạy học' }).waitFor();
  await menu.getByRole('link', { name: 'Duyệt khóa học' }).click();
  await heading(page, 'Khóa học chờ duyệt');
  await page.getByRole('link', { name: title, exact: true }).click();
  await heading(page, title);

  // Their own draft: the reason instead of the buttons; every lesson is new (never published).
  const decision = page.getByRole('region', { name: 'Quyết định' });
  await decision
    .getByText('Bạn là người gửi duyệt bản nháp này nên không thể tự duyệt hay tự yêu cầu sửa', {
      exact: false,
    })
    .waitFor();
  expect(await decision.getByRole('button').count()).toBe(0);
  await page
    .getByRole('region', { name: /^Bài một/ })
    .getByText('Bài mới', { exact: true })
    .waitFor();
  await expectAccessible(page, 'own-draft');
  // Forged past the page, the api refuses it too.
  const forged = await callApi(page, 'POST', `/teaching/courses/${courseId}/approve`, { revision: 2 });
  expect([forged.status, forged.body?.code]).toEqual([403, 'REVIEW_OWN_DRAFT']);

  // Another reviewer opens the page; the author edits meanwhile; approving the page's revision is refused.
  const r = other.page;
  await r.goto(`/teaching/reviews/${courseId}`);
  await heading(r, title);
  await r.getByRole('button', { name: 'Duyệt bản nháp này' }).waitFor();
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 2,
    document: draft(title, [lesson('bai-1', 'Bài một', 'Nội dung bài một, đã sửa.')]),
  });
  await r.getByRole('button', { name: 'Duyệt bản nháp này' }).click();
  await r
    .getByRole('alert')
    .filter({ hasText: 'Bản nháp đã thay đổi từ khi bạn mở trang. Hãy tải lại rồi thử lại.' })
    .waitFor();
  await expectAccessible(r, 'stale');
  await r.reload();
  await heading(r, title);
  await r.getByText('Giáo viên đã sửa bản nháp sau khi gửi duyệt.', { exact: false }).waitFor();
  expect(await r.getByRole('button', { name: 'Duyệt bản nháp này' }).count()).toBe(0);
  await expectAccessible(r, 'edited-since-submitted');
  const state = await apiFromPage<{ status: string }>(r, 'GET', `/teaching/courses/${courseId}/review`);
  expect(state.status).toBe('in_review');

  // A learner without the role is told the queue is for reviewers.
  const learner = await newPhone();
  await signUpThroughApi(learner, {
    displayName: `Người Học ${tag}`,
    identifier: `review-learner-${randomUUID().slice(0, 12)}@example.com`,
    password: PASSWORD,
  });
  await learner.goto('/teaching/reviews');
  await heading(learner, 'Trang này dành cho người duyệt');
  await expectAccessible(learner, 'queue-no-access');

  expect(pageErrors).toEqual([]);
});
