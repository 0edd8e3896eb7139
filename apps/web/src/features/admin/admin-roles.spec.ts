import { describe, expect, it } from '@jest/globals';
import { canChangeCertificateStatus, canImportUnits, isAdmin, isSystemAdmin } from './admin-roles';

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
});
