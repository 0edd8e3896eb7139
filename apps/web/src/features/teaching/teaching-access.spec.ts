import { describe, expect, it } from '@jest/globals';
import { capabilitiesOf, globalCapabilitiesOf, isRole } from '@hocvuso/domain';
import { canManageStaff, canReview, canUseStudio, seesEveryCourse } from './teaching-access';

/** The session /api/auth/me answers for someone holding these roles (capabilities from the permission table). */
const me = (...roles: string[]) => {
  const grants = roles.filter(isRole).map((role) => ({ role }));
  return { capabilities: capabilitiesOf(grants), globalCapabilities: globalCapabilitiesOf(grants) };
};

describe('teaching access, by capability', () => {
  it('opens the studio to teachers and system administrators only', () => {
    expect(canUseStudio(me('learner'))).toBe(false);
    expect(canUseStudio(me('learner', 'unit_admin', 'province_admin', 'reviewer'))).toBe(false);
    expect(canUseStudio(me('learner', 'teacher'))).toBe(true);
    expect(canUseStudio(me('system_admin'))).toBe(true);
    expect(canUseStudio(null)).toBe(false);
  });

  it('opens the review pages to reviewers only: not to teachers or system administrators by their role alone', () => {
    expect(canReview(me('learner', 'reviewer'))).toBe(true);
    expect(canReview(me('learner', 'teacher', 'reviewer'))).toBe(true);
    expect(canReview(me('learner', 'teacher'))).toBe(false);
    expect(canReview(me('system_admin'))).toBe(false);
    expect(canReview(undefined)).toBe(false);
  });

  it('lets course owners and system administrators manage who teaches, not editors', () => {
    expect(canManageStaff(me('teacher'), 'owner')).toBe(true);
    expect(canManageStaff(me('teacher'), 'editor')).toBe(false);
    expect(canManageStaff(me('system_admin'), null)).toBe(true);
    expect(canManageStaff(undefined, null)).toBe(false);
  });

  it('keeps a system administrator on a course they left; a teacher goes back to their list', () => {
    expect(seesEveryCourse(me('system_admin'))).toBe(true);
    expect(seesEveryCourse(me('teacher'))).toBe(false);
  });
});
