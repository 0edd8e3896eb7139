import { ROLES, type Role } from '../identity';
import {
  type Capability,
  CAPABILITIES,
  CAPABILITY_NAMES,
  capabilitiesOf,
  COURSE_STAFF_ACTIONS,
  globalCapabilitiesOf,
  grantRefusal,
  holds,
  isCapability,
  reaches,
  reachesCourse,
  ROLE_TABLE,
  rolesHolding,
  SCOPED_ROLES,
  scopeFor,
  unlimitedGrant,
} from './permissions';
import type { Grant } from './scopes';

const HN = '/01/';
const BA_DINH = '/01/00004/';
const BA_DINH_WARD = '/01/00004/T1/';
const HOAN_KIEM = '/01/00037/';
const at = (role: Role, unitPath: string | null = null, organisationId: string | null = null): Grant => ({
  role,
  unitPath,
  organisationId,
});
const inUnit = (unitPath: string | null) => ({ unitPath, organisationId: null });

/**
 * The documented row set of every role: what each may do. A new role, or a capability given to or taken from a
 * role, changes this list on purpose.
 */
const DOCUMENTED: Record<Role, Capability[]> = {
  learner: [],
  community_helper: [
    'helper.registerPerson',
    'helper.issueSignInCode',
    'identity.confirm',
    'quiz.grantRetake',
  ],
  ambassador: ['helper.registerPerson', 'identity.confirm', 'ambassador.invite'],
  session_host: ['helper.issueSignInCode', 'session.host'],
  help_officer: ['helper.registerPerson', 'helper.issueSignInCode', 'identity.confirm', 'help.log'],
  report_viewer: ['report.read', 'campaign.read'],
  statistician: ['report.read', 'report.generate', 'population.import'],
  teacher: [
    'quiz.grantRetake',
    'course.create',
    'course.read',
    'course.edit',
    'course.publish',
    'course.report',
    'course.manageStaff',
  ],
  reviewer: ['course.review'],
  campaign_manager: ['mandate.read', 'report.read', 'campaign.manage', 'campaign.read'],
  unit_admin: [
    'learner.read',
    'learner.deidentify',
    'role.grant',
    'roster.import',
    'mandate.create',
    'mandate.read',
    'report.read',
    'report.generate',
    'record.read',
    'audit.read',
    'organisation.import',
    'helper.registerPerson',
    'helper.issueSignInCode',
    'identity.confirm',
    'help.log',
    'session.host',
    'quiz.grantRetake',
    'ambassador.approve',
    'campaign.manage',
    'campaign.read',
  ],
  province_admin: [
    'learner.read',
    'learner.deidentify',
    'role.grant',
    'roster.import',
    'mandate.create',
    'mandate.read',
    'report.read',
    'report.generate',
    'record.read',
    'universalisation.export',
    'audit.read',
    'unit.import',
    'organisation.import',
    'certificate.changeStatus',
    'helper.registerPerson',
    'helper.issueSignInCode',
    'identity.confirm',
    'session.host',
    'quiz.grantRetake',
    'ambassador.approve',
    'campaign.manage',
    'campaign.read',
  ],
  system_admin: CAPABILITY_NAMES.filter((c) => c !== 'course.review' && c !== 'ambassador.invite'),
};

