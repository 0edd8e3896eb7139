/**
 * The placement test and the personal path in a real browser on a phone-sized screen (360 × 740), with axe on
 * every state: a citizen (target group from the profile) finds the invitation under "Lộ trình của bạn" on My
 * learning, takes the test one question per screen ("Câu 3/10", the focus on each new question's heading, Enter
 * goes on), reads the result with the path, sees the next course on My learning, and the profile's promise of
 * suggestions links there.
 *
 * Needs E2E_BASE_URL (the api serving the built web app, content imported).
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { apiFromPage, hasFocus, heading, signUpThroughApi, usePhoneHarness } from './support/phone-harness';

jest.setTimeout(180_000);

const harness = usePhoneHarness({
  purpose: 'the placement journey',
  screenshotPrefix: 'placement',
  fitsPhoneWidth: true,
});
const { pageErrors, expectAccessible } = harness;

describe('placement test and personal path', () => {
  it('takes a citizen from the invitation through the test to a path and the next course', async () => {
    const page = await harness.newPhone();
    await signUpThroughApi(page, {
      displayName: 'Lê Thị Xếp Lớp',
      identifier: `placement-${randomUUID().slice(0, 12)}@example.com`,
      password: 'mat-khau-an-toan-2026',
    });
    await apiFromPage(page, 'PUT', '/me/profile', {
      targetGroups: ['citizens'],
      subGroups: [],
      unitId: null,
      organisationId: null,
      language: 'vi',
      accessibility: {},
    });

    // 1. My learning invites to the test.
    await page.goto('/me/learning');
    await heading(page, 'Việc học của tôi');
    const section = page.getByRole('region', { name: /^Lộ trình của bạn$/ });
    await section.getByText('Làm bài kiểm tra đầu vào ngắn').waitFor();
    await expectAccessible(page, 'my-learning-invite');
    await section.getByRole('link', { name: /^Làm bài kiểm tra đầu vào$/ }).click();

    // 2. The start screen: the group comes from the profile, nothing to choose.
    await page.waitForURL('**/me/placement');
    await heading(page, 'Kiểm tra đầu vào');
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectAccessible(page, 'start');
    await page.getByRole('button', { name: /^Bắt đầu làm bài$/ }).click();

    // 3. One question per screen.
    await heading(page, /^Câu 1\/10$/, 2);
    // One question's group in the page's content (the header has a group of its own: the language switcher).
    expect(await page.getByRole('main').getByRole('group').count()).toBe(1);
    await expectAccessible(page, 'question-1');
    for (let n = 1; n <= 10; n++) {
      await heading(page, new RegExp(`^Câu ${n}/10$`), 2);
      if (n > 1) expect(await hasFocus(page, '#placement-step-heading')).toBe(true);
      const question = page.getByRole('group');
      const first = question.getByRole('radio').or(question.getByRole('checkbox')).first();
      if (n === 2) {
        // keyboard only: Tab to the first option, Space to choose, Enter to go on
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        expect(await first.isChecked()).toBe(true);
        await page.keyboard.press('Enter');
        continue;
      }
      await first.check();
      if (n === 3) await expectAccessible(page, 'question-3');
      await page.getByRole('button', { name: n === 10 ? /^Nộp bài$/ : /^Câu tiếp theo$/ }).click();
    }

    // 4. The result and the path.
    await page.waitForURL(/\/me\/placement\/[0-9a-f-]{36}$/);
    await heading(page, 'Kết quả kiểm tra đầu vào');
    await page.getByText(/^Bạn trả lời đúng \d+\/10 câu\.$/).waitFor();
    await heading(page, 'Lộ trình của bạn', 2);
    const path = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 3 }) });
    const firstCourse = (await path.getByRole('heading', { level: 3 }).first().innerText()).replace(
      /^Bước 1:\s*/,
      '',
    );
    expect(firstCourse.length).toBeGreaterThan(0);
    await expectAccessible(page, 'result');

    // 5. My learning shows the path and the next course, which is the path's first.
    await page.getByRole('link', { name: /^Về trang Việc học của tôi$/ }).click();
    await heading(page, 'Việc học của tôi');
    const mine = page.getByRole('region', { name: /^Lộ trình của bạn$/ });
    await mine.getByText('Khóa học tiếp theo:').waitFor();
    expect(await mine.locator('.path-next a').innerText()).toBe(firstCourse);
    await expectAccessible(page, 'my-learning-path');

    // 6. The profile's promise of suggestions links there.
    await page.goto('/me/profile');
    await heading(page, 'Hồ sơ của tôi');
    await page.getByRole('link', { name: /^Xem lộ trình khóa học gợi ý cho bạn$/ }).click();
    await page.waitForURL('**/me/learning#lo-trinh');
    await page.getByRole('region', { name: /^Lộ trình của bạn$/ }).waitFor();

    // 7. Too soon to take it again: the start screen says from when.
    await page.goto('/me/placement');
    await page.getByText(/^Bạn có thể làm lại bài kiểm tra từ ngày/).waitFor();
    await expectAccessible(page, 'retake-later');
    expect(pageErrors).toEqual([]);
  });

  it('says on My learning which path courses are made for a citizen with a disability', async () => {
    const page = await harness.newPhone();
    await signUpThroughApi(page, {
      displayName: 'Trần Văn Tiếp Cận',
      identifier: `placement-sub-${randomUUID().slice(0, 12)}@example.com`,
      password: 'mat-khau-an-toan-2026',
    });
    await apiFromPage(page, 'PUT', '/me/profile', {
      targetGroups: ['citizens'],
      subGroups: ['people-with-disabilities'],
      unitId: null,
      organisationId: null,
      language: 'vi',
      accessibility: {},
    });
    // Submitted without an answer: nothing mastered, so every course the learner's path may hold is on it.
    const attempt = await apiFromPage<{ id: string }>(page, 'POST', '/placement/attempts', {});
    await apiFromPage(page, 'POST', `/placement/attempts/${attempt.id}/submit`, { answers: {} });
    type Mine = { path: Array<{ courseId: string; title: string; forSubGroups: string[] }> };
    const mine = await apiFromPage<Mine>(page, 'GET', '/me/path?lang=vi');
    const forThem = mine.path.filter((c) => c.forSubGroups.length > 0);
    const course = forThem.find((c) => c.courseId === 'digital-skills-for-people-with-disabilities')!;
    expect(course.forSubGroups).toEqual(['people-with-disabilities']);

    await page.goto('/me/learning');
    await heading(page, 'Việc học của tôi');
    const section = page.getByRole('region', { name: /^Lộ trình của bạn$/ });
    const item = section.getByRole('listitem').filter({
      has: page.getByRole('heading', {
        level: 3,
        name: `Bước ${mine.path.indexOf(course) + 1}: ${course.title}`,
        exact: true,
      }),
    });
    await item.getByText('Dành cho người khuyết tật', { exact: true }).waitFor();
    // Only the courses made for the learner say so; the general ones do not.
    expect(await section.getByText(/^Dành cho /).count()).toBe(forThem.length);
    expect(await section.locator('.path-next a').innerText()).toBe(mine.path[0]!.title);
    await expectAccessible(page, 'my-learning-sub-group');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: /^Your learning path$/ });
    await english.getByText('Made for people with disabilities', { exact: true }).first().waitFor();
    expect(await english.getByText(/^Made for /).count()).toBe(forThem.length);
    await expectAccessible(page, 'my-learning-sub-group-en');
    expect(pageErrors).toEqual([]);
  });
});
