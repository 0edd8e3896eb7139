import type { MeResponse } from '@hocvuso/contracts';

type Roles = Pick<MeResponse, 'roles'> | null | undefined;

/** Teachers, and system administrators who look after every course, use the teaching studio. */
export const canUseStudio = (me: Roles): boolean =>
  Boolean(me?.roles.some((role) => role === 'teacher' || role === 'system_admin'));

/** Adds and removes the people who teach a course: its owners, and system administrators. */
export const canManageStaff = (me: Roles, myRole: 'owner' | 'editor' | null): boolean =>
  myRole === 'owner' || Boolean(me?.roles.includes('system_admin'));