describe('the permission table', () => {
  it('documents the row set of every role, and nothing more', () => {
    for (const role of ROLES) expect([role, capabilitiesOf([{ role }])]).toEqual([role, DOCUMENTED[role]]);
    expect(Object.keys(ROLE_TABLE).sort()).toEqual([...ROLES].sort());
  });

  it('gives every capability a description and at least one holder, and ranks roles in the ROLES order', () => {
    for (const name of CAPABILITY_NAMES) {
      expect(CAPABILITIES[name].description.length).toBeGreaterThan(0);
      expect(rolesHolding(name).length).toBeGreaterThan(0);
    }
    const ranks = ROLES.map((r) => ROLE_TABLE[r].rank);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(isCapability('report.read')).toBe(true);
    expect(isCapability('report.write')).toBe(false);
  });

  it('a report viewer reads reports in their area, read-only', () => {
    const viewer = [at('report_viewer', BA_DINH)];
    expect(holds(viewer, 'report.read')).toBe(true);
    expect(reaches(viewer, 'report.read', inUnit(BA_DINH_WARD))).toBe(true);
    expect(reaches(viewer, 'report.read', inUnit(HOAN_KIEM))).toBe(false);
    // Besides the reports, only reading: the emulation campaigns of the area and their league tables.
    expect(capabilitiesOf(viewer).filter((c) => c !== 'report.read')).toEqual(['campaign.read']);
    expect(scopeFor(viewer, 'report.read')).toEqual({
      global: false,
      unitPaths: [BA_DINH],
      organisationIds: [],
    });
    expect(scopeFor(viewer, 'learner.read')).toEqual({ global: false, unitPaths: [], organisationIds: [] });
  });

  it('a commune admin reaches learners of the commune and of their organisation, never a sibling commune', () => {
    const admin = [at('unit_admin', BA_DINH), at('unit_admin', null, 'org-1')];
    expect(reaches(admin, 'learner.read', inUnit(BA_DINH_WARD))).toBe(true);
    expect(reaches(admin, 'learner.read', { unitPath: HOAN_KIEM, organisationId: 'org-1' })).toBe(true);
    expect(reaches(admin, 'learner.read', { unitPath: HOAN_KIEM, organisationId: 'org-2' })).toBe(false);
    expect(scopeFor(admin, 'learner.read')).toEqual({
      global: false,
      unitPaths: [BA_DINH],
      organisationIds: ['org-1'],
    });
  });

  it('a system admin reaches everything, even a person placed nowhere', () => {
    const sys = [at('system_admin')];
    expect(reaches(sys, 'certificate.changeStatus', inUnit(null))).toBe(true);
    expect(scopeFor(sys, 'audit.read').global).toBe(true);
    expect(globalCapabilitiesOf(sys)).toContain('course.manageStaff');
  });

  it('a unit admin may not change a certificate status; a province admin may, in the province only', () => {
    expect(holds([at('unit_admin', BA_DINH)], 'certificate.changeStatus')).toBe(false);
    const province = [at('province_admin', HN)];
    expect(reaches(province, 'certificate.changeStatus', inUnit(BA_DINH))).toBe(true);
    expect(reaches(province, 'certificate.changeStatus', inUnit('/79/'))).toBe(false);
  });

  it('a province admin imports units below the province, not the province itself', () => {
    const province = [at('province_admin', HN)];
    expect(reaches(province, 'unit.import', inUnit(BA_DINH))).toBe(true);
    expect(reaches(province, 'unit.import', inUnit(HN))).toBe(false);
    expect(holds([at('unit_admin', BA_DINH)], 'unit.import')).toBe(false);
  });

  it('an organisation admin holds organisation import but reaches no unit with it', () => {
    const agency = [at('unit_admin', null, 'org-1')];
    expect(holds(agency, 'organisation.import')).toBe(true);
    expect(scopeFor(agency, 'organisation.import')).toEqual({
      global: false,
      unitPaths: [],
      organisationIds: [],
    });
    expect(reaches(agency, 'organisation.import', { unitPath: BA_DINH, organisationId: 'org-1' })).toBe(
      false,
    );
    expect(reaches([at('unit_admin', BA_DINH)], 'organisation.import', inUnit(BA_DINH_WARD))).toBe(true);
  });

  it('a teacher grants retakes on their own courses only, never by area', () => {
    const teacher = [at('teacher')];
    expect(holds(teacher, 'quiz.grantRetake')).toBe(true);
    expect(reaches(teacher, 'quiz.grantRetake', inUnit(BA_DINH))).toBe(false);
    expect(reachesCourse(teacher, 'quiz.grantRetake', 'editor')).toBe(true);
    expect(reachesCourse(teacher, 'quiz.grantRetake', null)).toBe(false);
    expect(scopeFor(teacher, 'quiz.grantRetake')).toEqual({
      global: false,
      unitPaths: [],
      organisationIds: [],
    });
  });

  it('course owners manage who teaches; editors do everything else on the course', () => {
    const teacher = [at('teacher')];
    expect(reachesCourse(teacher, 'course.manageStaff', 'owner')).toBe(true);
    expect(reachesCourse(teacher, 'course.manageStaff', 'editor')).toBe(false);
    expect(reachesCourse(teacher, 'course.publish', 'editor')).toBe(true);
    expect(COURSE_STAFF_ACTIONS.owner).toEqual(expect.arrayContaining([...COURSE_STAFF_ACTIONS.editor]));
    // Staff on a course without a teaching role (a revoked teacher) reach nothing on it.
    expect(reachesCourse([at('learner')], 'course.read', 'owner')).toBe(false);
    expect(reachesCourse([at('reviewer')], 'course.read', 'owner')).toBe(false);
    expect(reachesCourse([at('system_admin')], 'course.read', null)).toBe(true);
  });

  it('new community roles are scoped and can be handed out by a commune admin inside the commune', () => {
    for (const role of [
      'ambassador',
      'session_host',
      'help_officer',
      'report_viewer',
      'campaign_manager',
    ] as const) {
      expect(SCOPED_ROLES).toContain(role);
      expect(grantRefusal([at('unit_admin', BA_DINH)], role, inUnit(BA_DINH_WARD))).toBeUndefined();
      expect(grantRefusal([at('unit_admin', BA_DINH)], role, inUnit(HOAN_KIEM))).toBe('SCOPE_OUTSIDE_OWN');
      expect(grantRefusal([at('community_helper', BA_DINH)], role, inUnit(BA_DINH))).toBe('ROLE_ABOVE_OWN');
    }
  });

  it('a campaign manager manages and reads campaigns of their area only; a report viewer only reads them', () => {
    const manager = [at('campaign_manager', BA_DINH)];
    expect(reaches(manager, 'campaign.manage', inUnit(BA_DINH_WARD))).toBe(true);
    expect(reaches(manager, 'campaign.manage', inUnit(HOAN_KIEM))).toBe(false);
    expect(reaches(manager, 'campaign.read', inUnit(HOAN_KIEM))).toBe(false);
    const viewer = [at('report_viewer', HN)];
    expect(reaches(viewer, 'campaign.read', inUnit(HOAN_KIEM))).toBe(true);
    expect(holds(viewer, 'campaign.manage')).toBe(false);
    expect(holds([at('learner')], 'campaign.read')).toBe(false);
    expect(scopeFor(manager, 'campaign.manage')).toEqual({
      global: false,
      unitPaths: [BA_DINH],
      organisationIds: [],
    });
  });

  it('work done on someone’s behalf gets a grant that reaches every certificate', () => {
    const grant = unlimitedGrant('certificate.changeStatus');
    expect(reaches([grant], 'certificate.changeStatus', inUnit(null))).toBe(true);
    expect(() => unlimitedGrant('course.review' as Capability)).not.toThrow();
  });
});
