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
 * The teaching studio ("Dạy học"): my courses, then per course the editor, the learners report and the staff.
 * Every page is its own chunk, downloaded only by teachers; the shell carries only this route table.
 */
export const teachingRoutes: RouteObject = {
  path: 'teaching',
  lazy: page(async () => (await import('./teaching-layout')).TeachingLayout, true),
  children: [
    { index: true, lazy: page(async () => (await import('./my-courses-page')).MyCoursesPage) },
    {
      path: 'courses/:courseId',
      lazy: page(async () => (await import('./course-layout')).CourseLayout),
      children: [
        { index: true, lazy: page(async () => (await import('./course-editor-page')).CourseEditorPage) },
        {
          path: 'learners',
          lazy: page(async () => (await import('./learners-report-page')).LearnersReportPage),
        },
        { path: 'staff', lazy: page(async () => (await import('./staff-page')).StaffPage) },
      ],
    },
  ],
};
