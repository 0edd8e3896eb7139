import type { Browser, TestApp } from './test-app';
import { signedInDemo, signedUpLearner } from './test-app';

/** A fresh account granted the reviewer role by the demo system administrator. */
export async function newReviewer(
  http: TestApp['http'],
  name = 'Người duyệt',
): Promise<Browser & { id: string }> {
  const system = await signedInDemo(http);
  const reviewer = await signedUpLearner(http, name);
  await system.post('/api/admin/role-grants').send({ userId: reviewer.id, role: 'reviewer' }).expect(201);
  return reviewer;
}

const reviewers = new Map<TestApp['http'], Promise<Browser & { id: string }>>();

/**
 * Review is mandatory before publishing (docs/studio-review.md): the teacher submits the course's current draft
 * revision and a reviewer (one per app, made on first use) approves it. Answers the approved revision, the one
 * to publish. Tests that are not about review call this instead of repeating the three requests.
 */
export async function approveForPublish(
  http: TestApp['http'],
  teacher: Browser,
  courseId: string,
  revision?: number,
): Promise<number> {
  let reviewer = reviewers.get(http);
  if (!reviewer) {
    reviewer = newReviewer(http);
    reviewers.set(http, reviewer);
  }
  const rev =
    revision ??
    ((await teacher.agent.get(`/api/teaching/courses/${courseId}`).expect(200)).body.draft
      .revision as number);
  await teacher
    .post(`/api/teaching/courses/${courseId}/submit-for-review`)
    .send({ revision: rev })
    .expect(200);
  await (
    await reviewer
  )
    .post(`/api/teaching/courses/${courseId}/approve`)
    .send({ revision: rev })
    .expect(200);
  return rev;
}
