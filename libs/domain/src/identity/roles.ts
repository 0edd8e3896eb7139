/** Roles of the platform, lowest privilege first. Values are stored in the database: never rename them. */
export const ROLES = [
  'learner',
  'community_helper',
  'teacher',
  'reviewer',
  'unit_admin',
  'province_admin',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
