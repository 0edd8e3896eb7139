/**
 * The teaching studio ("Dạy học") in a real browser on a phone-sized screen (360 × 740), with axe (WCAG 2.2
 * A/AA) on every state and no horizontal scrolling:
 *  - a new teacher (a fresh account the demo system administrator grants the teacher role, through the api)
 *    finds "Dạy học" in the account menu, creates a course (id suggested from the Vietnamese title, a taken id
 *    refused on the id field), tries to submit it for review empty (every problem listed, each a link to its
 *    field; no publish button before approval), writes it in Vietnamese with one reading lesson and one
 *    checklist lesson (moving and deleting lessons on the way), saves it, submits it for review, a reviewer
 *    approves it on the review page, and the teacher publishes it;
 *  - a visitor sees it in the catalogue page of the course; a learner enrols (api) and the teacher's report
 *    lists them, filters by status and downloads the CSV;
 *  - a teacher builds a quiz (a question of each kind, the right answers marked, warnings inline and in the
 *    review list, steps and questions moved with buttons from the keyboard), saves, submits, has it approved
 *    (review page) and publishes it;
 *  - on a second course: a save made behind the page's back (api) makes the page's save a conflict that keeps
 *    the teacher's text until they choose; leaving with unsaved changes asks first; co-teachers (an unknown
 *    one refused, the last owner kept); unpublishing after confirming; the English interface;
 *  - editing a published lesson: resubmitting saves and submits, and once approved publishing asks, for that
 *    lesson only, whether the change is minor or major (radios chosen from the keyboard) and sends the
 *    choice; the lesson keeps its address.
 * Review is mandatory (docs/studio-review.md): every publish here follows a reviewer's approval, given on the
 * review page where the journey is the teacher's, and through the api for courses set up through the api.
 *
 * Publishing puts courses in the catalogue that other suites count, so this file runs its own api and web app
 * on a database of its own (support/own-server.ts), prepared like the run database.
 * Needs the browser project's global setup (TEST_SERVER_URL) and a built dist/.
 * Set E2E_SCREENSHOTS=/some/dir to keep a screenshot of every checked state.
 */
import { randomUUID } from 'node:crypto';
import { type Locator, type Page } from 'playwright-core';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';
import { grantReviewer, submitAndApprove } from './support/review';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';

jest.setTimeout(240_000);

// Every checked state: axe (zero violations), and nothing wider than the phone except inside tables.
const { newPhone, expectAccessible, pageErrors } = usePhoneHarness({
  purpose: 'the teaching studio',
  ownServer: true,
  screenshotPrefix: 'studio',
  fitsPhoneWidth: true,
  context: { acceptDownloads: true },
});

/** Waits until the element with this id has focus (the app moves focus after React has drawn the change). */
async function expectFocus(page: Page, id: string): Promise<void> {
  await page
    .waitForFunction((wanted) => document.activeElement?.id === wanted, id, { timeout: 5000 })
    .catch(async () => {
      const actual = await page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
      throw new Error(`expected focus on #${id}, found it on ${actual}`);
    });
}

/** Waits until this element has focus. */
async function expectFocused(locator: Locator): Promise<void> {
  await locator.evaluate(
    (el) =>
      new Promise<void>((resolve, reject) => {
        const start = performance.now();
        const check = () => {
          if (el === document.activeElement) resolve();
          else if (performance.now() - start > 5000)
            reject(new Error(`not focused; focus is on ${document.activeElement?.outerHTML.slice(0, 80)}`));
          else requestAnimationFrame(check);
        };
        check();
      }),
  );
}

/** Whether leaving the page now would make the browser warn (the page cancels `beforeunload`). */
const warnsBeforeUnload = (page: Page) =>
  page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });

/** Signs up a fresh account from this phone (api); returns its id. */
async function signUp(page: Page, displayName: string, email: string): Promise<string> {
  const me = await signUpThroughApi(page, { displayName, identifier: email, password: PASSWORD });
  return me.id;
}

let systemAdmin: Page | undefined;

