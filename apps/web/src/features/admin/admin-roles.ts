import type { MeResponse } from '@hocvuso/contracts';

type Roles = Pick<MeResponse, 'roles'> | null | undefined;

const ADMIN = new Set(['unit_admin', 'province_admin', 'system_admin']);

/** Administers learners somewhere (a commune, a province or everywhere). */
export const isAdmin = (me: Roles): boolean => Boolean(me?.roles.some((role) => ADMIN.has(role)));

/** May revoke, suspend or reinstate certificates (the api allows province and system administrators). */
export const canChangeCertificateStatus = (me: Roles): boolean =>
  Boolean(me?.roles.some((role) => role === 'province_admin' || role === 'system_admin'));

/** May import administrative units (province and system administrators). */
export const canImportUnits = canChangeCertificateStatus;

/** Reads the mail outbox (system administrators only). */
export const isSystemAdmin = (me: Roles): boolean => Boolean(me?.roles.includes('system_admin'));

/** Registers people in person (phone only, one-time code): community helpers and administrators, as the api. */
export const canRegisterPeople = (me: Roles): boolean =>
  Boolean(me?.roles.some((role) => role === 'community_helper' || ADMIN.has(role)));

/**
 * The parts of the admin area, in menu order, each with who may use it. The admin menu, the admin start page,
 * the account menu's entry and the area's door all read this one list.
 */
export const ADMIN_AREAS = [
  { key: 'learners', path: '/admin/learners', may: isAdmin },
  { key: 'mandates', path: '/admin/mandates', may: isAdmin },
  { key: 'registrations', path: '/admin/registrations', may: canRegisterPeople },
  { key: 'imports', path: '/admin/imports', may: isAdmin },
  { key: 'auditLog', path: '/admin/audit-log', may: isAdmin },
  { key: 'frameworks', path: '/admin/frameworks', may: isAdmin },
  { key: 'mailOutbox', path: '/admin/mail-outbox', may: isSystemAdmin },
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

/** The parts of the admin area this person may use (none: no admin area at all). */
export const adminAreas = (me: Roles): AdminArea[] => ADMIN_AREAS.filter((area) => area.may(me));

/** Sees the admin area (and its entry in the account menu). */
export const hasAdminArea = (me: Roles): boolean => adminAreas(me).length > 0;

/** The part of the admin area a path belongs to (undefined for the start page or an unknown path). */
export const adminAreaOf = (pathname: string): AdminArea | undefined =>
  ADMIN_AREAS.find((area) => pathname === area.path || pathname.startsWith(`${area.path}/`));
