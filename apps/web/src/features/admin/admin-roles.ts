import type { MeResponse } from '@hocvuso/contracts';

type Roles = Pick<MeResponse, 'roles'> | null | undefined;

const ADMIN = new Set(['unit_admin', 'province_admin', 'system_admin']);

/** Administers learners somewhere (a commune, a province or everywhere): sees the admin area. */
export const isAdmin = (me: Roles): boolean => Boolean(me?.roles.some((role) => ADMIN.has(role)));

/** May revoke, suspend or reinstate certificates (the api allows province and system administrators). */
export const canChangeCertificateStatus = (me: Roles): boolean =>
  Boolean(me?.roles.some((role) => role === 'province_admin' || role === 'system_admin'));

/** May import administrative units (province and system administrators). */
export const canImportUnits = canChangeCertificateStatus;

/** Reads the mail outbox (system administrators only). */
export const isSystemAdmin = (me: Roles): boolean => Boolean(me?.roles.includes('system_admin'));

/** The parts of the admin area, in menu order; `visible` says who sees each (every admin when absent). */
const ADMIN_AREAS = [
  { key: 'learners', path: 'learners' },
  { key: 'mandates', path: 'mandates' },
  { key: 'imports', path: 'imports' },
  { key: 'auditLog', path: 'audit-log' },
  { key: 'frameworks', path: 'frameworks' },
  { key: 'mailOutbox', path: 'mail-outbox', visible: isSystemAdmin },
] as const satisfies ReadonlyArray<{ key: string; path: string; visible?: (me: Roles) => boolean }>;

export type AdminArea = (typeof ADMIN_AREAS)[number]['key'];

/** The admin areas this person sees: one list for the menu and the admin start page. */
export const adminAreas = (me: Roles): Array<{ key: AdminArea; path: string }> =>
  ADMIN_AREAS.filter((area) => !('visible' in area) || area.visible(me)).map(({ key, path }) => ({
    key,
    path,
  }));
