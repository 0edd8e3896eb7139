import { useRoutes, type RouteObject } from 'react-router';
import { NotFound } from '../../components/not-found';
import { lazyPage as page } from '../../components/lazy-page';
import { AdminLayout } from './admin-layout';

/**
 * The admin area's pages, below `/admin` (app/router.tsx): this table downloads with the area's layout, the first
 * time someone opens it, instead of weighing on every learner's first visit (docs/low-data.md). Every page is
 * its own chunk, as elsewhere; an address under `/admin` that names no page is the app's "not found" page.
 */
const routes: RouteObject[] = [
  {
    Component: AdminLayout,
    children: [
      {
        index: true,
        Component: page(async () => (await import('./admin-home-page')).AdminHomePage),
      },
      {
        path: 'coverage',
        Component: page(async () => (await import('../coverage')).CoveragePage, 'coverage'),
      },
      {
        // The figures read-only, for whoever reads the coverage dashboards (report.read).
        path: 'coverage/populations',
        Component: page(
          async () => (await import('../populations')).PopulationFiguresPage,
          'coverage',
          'populations',
        ),
      },
      {
        path: 'reports',
        Component: page(async () => (await import('../reports')).ReportsPage, 'reports'),
      },
      {
        path: 'reports/:reportId',
        Component: page(async () => (await import('../reports')).ReportPage, 'reports'),
      },
      {
        path: 'learners',
        Component: page(async () => (await import('../learners')).LearnersPage),
      },
      {
        path: 'learners/:learnerId',
        Component: page(async () => (await import('../learners')).LearnerPage),
      },
      {
        path: 'mandates',
        Component: page(async () => (await import('../mandates')).MandatesPage),
      },
      {
        path: 'mandates/new',
        Component: page(async () => (await import('../mandates')).MandateFormPage),
      },
      {
        path: 'mandates/:mandateId',
        Component: page(async () => (await import('../mandates')).CompliancePage),
      },
      {
        path: 'mandates/:mandateId/edit',
        Component: page(async () => (await import('../mandates')).MandateEditPage),
      },
      {
        path: 'registrations',
        Component: page(async () => (await import('../identity')).AssistedRegistrationPage),
      },
      {
        path: 'registrations/new-code',
        Component: page(async () => (await import('../identity')).NewSignInCodePage),
      },
      {
        path: 'imports',
        Component: page(async () => (await import('../rosters')).ImportsPage),
      },
      {
        path: 'ambassadors',
        Component: page(
          async () => (await import('../ambassadors/nominations-page')).NominationsPage,
          'ambassadors',
        ),
      },
      {
        path: 'frameworks',
        Component: page(async () => (await import('../frameworks/frameworks-page')).FrameworksPage),
      },
      {
        path: 'audit-log',
        Component: page(async () => (await import('../audit')).AuditLogPage),
      },
      {
        path: 'mail-outbox',
        Component: page(async () => (await import('../notifications/mail-outbox-page')).MailOutboxPage),
      },
      {
        path: 'populations',
        Component: page(
          async () => (await import('../populations')).PopulationsPage,
          'coverage',
          'populations',
        ),
      },
      {
        path: 'community-sessions',
        Component: page(async () => (await import('../community')).HostedSessionsPage, 'community'),
      },
      {
        path: 'community-sessions/new',
        Component: page(async () => (await import('../community')).SessionFormPage, 'community'),
      },
      {
        path: 'community-sessions/:sessionId',
        Component: page(async () => (await import('../community')).SessionHostPage, 'community'),
      },
      {
        path: 'help-log',
        Component: page(async () => (await import('../community')).HelpLogPage, 'community'),
      },
      {
        path: 'help-rollup',
        Component: page(async () => (await import('../community')).HelpRollupPage, 'community'),
      },
      {
        path: 'campaigns',
        Component: page(async () => (await import('../campaigns')).CampaignListPage, 'campaigns'),
      },
      {
        path: 'campaigns/new',
        Component: page(async () => (await import('../campaigns')).CampaignFormPage, 'campaigns'),
      },
      {
        path: 'campaigns/:campaignId',
        Component: page(async () => (await import('../campaigns')).LeaguePage, 'campaigns'),
      },
    ],
  },
  { path: '*', Component: NotFound },
];

/** The admin area, rendered by the app's router for `/admin/*`. */
export function AdminRoutes() {
  return useRoutes(routes);
}