/** A fresh teacher: signed up on their phone, given the teacher role by the demo system administrator. */
async function newTeacher(name: string): Promise<{ page: Page; email: string; id: string }> {
  const page = await newPhone();
  const email = `teacher-${randomUUID().slice(0, 12)}@example.com`;
  const id = await signUp(page, name, email);
  if (!systemAdmin) {
    systemAdmin = await newPhone();
    await signIn(systemAdmin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  }
  await apiFromPage(systemAdmin, 'POST', '/admin/role-grants', { userId: id, role: 'teacher' });
  return { page, email, id };
}

let reviewerPage: Page | undefined;

/** This file's reviewer: a fresh account the demo system administrator grants the reviewer role (api). */
async function reviewer(): Promise<Page> {
  if (!reviewerPage) {
    const page = await newPhone();
    const id = await signUp(page, 'Đỗ Văn Người Duyệt', `reviewer-${randomUUID().slice(0, 12)}@example.com`);
    if (!systemAdmin) {
      systemAdmin = await newPhone();
      await signIn(systemAdmin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
    }
    await grantReviewer(systemAdmin, id);
    reviewerPage = page;
  }
  return reviewerPage;
}

/** The reviewer approves the submitted draft on the course's review page, as a reviewer would. */
async function approveOnReviewPage(courseId: string, title: string): Promise<void> {
  const page = await reviewer();
  await page.goto(`/teaching/reviews/${courseId}`);
  await heading(page, title);
  await page.getByRole('button', { name: 'Duyệt bản nháp này' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã duyệt.' }).waitFor();
}

/** Sets up a course through the api as published: the teacher submits revision 2, a reviewer approves (api). */
async function publishThroughApi(page: Page, courseId: string): Promise<void> {
  await submitAndApprove(page, await reviewer(), courseId, 2);
  await apiFromPage(page, 'POST', `/teaching/courses/${courseId}/publish`, { revision: 2 });
}

it('lets a teacher create, write, publish and follow a course, from an empty draft to a report', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Dùng Zalo an toàn ${tag}`;
  const courseId = `dung-zalo-an-toan-${tag}`;
  const { page } = await newTeacher(`Lê Thị Giáo Viên ${tag}`);

  // 1. The account menu has "Dạy học" for a teacher; the studio starts empty.
  await page.goto('/me/learning');
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  // A teacher who does not review sees no review queue in the menu.
  expect(await page.locator('#account-menu').getByRole('link', { name: 'Duyệt khóa học' }).count()).toBe(0);
  await page.locator('#account-menu').getByRole('link', { name: 'Dạy học' }).click();
  await heading(page, 'Khóa học tôi dạy');
  await page.getByText('Bạn chưa dạy khóa học nào.', { exact: false }).waitFor();
  await expectAccessible(page, 'my-courses-empty');

  // 2. Creating a course: nothing typed, then an id that is taken, then the suggested id.
  const titleBox = page.getByRole('textbox', { name: 'Tên khóa học' });
  const idBox = page.getByRole('textbox', { name: 'Mã khóa học', exact: true });
  await page.getByRole('button', { name: 'Tạo khóa học' }).click();
  await page.getByText('Hãy nhập tên khóa học.').waitFor();
  await page.getByText('Hãy nhập mã khóa học.').waitFor();
  await expectFocus(page, 'new-course-title');
  expect(await titleBox.getAttribute('aria-invalid')).toBe('true');
  await expectAccessible(page, 'create-course-empty');

  await titleBox.fill(title);
  expect(await idBox.inputValue()).toBe(courseId);
  await page.getByText(`Địa chỉ trang khóa học: /courses/${courseId}`).waitFor();
  await idBox.fill('online-scams');
  await page.getByRole('button', { name: 'Tạo khóa học' }).click();
  await page.getByText('Mã này đã có khóa học khác dùng.', { exact: false }).waitFor();
  await expectFocus(page, 'new-course-id');
  expect(await idBox.getAttribute('aria-invalid')).toBe('true');
  expect(await idBox.getAttribute('aria-describedby')).toContain('new-course-id-error');
  await expectAccessible(page, 'create-course-id-taken');

  await idBox.fill(courseId);
  await page.getByRole('button', { name: 'Tạo khóa học' }).click();
  await page.waitForURL(`**/teaching/courses/${courseId}`);
  await heading(page, title);
  await page.getByRole('status').filter({ hasText: 'Đã tạo khóa học.' }).waitFor();
  await page.getByText('Bản nháp, chưa xuất bản').first().waitFor();
  await expectAccessible(page, 'editor-new');

  // 3. Review is mandatory: no publish button before approval. Submitting an empty draft for review lists
  // what is missing, each a link to its field.
  expect(await page.getByRole('button', { name: 'Xuất bản khóa học' }).count()).toBe(0);
  await page.getByText('Chỉ xuất bản được sau khi người duyệt chấp thuận đúng bản nháp đã lưu.').waitFor();
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'Chưa gửi duyệt được' });
  await problems.waitFor();
  await expectFocused(problems);
  for (const text of [
    'Chưa có tóm tắt (tiếng Việt).',
    'Hãy chọn ít nhất một nhóm đối tượng.',
    'Hãy chọn ít nhất một năng lực số.',
    'Khóa học cần ít nhất một bài học.',
  ])
    await problems.getByRole('link', { name: text }).waitFor();
  await expectAccessible(page, 'editor-publish-problems');
  await problems.getByRole('link', { name: 'Chưa có tóm tắt (tiếng Việt).' }).click();
  await expectFocus(page, 'course-summary-vi');
  const summary = page.getByRole('textbox', { name: 'Tóm tắt (tiếng Việt)' });
  expect(await summary.getAttribute('aria-invalid')).toBe('true');

  // 4. Writing the course in Vietnamese.
  await summary.fill('Nhắn tin, gọi video và giữ tài khoản Zalo an toàn, từng bước một.');
  expect(await summary.getAttribute('aria-invalid')).toBeNull();
  await page
    .getByRole('textbox', { name: 'Giới thiệu (tiếng Việt)' })
    .fill('Khóa học dành cho **người mới bắt đầu**.\n\n- Nhắn tin\n- Gọi video');
  await page.getByRole('checkbox', { name: 'Người dân', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Người cao tuổi' }).check();
  const competency = page.getByRole('combobox', { name: 'Năng lực', exact: true });
  await competency.locator('option[value="1.1"]').waitFor({ state: 'attached' });
  await competency.selectOption('1.1');
  await page.getByRole('combobox', { name: 'Mức (không bắt buộc)' }).selectOption('2');
  await page.getByRole('button', { name: 'Thêm năng lực' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã thêm năng lực 1.1' }).waitFor();
  expect(await page.getByRole('combobox', { name: 'Mức của năng lực 1.1' }).inputValue()).toBe('2');

  await page.getByRole('button', { name: 'Thêm bài đọc' }).click();
  await expectFocus(page, 'lesson-0-title-vi');
  await page.getByRole('textbox', { name: 'Tên bài (tiếng Việt)' }).fill('Mở đầu');
  await page
    .getByRole('textbox', { name: 'Nội dung bài đọc (tiếng Việt)' })
    .fill('Chào các bác. Zalo giúp nhắn tin và gọi điện **miễn phí** qua mạng.');

  await page.getByRole('button', { name: 'Thêm bài thực hành (danh sách việc cần làm)' }).click();
  await expectFocus(page, 'lesson-1-title-vi');
  await page.locator('#lesson-1-title-vi').fill('Thực hành');
  await page.getByRole('textbox', { name: 'Việc 1 (tiếng Việt)' }).fill('Mở ứng dụng Zalo');
  await page.getByRole('button', { name: 'Thêm việc' }).click();
  await expectFocus(page, 'lesson-1-item-1-vi');
  await page.getByRole('textbox', { name: 'Việc 2 (tiếng Việt)' }).fill('Gọi video cho người thân');

  // Moving with buttons: the checklist goes up (focus stays on its button), then back down.
  const lessonHeadings = () => page.locator('.lesson-editor__title').allTextContents();
  await page.getByRole('button', { name: 'Chuyển lên bài 2' }).click();
  expect(await lessonHeadings()).toEqual(['Bài 1: Thực hành', 'Bài 2: Mở đầu']);
  await expectFocus(page, 'lesson-0-up');
  await page.getByRole('status').filter({ hasText: 'Đã chuyển bài “Thực hành” tới vị trí 1.' }).waitFor();
  expect(await page.getByRole('button', { name: 'Chuyển lên bài 1' }).getAttribute('aria-disabled')).toBe(
    'true',
  );
  await page.getByRole('button', { name: 'Chuyển xuống bài 1' }).click();
  expect(await lessonHeadings()).toEqual(['Bài 1: Mở đầu', 'Bài 2: Thực hành']);

  // A third lesson, deleted after confirming in a dialog.
  await page.getByRole('button', { name: 'Thêm bài đọc' }).click();
  await page.locator('#lesson-2-title-vi').fill('Bài thừa');
  await page.getByRole('button', { name: 'Xóa bài 3' }).click();
  const dialog = page.getByRole('dialog', { name: 'Xóa bài “Bài thừa”?' });
  await dialog.waitFor();
  await expectFocused(dialog.getByRole('button', { name: 'Không xóa' }));
  await expectAccessible(page, 'editor-delete-dialog');
  await dialog.getByRole('button', { name: 'Xóa bài' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect(await lessonHeadings()).toEqual(['Bài 1: Mở đầu', 'Bài 2: Thực hành']);
  await expectFocus(page, 'course-lessons-heading');
  await page.getByText('Có thay đổi chưa lưu.').waitFor();
  await expectAccessible(page, 'editor-filled');

  // 5. Saving, then publishing.
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp lúc' }).waitFor();
  await page.getByText('Mọi thay đổi đã được lưu.').waitFor();
  const saved = await apiFromPage<{
    draft: {
      revision: number;
      document: { lessons: Array<{ key: string; kind: string }>; summary: { vi: string } };
    };
  }>(page, 'GET', `/teaching/courses/${courseId}`);
  expect(saved.draft.revision).toBe(2);
  expect(saved.draft.document.lessons.map((l) => [l.key, l.kind])).toEqual([
    ['bai-1', 'text'],
    ['bai-2', 'checklist'],
  ]);
  await expectAccessible(page, 'editor-saved');

  // Submitted for review; a reviewer approves it on the review page; the teacher (reloading) may publish.
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await page.getByText('Đang chờ duyệt', { exact: true }).waitFor();
  expect(await page.getByRole('button', { name: 'Xuất bản khóa học' }).count()).toBe(0);
  await expectAccessible(page, 'editor-in-review');
  await approveOnReviewPage(courseId, title);
  await page.reload();
  await heading(page, title);
  await page.getByText('Đã được duyệt', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Xuất bản khóa học' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 1.' });
  await done.waitFor();
  await expectFocused(done);
  await page.locator('main header').getByText('Đã xuất bản').waitFor();
  await page.getByRole('button', { name: 'Ngừng xuất bản' }).waitFor();
  // Nothing left to publish until something changes.
  expect(await page.getByRole('button', { name: /^Xuất bản/ }).count()).toBe(0);
  await expectAccessible(page, 'editor-published');
  await done.getByRole('link', { name: 'Xem trang khóa học' }).click();
  await page.waitForURL(`**/courses/${courseId}`);
  await heading(page, title);

  // 6. A visitor (not signed in) finds the course page with both lessons.
  const visitor = await newPhone();
  await visitor.goto(`/courses/${courseId}`);
  await heading(visitor, title);
  await visitor.getByText('Nhắn tin, gọi video và giữ tài khoản Zalo an toàn, từng bước một.').waitFor();
  await visitor.getByText('Mở đầu', { exact: true }).waitFor();
  await visitor.getByText('Thực hành', { exact: true }).waitFor();
  await expectAccessible(visitor, 'public-course');

  // 7. A learner enrols; another enrols and then deletes their account. The teacher's report lists both,
  // the second without a name.
  const learnerName = `Trần Văn Học Trò ${tag}`;
  await signUp(visitor, learnerName, `learner-${randomUUID().slice(0, 12)}@example.com`);
  await apiFromPage(visitor, 'POST', `/courses/${courseId}/enrol?lang=vi`);
  const leaver = await newPhone();
  await signUp(leaver, `Người Rời Đi ${tag}`, `leaver-${randomUUID().slice(0, 12)}@example.com`);
  await apiFromPage(leaver, 'POST', `/courses/${courseId}/enrol?lang=vi`);
  await apiFromPage(leaver, 'DELETE', '/me/account', { password: PASSWORD });

  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  await page
    .getByRole('navigation', { name: 'Các phần của khóa học' })
    .getByRole('link', { name: 'Người học' })
    .click();
  await heading(page, 'Người học', 2);
  const counts = page.getByRole('region', { name: 'Số người theo trạng thái' });
  expect(await counts.locator('.counts__item').first().textContent()).toBe('2Đã đăng ký');
  const table = page.getByRole('table', { name: `Người học của khóa “${title}”` });
  const row = table.getByRole('row').filter({ hasText: learnerName });
  await row.getByText('Chưa bắt đầu').waitFor();
  await row.getByText('0/2').waitFor();
  await row.getByText('Chưa cấp').waitFor();
  await table.getByRole('row').filter({ hasText: '(đã xóa tài khoản)' }).getByText('Chưa bắt đầu').waitFor();
  expect(await table.getByText(`Người Rời Đi ${tag}`).count()).toBe(0);
  await expectAccessible(page, 'learners-report');

  const filters = page.getByRole('navigation', { name: 'Lọc theo trạng thái' });
  await filters.getByRole('link', { name: 'Đang học (0)' }).click();
  await page.getByText('Không có người học nào ở trạng thái này.').waitFor();
  expect(await filters.getByRole('link', { name: 'Đang học (0)' }).getAttribute('aria-current')).toBe('page');
  await expectAccessible(page, 'learners-report-filtered');

  const csvLink = page.getByRole('link', { name: /Tải danh sách \(CSV\)/ });
  expect(await csvLink.getAttribute('href')).toBe(`/api/teaching/courses/${courseId}/learners.csv`);
  const [download] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  expect(download.suggestedFilename()).toBe(`course-${courseId}-learners.csv`);
  const csv = await new Promise<string>((resolveText, reject) => {
    void download.createReadStream().then((stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolveText(Buffer.concat(chunks).toString('utf8')));
      stream.on('error', reject);
    }, reject);
  });
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines[0]).toBe(
    'name,status,completed_lessons,total_lessons,enrolled_at,last_activity_at,completed_at,certificate_issued',
  );
  expect(lines.slice(1).find((l) => l.startsWith(learnerName))).toMatch(
    new RegExp(`^${learnerName},not_started,0,2,\\d{4}-\\d{2}-\\d{2}T.*,no$`),
  );
  expect(lines).toHaveLength(3);
  expect(lines.filter((l) => l.startsWith(',not_started,0,2,'))).toHaveLength(1);
  expect(csv).not.toContain('Người Rời Đi');

  // 8. The course is on "Khóa học tôi dạy" with its status and learner count.
  await page.getByRole('link', { name: 'Khóa học tôi dạy' }).first().click();
  await heading(page, 'Khóa học tôi dạy');
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await card.getByText('Đã xuất bản').waitFor();
  await card.getByText('2 người học, 0 người đã hoàn thành').waitFor();
  await card.getByText('Vai trò của bạn: Chủ khóa học').waitFor();
  await expectAccessible(page, 'my-courses-published');

  expect(pageErrors).toEqual([]);
});

it('lets a teacher build a quiz on a phone: questions of each kind, right answers, warnings, reordering with buttons, publishing', async () => {
  const tag = randomUUID().slice(0, 6);
  const courseId = `kiem-tra-zalo-${tag}`;
  const title = `Kiểm tra Zalo ${tag}`;
  const { page } = await newTeacher(`Phạm Văn Ra Đề ${tag}`);
  // The course around the quiz, through the api: the quiz is what this test builds in the page.
  await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title });
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: {
      defaultLanguage: 'vi',
      languages: ['vi'],
      title: { vi: title },
      summary: { vi: 'Nhắn tin an toàn.' },
      description: { vi: '' },
      targetGroups: ['citizens'],
      competencies: [{ framework: 'tt02-2025', code: '1.1', level: null }],
      lessons: [
        {
          key: 'bai-1',
          kind: 'text',
          title: { vi: 'Mở đầu' },
          minutes: 5,
          body: { vi: 'Xin chào các bác.' },
        },
      ],
    },
  });
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);

  // 1. A quiz lesson with its settings.
  await page.getByRole('button', { name: 'Thêm bài kiểm tra' }).click();
  await expectFocus(page, 'lesson-1-title-vi');
  await page.locator('#lesson-1-title-vi').fill('Bài kiểm tra cuối khóa');
  await page.getByRole('spinbutton', { name: 'Số câu hỏi mỗi lần làm bài' }).fill('2');
  await page.getByRole('spinbutton', { name: 'Điểm đạt (%)' }).fill('80');
  await page
    .getByRole('combobox', { name: 'Khi nào cho người học xem đáp án và giải thích' })
    .selectOption('afterLastAttempt');
  const review = page.getByRole('region', { name: 'Bài kiểm tra cần xem lại' });
  await review.getByText('Bài 2: bài kiểm tra chưa có câu hỏi nào.').waitFor();
  await review.locator('.tag', { hasText: 'Chặn xuất bản' }).first().waitFor();

  // 2. A one-answer question: the warnings show while it is being written, inline and in the review list.
  await page.getByRole('button', { name: 'Thêm câu một đáp án' }).click();
  await expectFocus(page, 'lesson-1-q-0-prompt-vi');
  await page.locator('#lesson-1-q-0-prompt-vi').fill('Ai được biết mã OTP của bác?');
  const q1 = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Câu 1', exact: true }) });
  await q1.getByText('Bài 2, câu 1: chưa đánh dấu đáp án đúng.').waitFor();
  const options = ['Chỉ mình bác', 'Nhân viên ngân hàng', 'Người thân trong nhà', 'Công an gọi điện'];
  for (const [k, text] of options.entries()) await page.locator(`#lesson-1-q-0-opt-${k}-vi`).fill(text);
  await page.getByRole('radio', { name: 'Lựa chọn 1 là đáp án đúng' }).check();
  expect(await q1.getByText('chưa đánh dấu đáp án đúng').count()).toBe(0);
  await q1.getByText('Bài 2, câu 1: chưa có giải thích đáp án (tiếng Việt).').waitFor();
  await review.getByText('Bài 2: ngân hàng có 1 câu nhưng mỗi lần làm bài rút 2 câu.').waitFor();
  await expectAccessible(page, 'quiz-one-question-warnings');
  await page
    .locator('#lesson-1-q-0-explanation-vi')
    .fill('Mã OTP chỉ dành cho chính bác; không ai khác được hỏi.');

  // 3. A true/false question and an ordering question; the steps and the questions move with buttons.
  await page.getByRole('button', { name: 'Thêm câu đúng/sai' }).click();
  await expectFocus(page, 'lesson-1-q-1-prompt-vi');
  await page.locator('#lesson-1-q-1-prompt-vi').fill('Nên bấm vào đường dẫn lạ trong tin nhắn.');
  await page.locator('#lesson-1-q-1-answer-false').check();
  await page.locator('#lesson-1-q-1-explanation-vi').fill('Đường dẫn lạ có thể lấy mất tài khoản.');
  await page.getByRole('button', { name: 'Thêm câu sắp xếp' }).click();
  await page.locator('#lesson-1-q-2-prompt-vi').fill('Sắp xếp các bước đổi mật khẩu Zalo');
  for (const [k, text] of ['Mở Cài đặt', 'Đổi mật khẩu', 'Chọn Tài khoản và bảo mật'].entries())
    await page.locator(`#lesson-1-q-2-opt-${k}-vi`).fill(text);
  // Keyboard only: the third step goes up one place with its button.
  await page.locator('#lesson-1-q-2-opt-2-up').focus();
  await page.keyboard.press('Enter');
  await expectFocus(page, 'lesson-1-q-2-opt-1-up');
  expect(await page.locator('#lesson-1-q-2-opt-1-vi').inputValue()).toBe('Chọn Tài khoản và bảo mật');
  await page
    .locator('#lesson-1-q-2-explanation-vi')
    .fill('Cài đặt, rồi Tài khoản và bảo mật, rồi đổi mật khẩu.');
  await page.getByRole('button', { name: 'Chuyển câu lên 3' }).click();
  await expectFocus(page, 'lesson-1-q-1-up');
  await page.getByRole('status').filter({ hasText: 'Đã chuyển câu tới vị trí 2.' }).waitFor();
  expect(await page.locator('#lesson-1-q-1-prompt-vi').inputValue()).toBe(
    'Sắp xếp các bước đổi mật khẩu Zalo',
  );
  expect(await page.locator('#lesson-1-q-0-competency').inputValue()).toBe('tt02-2025:1.1');
  // What is left is a warning only (a retake would see the same questions): publishing is allowed.
  await review.getByText('Bài 2: ngân hàng có 3 câu; nên có 4 câu để lần làm lại gặp câu hỏi mới.').waitFor();
  expect(await review.locator('.tag', { hasText: 'Chặn xuất bản' }).count()).toBe(0);
  expect(await review.locator('.tag', { hasText: 'Cảnh báo' }).count()).toBe(1);
  await expectAccessible(page, 'quiz-three-questions');

  // 4. Save and publish; the saved draft holds the quiz as built.
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp lúc' }).waitFor();
  const saved = await apiFromPage<{
    draft: {
      document: {
        lessons: Array<{
          kind: string;
          settings?: { questionsPerAttempt: number; passMark: number; reveal: string };
          questions?: Array<{
            type: string;
            options?: Array<{ correct: boolean }>;
            items?: Array<{ text: { vi: string } }>;
            answer?: boolean;
          }>;
        }>;
      };
    };
  }>(page, 'GET', `/teaching/courses/${courseId}`);
  const quiz = saved.draft.document.lessons[1]!;
  expect(quiz.kind).toBe('quiz');
  expect(quiz.settings).toMatchObject({ questionsPerAttempt: 2, passMark: 80, reveal: 'afterLastAttempt' });
  expect(quiz.questions!.map((q) => q.type)).toEqual(['single', 'ordering', 'truefalse']);
  expect(quiz.questions![0]!.options!.map((o) => o.correct)).toEqual([true, false, false, false]);
  expect(quiz.questions![1]!.items!.map((i) => i.text.vi)).toEqual([
    'Mở Cài đặt',
    'Chọn Tài khoản và bảo mật',
    'Đổi mật khẩu',
  ]);
  expect(quiz.questions![2]!.answer).toBe(false);
  await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await approveOnReviewPage(courseId, title);
  await page.reload();
  await heading(page, title);
  await page.getByRole('button', { name: 'Xuất bản khóa học' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 1.' }).waitFor();
  await expectAccessible(page, 'quiz-published');

  // 5. A learner sees the quiz lesson in the course.
  const learner = await newPhone();
  await learner.goto(`/courses/${courseId}`);
  await heading(learner, title);
  await learner.getByText('Bài kiểm tra cuối khóa', { exact: true }).waitFor();
  expect(pageErrors).toEqual([]);
});

interface CourseDetail {
  draft: { revision: number; document: Record<string, unknown> & { summary: { vi: string } } };
}

it('keeps the teacher’s text on a conflict, asks before leaving unsaved, manages co-teachers and unpublishes', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Gọi video cho con cháu ${tag}`;
  const courseId = `goi-video-${tag}`;
  const { page } = await newTeacher(`Phạm Thị Chủ Khóa ${tag}`);
  // A published course to start from, made through the api.
  await page.goto('/');
  await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title });
  const draftDocument = {
    defaultLanguage: 'vi',
    languages: ['vi'],
    title: { vi: title },
    summary: { vi: 'Gọi video qua Zalo cho người thân ở xa.' },
    description: { vi: '' },
    targetGroups: ['citizens'],
    subGroups: [],
    competencies: [{ framework: 'tt02-2025', code: '2.1', level: null }],
    certificate: true,
    lessons: [
      {
        key: 'bai-1',
        kind: 'text',
        title: { vi: 'Bắt đầu' },
        minutes: 5,
        body: { vi: 'Mở Zalo, chọn người thân.' },
      },
    ],
  };
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: draftDocument,
  });
  await publishThroughApi(page, courseId);

  // 1. A conflict: the page edits the summary while a save happens behind its back.
  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  const summary = page.getByRole('textbox', { name: 'Tóm tắt (tiếng Việt)' });
  await summary.fill('Bản tóm tắt tôi đang viết trên điện thoại.');
  const current = await apiFromPage<CourseDetail>(page, 'GET', `/teaching/courses/${courseId}`);
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: current.draft.revision,
    document: { ...current.draft.document, summary: { vi: 'Bản tóm tắt người khác vừa lưu.' } },
  });
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Có người khác đã lưu khóa học này' });
  await conflict.waitFor();
  await expectFocused(conflict);
  expect(await summary.inputValue()).toBe('Bản tóm tắt tôi đang viết trên điện thoại.');
  await page.getByRole('status').filter({ hasText: 'Chưa lưu được bản nháp.' }).waitFor();
  await expectAccessible(page, 'editor-conflict');

  // Loading the latest version shows the other save; the teacher's text goes only because they chose it.
  await conflict.getByRole('button', { name: 'Tải bản mới nhất (bỏ thay đổi của tôi)' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã tải bản mới nhất của khóa học.' }).waitFor();
  expect(await summary.inputValue()).toBe('Bản tóm tắt người khác vừa lưu.');
  expect(await conflict.count()).toBe(0);
  expect(await warnsBeforeUnload(page)).toBe(false);

  // The same again, and this time the teacher keeps theirs over the other save.
  await summary.fill('Bản của tôi, lưu đè.');
  const again = await apiFromPage<CourseDetail>(page, 'GET', `/teaching/courses/${courseId}`);
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: again.draft.revision,
    document: { ...again.draft.document, summary: { vi: 'Lại một bản khác.' } },
  });
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await conflict.getByRole('button', { name: 'Lưu đè bằng bản của tôi' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã lưu bản nháp lúc' }).waitFor();
  const overwritten = await apiFromPage<CourseDetail>(page, 'GET', `/teaching/courses/${courseId}`);
  expect(overwritten.draft.document.summary.vi).toBe('Bản của tôi, lưu đè.');
  await page.locator('main header').getByText('Có thay đổi chưa xuất bản').waitFor();
  // The saved edit is not what the reviewer approved: it goes to review again before it can be published.
  await page.getByText('Đã sửa sau khi duyệt: cần gửi duyệt lại', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Gửi duyệt lại' }).waitFor();
  expect(await page.getByRole('button', { name: 'Xuất bản các thay đổi' }).count()).toBe(0);

  // 2. Leaving with unsaved changes asks first (closing the tab too); staying keeps the text.
  await summary.fill('Chưa lưu thay đổi này.');
  expect(await warnsBeforeUnload(page)).toBe(true);
  const tabs = page.getByRole('navigation', { name: 'Các phần của khóa học' });
  await tabs.getByRole('link', { name: 'Người dạy' }).click();
  const leave = page.getByRole('dialog', { name: 'Rời trang khi chưa lưu?' });
  await leave.waitFor();
  await expectAccessible(page, 'editor-leave-dialog');
  await leave.getByRole('button', { name: 'Ở lại trang' }).click();
  await leave.waitFor({ state: 'hidden' });
  expect(new URL(page.url()).pathname).toBe(`/teaching/courses/${courseId}`);
  expect(await summary.inputValue()).toBe('Chưa lưu thay đổi này.');
  await tabs.getByRole('link', { name: 'Người dạy' }).click();
  await leave.getByRole('button', { name: 'Rời trang, bỏ thay đổi' }).click();
  await page.waitForURL(`**/teaching/courses/${courseId}/staff`);

  // 3. Co-teachers: an unknown address is refused on its field; the last owner cannot be removed.
  await heading(page, 'Người dạy khóa học', 2);
  const me = page.getByRole('listitem').filter({ hasText: `Phạm Thị Chủ Khóa ${tag}` });
  await me.getByText('Chủ khóa học').waitFor();
  await expectAccessible(page, 'staff');
  const identifier = page.getByRole('textbox', { name: 'Email hoặc số điện thoại' });
  await identifier.fill(`khong-co-ai-${tag}@example.com`);
  await page.getByRole('button', { name: 'Thêm người dạy' }).click();
  await page
    .getByText('Không có giáo viên nào đăng nhập bằng email hoặc số điện thoại này.', { exact: false })
    .waitFor();
  expect(await identifier.getAttribute('aria-invalid')).toBe('true');
  await expectFocus(page, 'staff-identifier');
  await expectAccessible(page, 'staff-teacher-not-found');

  await me.getByRole('button', { name: /^Bỏ khỏi khóa học/ }).click();
  const remove = page.getByRole('dialog', { name: /^Bỏ Phạm Thị Chủ Khóa/ });
  await remove.getByRole('button', { name: 'Bỏ người này' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'khóa học phải luôn có ít nhất một chủ khóa học' })
    .waitFor();
  await expectAccessible(page, 'staff-last-owner');

  // A second teacher joins as editor and is removed again.
  const other = await newTeacher(`Đỗ Văn Đồng Nghiệp ${tag}`);
  await identifier.fill(other.email);
  await page.getByRole('combobox', { name: 'Vai trò' }).selectOption('editor');
  await page.getByRole('button', { name: 'Thêm người dạy' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã thêm Đỗ Văn Đồng Nghiệp ${tag} với vai trò Người soạn.` })
    .waitFor();
  const colleague = page.getByRole('listitem').filter({ hasText: `Đỗ Văn Đồng Nghiệp ${tag}` });
  await colleague.getByText('Người soạn').waitFor();
  await colleague.getByRole('button', { name: /^Bỏ khỏi khóa học/ }).click();
  await page
    .getByRole('dialog', { name: /^Bỏ Đỗ Văn Đồng Nghiệp/ })
    .getByRole('button', { name: 'Bỏ người này' })
    .click();
  await page
    .getByRole('status')
    .filter({ hasText: `Đã bỏ Đỗ Văn Đồng Nghiệp ${tag} khỏi danh sách người dạy.` })
    .waitFor();
  expect(await colleague.count()).toBe(0);

  // 4. Unpublishing after confirming: the course leaves the catalogue.
  await tabs.getByRole('link', { name: 'Nội dung' }).click();
  await page.getByRole('button', { name: 'Ngừng xuất bản' }).click();
  const unpublish = page.getByRole('dialog', { name: 'Ngừng xuất bản khóa học này?' });
  await expectAccessible(page, 'editor-unpublish-dialog');
  await unpublish.getByRole('button', { name: 'Ngừng xuất bản' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã ngừng xuất bản khóa học.' }).waitFor();
  await page.locator('main header').getByText('Đã ngừng xuất bản').waitFor();
  await page.getByText('Chỉ xuất bản được sau khi người duyệt chấp thuận đúng bản nháp đã lưu.').waitFor();
  const status = await page.evaluate(
    async (id) => (await fetch(`/api/courses/${id}?lang=vi`)).status,
    courseId,
  );
  expect(status).toBe(404);

  // 5. In English, the studio speaks English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 2, name: 'General information' }).waitFor();
  await page.getByRole('button', { name: 'Save draft' }).waitFor();
  await expectAccessible(page, 'editor-english');
  await page.getByRole('link', { name: 'Courses I teach' }).first().click();
  await heading(page, 'Courses I teach');
  await page.getByRole('listitem').filter({ hasText: title }).getByText('Unpublished').waitFor();
  await expectAccessible(page, 'my-courses-english');

  expect(pageErrors).toEqual([]);
});

it('shows a system administrator every course, those of the content files read-only', async () => {
  const page = await newPhone();
  await signIn(page, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
  const courses = await apiFromPage<{ items: Array<{ id: string; source: string; title: { vi: string } }> }>(
    page,
    'GET',
    '/teaching/courses',
  );
  const content = courses.items.find((c) => c.id === 'online-scams')!;
  expect(content.source).toBe('content');
  await page.goto('/teaching');
  await heading(page, 'Khóa học tôi dạy');
  const link = page.getByRole('link', { name: content.title.vi, exact: true });
  const card = page.getByRole('listitem').filter({ has: link });
  await card.getByText('Soạn trong tệp nội dung').waitFor();
  await link.click();
  await heading(page, content.title.vi);
  await heading(page, 'Không sửa được ở đây', 2);
  await page.getByText('Khóa học này được soạn trong các tệp nội dung', { exact: false }).waitFor();
  expect(await page.getByRole('button', { name: 'Lưu bản nháp' }).count()).toBe(0);
  await expectAccessible(page, 'editor-content-course');
  expect(pageErrors).toEqual([]);
});

it('tells a signed-in learner that the studio is for teachers', async () => {
  const page = await newPhone();
  await signUp(page, 'Ngô Thị Người Học', `plain-${randomUUID().slice(0, 12)}@example.com`);
  await page.goto('/teaching');
  await heading(page, 'Trang này dành cho giáo viên');
  await page.getByRole('button', { name: 'Tài khoản' }).click();
  expect(await page.locator('#account-menu').getByRole('link', { name: 'Dạy học' }).count()).toBe(0);
  await expectAccessible(page, 'studio-no-access');
  expect(pageErrors).toEqual([]);
});

it('asks, for each published lesson the teacher changed, whether the change is minor or major, from the keyboard', async () => {
  const tag = randomUUID().slice(0, 6);
  const title = `Sửa bài đã xuất bản ${tag}`;
  const courseId = `sua-bai-${tag}`;
  const { page } = await newTeacher(`Võ Thị Sửa Bài ${tag}`);
  await page.goto('/');
  await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title });
  const lesson = (key: string, name: string, body: string) => ({
    key,
    kind: 'text',
    title: { vi: name },
    minutes: 5,
    body: { vi: body },
  });
  await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
    revision: 1,
    document: {
      defaultLanguage: 'vi',
      languages: ['vi'],
      title: { vi: title },
      summary: { vi: 'Một khóa học để sửa.' },
      description: { vi: '' },
      targetGroups: ['citizens'],
      subGroups: [],
      competencies: [{ framework: 'tt02-2025', code: '2.1', level: null }],
      certificate: true,
      lessons: [lesson('bai-1', 'Mở đầu', 'Nội dung cũ.'), lesson('bai-2', 'Kết thúc', 'Không đổi.')],
    },
  });
  await publishThroughApi(page, courseId);
  const published = await apiFromPage<{ publishedLessons: Array<{ key: string; lessonId: string }> }>(
    page,
    'GET',
    `/teaching/courses/${courseId}`,
  );
  const first = published.publishedLessons.find((l) => l.key === 'bai-1')!;

  await page.goto(`/teaching/courses/${courseId}`);
  await heading(page, title);
  await page
    .getByRole('textbox', { name: 'Nội dung bài đọc (tiếng Việt)' })
    .first()
    .fill('Nội dung mới: các bước đã thay đổi.');
  // Resubmitting saves first; once a reviewer approved the edit, publishing asks how much the changed
  // lesson changed (only that one).
  expect(await page.getByRole('button', { name: 'Xuất bản các thay đổi' }).count()).toBe(0);
  await page.getByRole('button', { name: 'Gửi duyệt lại' }).click();
  await page.getByRole('status').filter({ hasText: 'Đã gửi duyệt.' }).waitFor();
  await approveOnReviewPage(courseId, title);
  await page.reload();
  await heading(page, title);
  const changes = page.getByRole('group', { name: 'Mức thay đổi của từng bài đã sửa' });
  const group = changes.getByRole('group', { name: 'Mở đầu' });
  await group.waitFor();
  expect(await changes.getByRole('group', { name: 'Kết thúc' }).count()).toBe(0);
  const minor = group.getByRole('radio', { name: 'Sửa nhỏ: người học giữ kết quả' });
  const major = group.getByRole('radio', { name: 'Thay đổi lớn: người học cần đọc lại' });
  expect(await minor.isChecked()).toBe(true);
  await expectAccessible(page, 'publish-changes');
  // The keyboard alone: focus the chosen radio, the arrow key moves the choice to "major".
  await minor.focus();
  await page.keyboard.press('ArrowDown');
  await expectFocused(major);
  expect(await major.isChecked()).toBe(true);

  const sent = page.waitForRequest((r) => r.url().endsWith(`/teaching/courses/${courseId}/publish`));
  await page.getByRole('button', { name: 'Xuất bản các thay đổi' }).click();
  expect((await sent).postDataJSON()).toEqual({
    revision: 3,
    changes: [{ lessonId: first.lessonId, change: 'major' }],
  });
  await page.getByRole('status').filter({ hasText: 'Đã xuất bản phiên bản 2.' }).waitFor();
  // Once the page has the new version, nothing is left to mark.
  await changes.waitFor({ state: 'detached' });
  const after = await apiFromPage<{ publishedLessons: Array<{ key: string; lessonId: string }> }>(
    page,
    'GET',
    `/teaching/courses/${courseId}`,
  );
  // The lesson kept its address.
  expect(after.publishedLessons.find((l) => l.key === 'bai-1')!.lessonId).toBe(first.lessonId);
  expect(pageErrors).toEqual([]);
});
