/** The audit context's back-office page: the audit log. */
export { AuditLogPage } from './audit-log-page';
