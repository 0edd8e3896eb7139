import type { ComponentType } from 'react';
import { createBrowserRouter } from 'react-router';
import { CataloguePage } from '../features/catalogue/catalogue-page';
import { teachingRoutes } from '../features/teaching/teaching-routes';
import { loadSection, type Section } from '../i18n/i18n';
import { Layout } from './layout';
import { NotFoundPage } from './not-found-page';
import { RouteError } from './route-error';
import { SignedInOutlet } from '../components/signed-in-only';

/** A route's `lazy`: the page's chunk and the strings of its sections, downloaded side by side. */
const page =
  (load: () => Promise<ComponentType>, ...sections: Section[]) =>
  async () => {
    const [Component] = await Promise.all([load(), ...sections.map((section) => loadSection(section))]);
    return { Component };
  };

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
            lazy: page(async () => (await import('../features/player/lesson-page')).LessonPage, 'player'),
          },
          {
            path: 'sign-in',
            lazy: page(async () => (await import('../features/auth/sign-in-page')).SignInPage, 'auth'),
          },
          {
            path: 'sign-in-code',
            lazy: page(
              async () => (await import('../features/auth/sign-in-code-page')).SignInCodePage,
              'auth',
            ),
          },
          {
            path: 'forgot-password',
            lazy: page(
              async () => (await import('../features/auth/forgot-password-page')).ForgotPasswordPage,
              'auth',
            ),
          },
          {
            // The address of the e-mailed link (apps/api/src/modules/auth/password-reset.service.ts).
            path: 'reset-password',
            lazy: page(
              async () => (await import('../features/auth/reset-password-page')).ResetPasswordPage,
              'auth',
            ),
          },
          {
            path: 'sign-up',
            // The account section: the optional place-and-group step after the account is created.
            lazy: page(async () => (await import('../features/auth/sign-up-page')).SignUpPage, 'account'),
          },
          {
            path: 'me/learning',
            lazy: page(
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
                lazy: page(
                  async () => (await import('../features/placement/placement-page')).PlacementPage,
                  'account',
                  'player',
                ),
              },
              {
                path: 'me/placement/:attemptId',
                lazy: page(
                  async () =>
                    (await import('../features/placement/placement-result-page')).PlacementResultPage,
                  'account',
                ),
              },
              {
                path: 'me/certificates',
                lazy: page(
                  async () =>
                    (await import('../features/certificates/my-certificates-page')).MyCertificatesPage,
                  'account',
                ),
              },
              {
                path: 'me/notifications',
                lazy: page(
                  async () =>
                    (await import('../features/notifications/notifications-page')).NotificationsPage,
                  'account',
                ),
              },
              {
                path: 'me/invitations',
                lazy: page(
                  async () => (await import('../features/notifications/invitations-page')).InvitationsPage,
                  'account',
                ),
              },
              {
                path: 'me/settings',
                lazy: page(
                  async () => (await import('../features/notifications/settings-page')).SettingsPage,
                  'account',
                ),
              },
              {
                path: 'me/profile',
                lazy: page(
                  async () => (await import('../features/profile/profile-page')).ProfilePage,
                  'account',
                ),
              },
              {
                path: 'me/sessions',
                lazy: page(
                  async () => (await import('../features/sessions/sessions-page')).SessionsPage,
                  'account',
                ),
              },
              {
                // The address a host's QR code encodes (apps/api/src/modules/community/check-ins.service.ts).
                path: 'diem-danh',
                lazy: page(async () => (await import('../features/community')).CheckInPage, 'community'),
              },
              {
                path: 'dai-su-so',
                lazy: page(
                  async () => (await import('../features/ambassadors/ambassador-page')).AmbassadorPage,
                  'ambassadors',
                ),
              },
              {
                path: 'dai-su-so/loi-moi',
                lazy: page(
                  async () =>
                    (await import('../features/ambassadors/mentor-invitation-page')).MentorInvitationPage,
                  'ambassadors',
                ),
              },
              {
                // A campaign's league table for learners of a participating unit (docs/campaigns.md).
                path: 'thi-dua/:campaignId',
                lazy: page(async () => (await import('../features/campaigns')).LeaguePage, 'campaigns'),
              },
              {
                path: 'gia-dinh-so',
                lazy: page(
                  async () => (await import('../features/households/household-page')).HouseholdPage,
                  'ambassadors',
                ),
              },
              {
                path: 'gia-dinh-so/loi-moi',
                lazy: page(
                  async () =>
                    (await import('../features/households/household-invitation-page'))
                      .HouseholdInvitationPage,
                  'ambassadors',
                ),
              },
              {
                path: 'me/privacy',
                lazy: page(
                  async () => (await import('../features/privacy/privacy-page')).PrivacyPage,
                  'account',
                ),
              },
            ],
          },
          {
            path: 'verify',
            lazy: page(
              async () => (await import('../features/certificates/verify-paste-page')).VerifyPastePage,
              'account',
            ),
          },
          {
            path: 'verify/:id',
            lazy: page(
              async () => (await import('../features/certificates/verify-page')).VerifyPage,
              'account',
            ),
          },
          {
            path: 'frameworks',
            lazy: page(
              async () =>
                (await import('../features/frameworks/public-frameworks-page')).PublicFrameworksPage,
              'account',
            ),
          },
          {
            // Every certificate's alignment[].targetUrl (/frameworks/<id>#<code>) opens here.
            path: 'frameworks/:id',
            lazy: page(
              async () => (await import('../features/frameworks/framework-page')).FrameworkPage,
              'account',
            ),
          },
          {
            path: 'admin',
            lazy: page(
              async () => (await import('../features/admin/admin-layout')).AdminLayout,
              'account',
              'admin',
            ),
            children: [
              {
                index: true,
                lazy: page(async () => (await import('../features/admin/admin-home-page')).AdminHomePage),
              },
              {
                path: 'coverage',
                lazy: page(async () => (await import('../features/coverage')).CoveragePage, 'coverage'),
              },
              {
                // The figures read-only, for whoever reads the coverage dashboards (report.read).
                path: 'coverage/populations',
                lazy: page(
                  async () => (await import('../features/populations')).PopulationFiguresPage,
                  'coverage',
                  'populations',
                ),
              },
              {
                path: 'reports',
                lazy: page(async () => (await import('../features/reports')).ReportsPage, 'reports'),
              },
              {
                path: 'reports/:reportId',
                lazy: page(async () => (await import('../features/reports')).ReportPage, 'reports'),
              },
              {
                path: 'learners',
                lazy: page(async () => (await import('../features/learners')).LearnersPage),
              },
              {
                path: 'learners/:learnerId',
                lazy: page(async () => (await import('../features/learners')).LearnerPage),
              },
              {
                path: 'mandates',
                lazy: page(async () => (await import('../features/mandates')).MandatesPage),
              },
              {
                path: 'mandates/new',
                lazy: page(async () => (await import('../features/mandates')).MandateFormPage),
              },
              {
                path: 'mandates/:mandateId',
                lazy: page(async () => (await import('../features/mandates')).CompliancePage),
              },
              {
                path: 'mandates/:mandateId/edit',
                lazy: page(async () => (await import('../features/mandates')).MandateEditPage),
              },
              {
                path: 'registrations',
                lazy: page(async () => (await import('../features/identity')).AssistedRegistrationPage),
              },
              {
                path: 'registrations/new-code',
                lazy: page(async () => (await import('../features/identity')).NewSignInCodePage),
              },
              {
                path: 'imports',
                lazy: page(async () => (await import('../features/rosters')).ImportsPage),
              },
              {
                path: 'ambassadors',
                lazy: page(
                  async () => (await import('../features/ambassadors/nominations-page')).NominationsPage,
                  'ambassadors',
                ),
              },
              {
                path: 'frameworks',
                lazy: page(
                  async () => (await import('../features/frameworks/frameworks-page')).FrameworksPage,
                ),
              },
              {
                path: 'audit-log',
                lazy: page(async () => (await import('../features/audit')).AuditLogPage),
              },
              {
                path: 'mail-outbox',
                lazy: page(
                  async () => (await import('../features/notifications/mail-outbox-page')).MailOutboxPage,
                ),
              },
              {
                path: 'populations',
                lazy: page(
                  async () => (await import('../features/populations')).PopulationsPage,
                  'coverage',
                  'populations',
                ),
              },
              {
                path: 'community-sessions',
                lazy: page(
                  async () => (await import('../features/community')).HostedSessionsPage,
                  'community',
                ),
              },
              {
                path: 'community-sessions/new',
                lazy: page(async () => (await import('../features/community')).SessionFormPage, 'community'),
              },
              {
                path: 'community-sessions/:sessionId',
                lazy: page(async () => (await import('../features/community')).SessionHostPage, 'community'),
              },
              {
                path: 'help-log',
                lazy: page(async () => (await import('../features/community')).HelpLogPage, 'community'),
              },
              {
                path: 'help-rollup',
                lazy: page(async () => (await import('../features/community')).HelpRollupPage, 'community'),
              },
              {
                path: 'campaigns',
                lazy: page(async () => (await import('../features/campaigns')).CampaignListPage, 'campaigns'),
              },
              {
                path: 'campaigns/new',
                lazy: page(async () => (await import('../features/campaigns')).CampaignFormPage, 'campaigns'),
              },
              {
                path: 'campaigns/:campaignId',
                lazy: page(async () => (await import('../features/campaigns')).LeaguePage, 'campaigns'),
              },
            ],
          },
          teachingRoutes,
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
