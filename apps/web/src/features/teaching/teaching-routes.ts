import type { RouteObject } from 'react-router';
import { lazyPage as page } from '../../components/lazy-page';

/**
 * The teaching area ("Dạy học"): the studio (my courses, then per course the editor, the learners report and
 * the staff) for teachers, and the review queue and review pages ("Duyệt khóa học") for reviewers.
 * Every page is its own chunk, downloaded only by teachers and reviewers; the shell carries only this table.
 */
export const teachingRoutes: RouteObject = {
  path: 'teaching',
  Component: page(async () => (await import('./teaching-layout')).TeachingLayout, 'teaching'),
  children: [
    {
      Component: page(async () => (await import('./teaching-layout')).StudioArea),
      children: [
        { index: true, Component: page(async () => (await import('./my-courses-page')).MyCoursesPage) },
        {
          path: 'courses/:courseId',
          Component: page(async () => (await import('./course-layout')).CourseLayout),
          children: [
            {
              index: true,
              Component: page(async () => (await import('./course-editor-page')).CourseEditorPage),
            },
            {
              path: 'learners',
              Component: page(async () => (await import('./learners-report-page')).LearnersReportPage),
            },
            { path: 'staff', Component: page(async () => (await import('./staff-page')).StaffPage) },
          ],
        },
      ],
    },
    {
      path: 'reviews',
      Component: page(async () => (await import('./teaching-layout')).ReviewArea),
      children: [
        { index: true, Component: page(async () => (await import('./review-queue-page')).ReviewQueuePage) },
        {
          path: ':courseId',
          Component: page(async () => (await import('./course-review-page')).CourseReviewPage),
        },
      ],
    },
  ],
};
