import { useRoutes, type RouteObject } from 'react-router';
import { lazyPage as page } from '../components/lazy-page';
import { CataloguePage } from '../features/catalogue/catalogue-page';
import { teachingRoutes } from '../features/teaching/teaching-routes';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteBoundary } from './route-error';
import { SignedInOutlet } from '../components/signed-in-only';

/**
 * The catalogue (the front door) ships in the main bundle; every other page is its own small chunk that
 * downloads only when a learner goes there (components/lazy-page.ts).
 */
const routes: RouteObject[] = [
  {
    path: '/',
    Component: Layout,
    children: [
      {
        Component: RouteBoundary,
        children: [
          { index: true, Component: CataloguePage },
          {
            path: 'courses/:courseId',
            Component: page(async () => (await import('../features/course/course-page')).CoursePage),
          },
          {
            path: 'lessons/:lessonId',
            Component: page(
              async () => (await import('../features/player/lesson-page')).LessonPage,
              'player',
            ),
          },
          {
            path: 'sign-in',
            Component: page(async () => (await import('../features/auth/sign-in-page')).SignInPage, 'auth'),
          },
          {
            path: 'sign-in-code',
            Component: page(
              async () => (await import('../features/auth/sign-in-code-page')).SignInCodePage,
              'auth',
            ),
          },
          {
            path: 'forgot-password',
            Component: page(
              async () => (await import('../features/auth/forgot-password-page')).ForgotPasswordPage,
              'auth',
            ),
          },
          {
            // The address of the e-mailed link (apps/api/src/modules/auth/password-reset.service.ts).
            path: 'reset-password',
            Component: page(
              async () => (await import('../features/auth/reset-password-page')).ResetPasswordPage,
              'auth',
            ),
          },
          {
            path: 'sign-up',
            // The account section: the optional place-and-group step after the account is created; the auth
            // section: the phone code step.
            Component: page(
              async () => (await import('../features/auth/sign-up-page')).SignUpPage,
              'account',
              'auth',
            ),
          },
          {
            path: 'me/learning',
            Component: page(
              async () => (await import('../features/learning/my-learning-page')).MyLearningPage,
              'account',
            ),
          },
          {
            // The account pages: each is for a signed-in learner, who is sent to sign in and back otherwise.
            Component: SignedInOutlet,
            children: [
              {
                path: 'me/placement',
                Component: page(
                  async () => (await import('../features/placement/placement-page')).PlacementPage,
                  'account',
                  'player',
                ),
              },
              {
                path: 'me/placement/:attemptId',
                Component: page(
                  async () =>
                    (await import('../features/placement/placement-result-page')).PlacementResultPage,
                  'account',
                ),
              },
              {
                path: 'me/certificates',
                Component: page(
                  async () =>
                    (await import('../features/certificates/my-certificates-page')).MyCertificatesPage,
                  'account',
                ),
              },
              {
                path: 'me/notifications',
                Component: page(
                  async () =>
                    (await import('../features/notifications/notifications-page')).NotificationsPage,
                  'account',
                ),
              },
              {
                path: 'me/invitations',
                Component: page(
                  async () => (await import('../features/notifications/invitations-page')).InvitationsPage,
                  'account',
                ),
              },
              {
                path: 'me/settings',
                Component: page(
                  async () => (await import('../features/notifications/settings-page')).SettingsPage,
                  'account',
                ),
              },
              {
                path: 'me/profile',
                Component: page(
                  async () => (await import('../features/profile/profile-page')).ProfilePage,
                  'account',
                ),
              },
              {
                path: 'me/sessions',
                Component: page(
                  async () => (await import('../features/sessions/sessions-page')).SessionsPage,
                  'account',
                ),
              },
              {
                // The address a host's QR code encodes (apps/api/src/modules/community/check-ins.service.ts).
                path: 'diem-danh',
                Component: page(async () => (await import('../features/community')).CheckInPage, 'community'),
              },
              {
                path: 'dai-su-so',
                Component: page(
                  async () => (await import('../features/ambassadors/ambassador-page')).AmbassadorPage,
                  'ambassadors',
                ),
              },
              {
                path: 'dai-su-so/loi-moi',
                Component: page(
                  async () =>
                    (await import('../features/ambassadors/mentor-invitation-page')).MentorInvitationPage,
                  'ambassadors',
                ),
              },
              {
                // A campaign's league table for learners of a participating unit (docs/campaigns.md).
                path: 'thi-dua/:campaignId',
                Component: page(async () => (await import('../features/campaigns')).LeaguePage, 'campaigns'),
              },
              {
                path: 'gia-dinh-so',
                Component: page(
                  async () => (await import('../features/households/household-page')).HouseholdPage,
                  'ambassadors',
                ),
              },
              {
                path: 'gia-dinh-so/loi-moi',
                Component: page(
                  async () =>
                    (await import('../features/households/household-invitation-page'))
                      .HouseholdInvitationPage,
                  'ambassadors',
                ),
              },
              {
                path: 'me/privacy',
                Component: page(
                  async () => (await import('../features/privacy/privacy-page')).PrivacyPage,
                  'account',
                ),
              },
            ],
          },
          {
            path: 'verify',
            Component: page(
              async () => (await import('../features/certificates/verify-paste-page')).VerifyPastePage,
              'account',
            ),
          },
          {
            path: 'verify/:id',
            Component: page(
              async () => (await import('../features/certificates/verify-page')).VerifyPage,
              'account',
            ),
          },
          {
            path: 'frameworks',
            Component: page(
              async () =>
                (await import('../features/frameworks/public-frameworks-page')).PublicFrameworksPage,
              'account',
            ),
          },
          {
            // Every certificate's alignment[].targetUrl (/frameworks/<id>#<code>) opens here.
            path: 'frameworks/:id',
            Component: page(
              async () => (await import('../features/frameworks/framework-page')).FrameworkPage,
              'account',
            ),
          },
          {
            // The admin area's own table of pages downloads with its layout (features/admin/admin-routes.tsx).
            path: 'admin/*',
            Component: page(
              async () => (await import('../features/admin/admin-routes')).AdminRoutes,
              'account',
              'admin',
            ),
          },
          teachingRoutes,
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

/** The app's pages, for the declarative router in main.tsx (components/history.ts). */
export function AppRoutes() {
  return useRoutes(routes);
}
