/**
 * Roles of the platform, lowest privilege first. Values are stored in the database: never rename them. What each
 * role may do is the permission table (access/permissions.ts), the only other place that names roles.
 */
export const ROLES = [
  'learner',
  'community_helper',
  'ambassador',
  'session_host',
  'help_officer',
  'report_viewer',
  'statistician',
  'teacher',
  'reviewer',
  'campaign_manager',
  'unit_admin',
  'province_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
