import { describe, expect, it } from '@jest/globals';
import { canManageStaff, canUseStudio } from './teaching-roles';

const me = (...roles: string[]) => ({ roles }) as never;

describe('teaching roles', () => {
  it('opens the studio to teachers and system administrators only', () => {
    expect(canUseStudio(me('learner'))).toBe(false);
    expect(canUseStudio(me('learner', 'unit_admin', 'province_admin', 'reviewer'))).toBe(false);
    expect(canUseStudio(me('learner', 'teacher'))).toBe(true);
    expect(canUseStudio(me('system_admin'))).toBe(true);
    expect(canUseStudio(null)).toBe(false);
  });

  it('lets course owners and system administrators manage who teaches, not editors', () => {
    expect(canManageStaff(me('teacher'), 'owner')).toBe(true);
    expect(canManageStaff(me('teacher'), 'editor')).toBe(false);
    expect(canManageStaff(me('system_admin'), null)).toBe(true);
    expect(canManageStaff(undefined, null)).toBe(false);
  });
});
