import { createBrowserRouter } from 'react-router';
import { CataloguePage } from '../features/catalogue/catalogue-page';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';

/**
 * The catalogue (the front door) ships in the main bundle; every other page is its own small chunk that
 * downloads only when a learner goes there.
 */
export const router = createBrowserRouter([
  {
    path: '/',
    Component: Layout,
    children: [
      {
        ErrorBoundary: RouteError,
        children: [
          { index: true, Component: CataloguePage },
          {
            path: 'courses/:courseId',
            lazy: async () => ({ Component: (await import('../features/course/course-page')).CoursePage }),
          },
          {
            path: 'lessons/:lessonId',
            lazy: async () => ({ Component: (await import('../features/player/lesson-page')).LessonPage }),
          },
          {
            path: 'sign-in',
            lazy: async () => ({ Component: (await import('../features/auth/sign-in-page')).SignInPage }),
          },
          {
            path: 'sign-up',
            lazy: async () => ({ Component: (await import('../features/auth/sign-up-page')).SignUpPage }),
          },
          {
            path: 'me/learning',
            lazy: async () => ({
              Component: (await import('../features/learning/my-learning-page')).MyLearningPage,
            }),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
