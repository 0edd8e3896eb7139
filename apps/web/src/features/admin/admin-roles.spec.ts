import { describe, expect, it } from '@jest/globals';
import {
  adminAreas,
  canChangeCertificateStatus,
  canImportUnits,
  isAdmin,
  isSystemAdmin,
} from './admin-roles';

const me = (...roles: string[]) => ({ roles }) as never;

describe('admin roles', () => {
  it('shows the admin area to unit, province and system administrators only', () => {
    expect(isAdmin(me('learner'))).toBe(false);
    expect(isAdmin(me('learner', 'teacher', 'reviewer', 'community_helper'))).toBe(false);
    expect(isAdmin(me('learner', 'unit_admin'))).toBe(true);
    expect(isAdmin(me('province_admin'))).toBe(true);
    expect(isAdmin(me('system_admin'))).toBe(true);
    expect(isAdmin(null)).toBe(false);
  });

  it('lets only province and system administrators change certificates and import units', () => {
    expect(canChangeCertificateStatus(me('unit_admin'))).toBe(false);
    expect(canChangeCertificateStatus(me('province_admin'))).toBe(true);
    expect(canImportUnits(me('system_admin'))).toBe(true);
    expect(canImportUnits(undefined)).toBe(false);
  });

  it('opens the mail outbox to system administrators only', () => {
    expect(isSystemAdmin(me('province_admin'))).toBe(false);
    expect(isSystemAdmin(me('system_admin'))).toBe(true);
  });

  it('lists the admin areas once, for the menu and the start page, the outbox for system administrators only', () => {
    expect(adminAreas(me('unit_admin')).map((a) => a.key)).toEqual([
      'learners',
      'mandates',
      'imports',
      'auditLog',
      'frameworks',
    ]);
    expect(adminAreas(me('system_admin')).map((a) => a.path)).toEqual([
      'learners',
      'mandates',
      'imports',
      'audit-log',
      'frameworks',
      'mail-outbox',
    ]);
  });
});
