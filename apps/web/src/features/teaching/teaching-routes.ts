import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import { loadSection } from '../../i18n/i18n';

/** A route's `lazy`: the page's chunk (and the teaching strings, for the area's entry), side by side. */
const page =
  (load: () => Promise<ComponentType>, withStrings = false) =>
  async () => {
    const [Component] = await Promise.all([load(), withStrings ? loadSection('teaching') : undefined]);
    return { Component };
  };

/**
 * The teaching area ("Dạy học"): the studio (my courses, then per course the editor, the learners report and
 * the staff) for teachers, and the review queue and review pages ("Duyệt khóa học") for reviewers.
 * Every page is its own chunk, downloaded only by teachers and reviewers; the shell carries only this table.
 */
export const teachingRoutes: RouteObject = {
  path: 'teaching',
  lazy: page(async () => (await import('./teaching-layout')).TeachingLayout, true),
  children: [
    {
      lazy: page(async () => (await import('./teaching-layout')).StudioArea),
      children: [
        { index: true, lazy: page(async () => (await import('./my-courses-page')).MyCoursesPage) },
        {
          path: 'courses/:courseId',
          lazy: page(async () => (await import('./course-layout')).CourseLayout),
          children: [
            {
              index: true,
              lazy: page(async () => (await import('./course-editor-page')).CourseEditorPage),
            },
            {
              path: 'learners',
              lazy: page(async () => (await import('./learners-report-page')).LearnersReportPage),
            },
            { path: 'staff', lazy: page(async () => (await import('./staff-page')).StaffPage) },
          ],
        },
      ],
    },
    {
      path: 'reviews',
      lazy: page(async () => (await import('./teaching-layout')).ReviewArea),
      children: [
        { index: true, lazy: page(async () => (await import('./review-queue-page')).ReviewQueuePage) },
        {
          path: ':courseId',
          lazy: page(async () => (await import('./course-review-page')).CourseReviewPage),
        },
      ],
    },
  ],
};
