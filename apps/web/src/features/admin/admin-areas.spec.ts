import { describe, expect, it } from '@jest/globals';
import {
  adminAreaOf,
  adminAreas,
  canChangeCertificateStatus,
  canImportUnits,
  canRegisterPeople,
  hasAdminArea,
  canReadOutbox,
  isAdmin,
} from './admin-areas';
import { capabilitiesOf, globalCapabilitiesOf, isRole } from '@hocvuso/domain';

/** The session /api/auth/me answers for someone holding these roles (capabilities from the permission table). */
const me = (...roles: string[]) => {
  const grants = roles.filter(isRole).map((role) => ({ role }));
  return { capabilities: capabilitiesOf(grants), globalCapabilities: globalCapabilitiesOf(grants) };
};

describe('admin areas, by capability', () => {
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
    expect(canReadOutbox(me('province_admin'))).toBe(false);
    expect(canReadOutbox(me('system_admin'))).toBe(true);
  });

  it('lets community helpers and administrators register people in person, and nobody else', () => {
    expect(canRegisterPeople(me('learner', 'community_helper'))).toBe(true);
    expect(canRegisterPeople(me('unit_admin'))).toBe(true);
    expect(canRegisterPeople(me('system_admin'))).toBe(true);
    expect(canRegisterPeople(me('learner', 'teacher', 'reviewer'))).toBe(false);
    expect(canRegisterPeople(null)).toBe(false);
  });

  it('opens to a community helper only the registration part of the admin area', () => {
    const keys = (...roles: string[]) => adminAreas(me(...roles)).map((area) => area.key);
    expect(keys('learner', 'community_helper')).toEqual(['registrations']);
    expect(hasAdminArea(me('learner', 'community_helper'))).toBe(true);
    expect(keys('learner', 'unit_admin')).toEqual([
      'coverage',
      'reports',
      'learners',
      'mandates',
      'registrations',
      'imports',
      'ambassadors',
      'auditLog',
      'frameworks',
      'communitySessions',
      'helpLog',
      'helpRollup',
      'campaigns',
    ]);
    expect(keys('system_admin')).toContain('mailOutbox');
    // A report viewer (a Fatherland Front or Party committee reader) sees the coverage dashboards and the
    // periodic reports, and nothing else.
    expect(keys('learner', 'report_viewer')).toEqual(['coverage', 'reports', 'helpRollup', 'campaigns']);
    // A campaign manager runs the campaigns of the area and follows its mandates and reports.
    expect(keys('learner', 'campaign_manager')).toEqual([
      'coverage',
      'reports',
      'mandates',
      'helpRollup',
      'campaigns',
    ]);
    // A statistician imports the official populations and reads the dashboards; the figures alone are read
    // under the coverage part (/admin/coverage/populations), so a report viewer reaches them too.
    expect(keys('learner', 'statistician')).toEqual(['coverage', 'reports', 'populations', 'helpRollup']);
    // Session hosts and help officers open their own pages only.
    expect(keys('learner', 'session_host')).toEqual(['communitySessions']);
    expect(keys('learner', 'help_officer')).toEqual(['registrations', 'helpLog']);
    expect(keys('system_admin')).toContain('populations');
    expect(keys('learner', 'unit_admin')).not.toContain('populations');
    expect(keys('learner', 'teacher')).toEqual([]);
    expect(hasAdminArea(me('learner', 'teacher'))).toBe(false);
  });

  it('finds the part of the admin area a page belongs to, so a page above one’s role is refused', () => {
    expect(adminAreaOf('/admin/mandates/new')?.key).toBe('mandates');
    expect(adminAreaOf('/admin/registrations')?.key).toBe('registrations');
    expect(adminAreaOf('/admin/mail-outbox')?.key).toBe('mailOutbox');
    expect(adminAreaOf('/admin/audit-log')?.key).toBe('auditLog');
    expect(adminAreaOf('/admin/coverage')?.key).toBe('coverage');
    expect(adminAreaOf('/admin/coverage/populations')?.key).toBe('coverage');
    expect(adminAreaOf('/admin/populations')?.key).toBe('populations');
    expect(adminAreaOf('/admin/reports/7b0c2f9e-0000-4000-8000-000000000000')?.key).toBe('reports');
    expect(adminAreaOf('/admin/community-sessions/new')?.key).toBe('communitySessions');
    expect(adminAreaOf('/admin/campaigns/new')?.key).toBe('campaigns');
    expect(adminAreaOf('/admin')).toBeUndefined();
    expect(adminAreaOf('/admin/learnersX')).toBeUndefined();
  });
});
