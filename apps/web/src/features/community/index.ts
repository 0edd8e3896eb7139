export { HostedSessionsPage } from './hosted-sessions-page';
export { SessionFormPage } from './session-form-page';
export { SessionHostPage } from './session-host-page';
export { CheckInPage } from './check-in-page';
export { HelpLogPage } from './help-log-page';
export { HelpRollupPage } from './help-rollup-page';
