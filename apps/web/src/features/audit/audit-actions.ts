/** Families of audit actions an administrator can filter by (the api matches a trailing dot as a prefix). */
export const AUDIT_FILTERS = [
  { value: '', key: 'all' },
  { value: 'role.', key: 'role' },
  { value: 'consent.', key: 'consent' },
  { value: 'learner.', key: 'learner' },
  { value: 'account.', key: 'account' },
  { value: 'certificate.', key: 'certificate' },
  { value: 'mandate.', key: 'mandate' },
  { value: 'roster.', key: 'roster' },
  { value: 'unit.', key: 'unit' },
  { value: 'organisation.', key: 'organisation' },
  { value: 'course.', key: 'course' },
  { value: 'password.', key: 'password' },
  { value: 'session.', key: 'session' },
  { value: 'oidc.', key: 'oidc' },
] as const;

/** The actions the api records that have a plain-words label (dots become underscores in the keys). */
export const KNOWN_AUDIT_ACTIONS = [
  'role_grant',
  'role_revoke',
  'consent_change',
  'learner_export',
  'learner_assisted_register',
  'account_deidentify',
  'account_create_oidc',
  'oidc_link',
  'certificate_revoke',
  'certificate_suspend',
  'certificate_reinstate',
  'mandate_create',
  'roster_import',
  'unit_import',
  'organisation_import',
  'roster_create_account',
  'roster_invite',
  'roster_invitation_accept',
  'roster_invitation_decline',
  'course_create',
  'course_publish',
  'course_unpublish',
  'course_learners_export',
  'course_staff_add',
  'course_staff_remove',
  'password_reset_requested',
  'password_reset',
  'password_change',
  'password_set',
  'session_reuse',
  'auth_sign_in_code',
] as const;
export type KnownAuditAction = (typeof KNOWN_AUDIT_ACTIONS)[number];

/** The label key of an action, or undefined for one this version of the web app does not know (shown as is). */
export function auditActionKey(action: string): KnownAuditAction | undefined {
  const key = action.replace(/\./g, '_');
  return (KNOWN_AUDIT_ACTIONS as readonly string[]).includes(key) ? (key as KnownAuditAction) : undefined;
}

/** Before/after values as readable, stable JSON (keys sorted), or null when there is nothing to show. */
export function auditValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, sort(x)]),
          )
        : v;
  return JSON.stringify(sort(value), null, 2);
}
