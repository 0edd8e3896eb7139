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
