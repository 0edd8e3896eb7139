/**
 * Courses as files in the studio (docs/course-export.md "In the web"), on a phone-sized screen (360 × 740) with
 * axe (WCAG 2.2 A/AA) on every state and no horizontal scrolling:
 *  - a teacher exports a studio course with "Xuất tệp (.zip)" (a download of the course's zip);
 *  - on My courses, "Nhập khóa học từ tệp": no file chosen is said on the file field; a file that is not a zip is
 *    refused in words; the zip again without a new id is refused on the id field (the id in the file is taken);
 *    with a new id it opens the new course, whose draft is the exported one;
 *  - on a file course they teach, "Sao chép vào xưởng soạn" opens the copy with what the studio changed.
 * The copy makes a studio course in the database, so this file runs its own api and web app (support/own-server.ts).
 * Needs a built dist/.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, jest } from '@jest/globals';
import { apiFromPage, heading, signIn, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

const PASSWORD = 'mat-khau-an-toan-2026';
const DEMO_PASSWORD = 'hocvuso-demo';

jest.setTimeout(180_000);

const { newPhone, expectAccessible, pageErrors, db } = usePhoneHarness({
  purpose: 'the course file buttons',
  ownServer: true,
  database: true,
  screenshotPrefix: 'course-files',
  fitsPhoneWidth: true,
  context: { acceptDownloads: true },
});

describe('course files in the studio', () => {
  it('exports a course, imports the zip as a new course, and copies a file course into the studio', async () => {
    const tag = randomUUID().slice(0, 6);
    const courseId = `tep-khoa-hoc-${tag}`;
    const page = await newPhone();
    const me = await signUpThroughApi(page, {
      displayName: `Cô Giáo Tệp ${tag}`,
      identifier: `teacher-files-${tag}@example.com`,
      password: PASSWORD,
    });
    const admin = await newPhone();
    await signIn(admin, 'system-admin@demo.hocvuso.example', DEMO_PASSWORD);
    await apiFromPage(admin, 'POST', '/admin/role-grants', { userId: me.id, role: 'teacher' });
    await apiFromPage(page, 'POST', '/teaching/courses', { id: courseId, title: 'Khoá học bằng tệp' });
    const draft = {
      defaultLanguage: 'vi',
      languages: ['vi'],
      title: { vi: 'Khoá học bằng tệp' },
      summary: { vi: 'Xuất rồi nhập lại.' },
      description: { vi: '' },
      targetGroups: ['citizens'],
      subGroups: [],
      competencies: [{ framework: 'tt02-2025', code: '1.1', level: 1 }],
      certificate: false,
      lessons: [
        {
          key: 'bai-doc',
          kind: 'text',
          title: { vi: 'Bài đọc' },
          minutes: 3,
          body: { vi: 'Nội dung bài đọc.' },
        },
      ],
    };
    const { draft: saved } = await apiFromPage<{ draft: { revision: number } }>(
      page,
      'GET',
      `/teaching/courses/${courseId}`,
    );
    await apiFromPage(page, 'PUT', `/teaching/courses/${courseId}/draft`, {
      revision: saved.revision,
      document: draft,
    });

    // 1. The studio course page: "Xuất tệp (.zip)" downloads the course's zip.
    await page.goto(`/teaching/courses/${courseId}`);
    await heading(page, 'Khoá học bằng tệp');
    const exportLink = page.getByRole('link', { name: /^↓? ?Xuất tệp \(\.zip\)$/ });
    await expectAccessible(page, 'studio-course');
    const [download] = await Promise.all([page.waitForEvent('download'), exportLink.click()]);
    expect(download.suggestedFilename()).toBe(`${courseId}-ban-nhap.zip`);
    const zip = await readFile((await download.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');

    // 2. My courses: "Nhập khóa học từ tệp".
    await page.goto('/teaching');
    await heading(page, 'Khóa học tôi dạy');
    await heading(page, 'Nhập khóa học từ tệp', 2);
    const submit = page.getByRole('button', { name: /^Nhập khóa học$/ });
    await submit.click();
    await page.getByText('Hãy chọn một tệp .zip.').waitFor();
    await expectAccessible(page, 'import-no-file');

    const fileInput = page.locator('#import-course-file');
    await fileInput.setInputFiles({
      name: 'khong-phai.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('%PDF-1.7'),
    });
    await submit.click();
    await page.getByText('Gói không phải tệp .zip hợp lệ, hoặc có tệp không an toàn.').waitFor();
    expect(await fileInput.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'import-not-a-zip');

    // the id written in the file is the exported course's own: taken, said on the id field
    await fileInput.setInputFiles({ name: `${courseId}.zip`, mimeType: 'application/zip', buffer: zip });
    await submit.click();
    await page.getByText('Mã này đã có khóa học khác dùng.', { exact: false }).waitFor();
    const idBox = page.getByRole('textbox', { name: 'Mã khóa học mới (không bắt buộc)' });
    expect(await idBox.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'import-id-taken');

    const copyId = `${courseId}-nhap`;
    await idBox.fill(copyId);
    await submit.click();
    await page.waitForURL(`**/teaching/courses/${copyId}`);
    await heading(page, 'Khoá học bằng tệp');
    await page.getByRole('status').filter({ hasText: 'Đã tạo khóa học từ tệp.' }).waitFor();
    await expectAccessible(page, 'imported-course');
    const imported = await apiFromPage<{ draft: { document: unknown }; myRole: string }>(
      page,
      'GET',
      `/teaching/courses/${copyId}`,
    );
    expect(imported.myRole).toBe('owner');
    expect(imported.draft.document).toEqual(
      (await apiFromPage<{ draft: { document: unknown } }>(page, 'GET', `/teaching/courses/${courseId}`))
        .draft.document,
    );

    // 3. A file course they teach: "Sao chép vào xưởng soạn" opens the copy with the notes in words.
    await db().query(
      `INSERT INTO course_staff (course_id, user_id, role, added_by) VALUES ('ai-assistants', $1, 'editor', $1)`,
      [me.id],
    );
    await page.goto('/teaching/courses/ai-assistants');
    const copyButton = page.getByRole('button', { name: /^Sao chép vào xưởng soạn$/ });
    await copyButton.waitFor();
    await expectAccessible(page, 'file-course');
    await copyButton.click();
    await page.waitForURL('**/teaching/courses/ai-assistants-ban-sao');
    const notice = page.getByRole('status').filter({ hasText: 'Đã tạo khóa học từ tệp.' });
    await notice.waitFor();
    await notice.getByText('Các chương được gộp thành một, giữ nguyên thứ tự bài.').waitFor();
    await expectAccessible(page, 'copied-course');
    // the copy is a studio course: it has the export link, and no copy button
    await page.getByRole('link', { name: /^↓? ?Xuất tệp \(\.zip\)$/ }).waitFor();
    expect(await page.getByRole('button', { name: /^Sao chép vào xưởng soạn$/ }).count()).toBe(0);

    expect(pageErrors).toEqual([]);
  });
});
