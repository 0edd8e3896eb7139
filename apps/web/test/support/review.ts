import type { Page } from 'playwright-core';
import { apiFromPage } from './phone-harness';

/**
 * Review is mandatory before publishing (docs/studio-review.md): for browser journeys that are not about review,
 * the teacher submits the saved draft revision and a reviewer (another account holding the reviewer role)
 * approves it, both through the api from their own pages. Answers the approved revision, the one to publish.
 */
export async function submitAndApprove(
  teacher: Page,
  reviewer: Page,
  courseId: string,
  revision: number,
): Promise<number> {
  const path = `/teaching/courses/${encodeURIComponent(courseId)}`;
  await apiFromPage(teacher, 'POST', `${path}/submit-for-review`, { revision });
  await apiFromPage(reviewer, 'POST', `${path}/approve`, { revision });
  return revision;
}

/** Gives this signed-in account the reviewer role, as the signed-in system administrator `admin`. */
export async function grantReviewer(admin: Page, userId: string): Promise<void> {
  await apiFromPage(admin, 'POST', '/admin/role-grants', { userId, role: 'reviewer' });
}

/** A text lesson of a studio draft, Vietnamese only. */
export const textLesson = (key: string, title: string, body: string, minutes = 3) => ({
  key,
  kind: 'text',
  title: { vi: title },
  minutes,
  body: { vi: body },
});

/** A Vietnamese-only studio draft for citizens, mapped to one competency, with a certificate. */
export const studioDraft = (title: string, summary: string, lessons: unknown[]) => ({
  defaultLanguage: 'vi',
  languages: ['vi'],
  title: { vi: title },
  summary: { vi: summary },
  description: { vi: '' },
  targetGroups: ['citizens'],
  subGroups: [],
  competencies: [{ framework: 'tt02-2025', code: '2.1', level: null }],
  certificate: true,
  lessons,
});
