/** The reports context's back-office pages: the periodic reports, one report with its progress and figures. */
export { ReportPage } from './report-page';
export { ReportsPage } from './reports-page';
