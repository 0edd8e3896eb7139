import type { Role } from '../identity';
import type { Grant, ScopeFilter, ScopeTarget } from './scopes';

/**
 * The permission table: every capability of the platform, the roles that hold it and how far each role's grant
 * reaches with it. This file (with identity/roles.ts, which lists the role values) is the only place that names
 * roles; services, controllers, SQL and the web ask by capability.
 *
 * Scope rules:
 * - `global`: reaches everything (a system administrator; a teacher creating courses; a reviewer).
 * - `unit-subtree-or-organisation`: reaches what lies in the grant's unit subtree, or in its organisation.
 * - `unit-subtree`: reaches the grant's unit subtree only (a grant for an organisation reaches nothing).
 * - `below-unit`: reaches the units strictly below the grant's unit (not the unit itself).
 * - `own-courses`: reaches the courses the person is staff on, with the actions their staff role allows
 *   (COURSE_STAFF_ACTIONS); nothing by area.
 */
export type ScopeRule =
  'global' | 'unit-subtree-or-organisation' | 'unit-subtree' | 'below-unit' | 'own-courses';

/** Who holds one capability, and with what reach. */
export interface CapabilityRow {
  /** One line of plain words: what the capability allows. */
  readonly description: string;
  readonly holders: Readonly<Partial<Record<Role, ScopeRule>>>;
}

const AREA = 'unit-subtree-or-organisation' as const;
/** Administrators of learners: a unit (commune or organisation), a province, everywhere. */
const ADMINS = { unit_admin: AREA, province_admin: AREA, system_admin: 'global' } as const;
/** Administrators and community helpers, who register people in person. */
const HELPERS = { community_helper: AREA, ...ADMINS } as const;
/** Teachers act on the courses they are staff on; system administrators look after every course. */
const COURSE_STAFF = { teacher: 'own-courses', system_admin: 'global' } as const;

export const CAPABILITIES = {
  'learner.read': { description: 'List and read the learners of the area.', holders: ADMINS },
  'learner.deidentify': { description: 'De-identify a learner of the area.', holders: ADMINS },
  'role.grant': {
    description: 'Grant and revoke roles inside the area (never above one’s own, see grantRefusal).',
    holders: ADMINS,
  },
  'roster.import': {
    description: 'Import rosters (accounts, enrolments, invitations) for the area.',
    holders: ADMINS,
  },
  'mandate.create': { description: 'Create mandates for the area.', holders: ADMINS },
  'mandate.read': {
    description: 'Read the mandates of the area and their compliance.',
    holders: { ...ADMINS, campaign_manager: AREA },
  },
  'report.read': {
    description:
      'Read the coverage dashboards, indicators and periodic reports of the area: counts only, nobody named.',
    holders: { ...ADMINS, report_viewer: AREA, campaign_manager: AREA, statistician: AREA },
  },
  'report.generate': {
    description: 'Generate periodic and ad-hoc coverage reports of the area, and submit or correct them.',
    holders: { ...ADMINS, statistician: AREA },
  },
  'record.read': {
    description: 'Read the learning records (xAPI statements) of the learners of the area.',
    holders: ADMINS,
  },
  'population.import': {
    description: 'Import and correct the official populations (denominators) of the area’s units.',
    holders: { statistician: 'unit-subtree', system_admin: 'global' },
  },
  'universalisation.export': {
    description: 'Export the signed batch of universalisation confirmations of the area.',
    holders: { province_admin: AREA, system_admin: 'global' },
  },
  'audit.read': { description: 'Read the audit log of the area.', holders: ADMINS },
  'unit.import': {
    description: 'Import administrative units below one’s own unit.',
    holders: { province_admin: 'below-unit', system_admin: 'global' },
  },
  'organisation.import': {
    description: 'Import organisations of the units of one’s unit subtree.',
    holders: { unit_admin: 'unit-subtree', province_admin: 'unit-subtree', system_admin: 'global' },
  },
  'certificate.changeStatus': {
    description: 'Revoke, suspend or reinstate the certificates of the learners of the area.',
    holders: { province_admin: AREA, system_admin: 'global' },
  },
  'certificate.readFailed': {
    description: 'Read certificate requests that failed to issue.',
    holders: { system_admin: 'global' },
  },
  'certificate.retryFailed': {
    description: 'Re-run certificate requests that failed to issue.',
    holders: { system_admin: 'global' },
  },
  'outbox.read': { description: 'Read the mail outbox.', holders: { system_admin: 'global' } },
  'coverage.readDrift': {
    description: 'Read the nightly reconcile runs of the coverage rollups and the drift they repaired.',
    holders: { system_admin: 'global' },
  },
  'helper.registerPerson': {
    description: 'Register a person in person (phone only) in the area.',
    holders: { ...HELPERS, ambassador: AREA, help_officer: AREA },
  },
  'helper.issueSignInCode': {
    description: 'Hand a one-time sign-in code to a learner of the area.',
    holders: { ...HELPERS, session_host: AREA, help_officer: AREA },
  },
  'identity.confirm': {
    description:
      'Confirm face to face a learner’s VNeID level 2 or bank account, and record in-person learning, in the area.',
    holders: { ...HELPERS, help_officer: AREA, ambassador: AREA },
  },
  'help.log': {
    description: 'Log help given with a public service (a person or an anonymous count) in the area.',
    holders: { help_officer: 'unit-subtree', unit_admin: 'unit-subtree', system_admin: 'global' },
  },
  'session.host': {
    description:
      'Schedule community sessions of the area, show their check-in code and check people in (in-person learning).',
    holders: {
      session_host: 'unit-subtree',
      unit_admin: 'unit-subtree',
      province_admin: 'unit-subtree',
      system_admin: 'global',
    },
  },
  'quiz.grantRetake': {
    description: 'Grant extra quiz attempts to a learner of the area or of a course one teaches.',
    holders: { ...HELPERS, teacher: 'own-courses' },
  },
  'course.create': {
    description: 'Use the teaching studio and create courses.',
    holders: { teacher: 'global', system_admin: 'global' },
  },
  'course.read': { description: 'Read a course in the teaching studio.', holders: COURSE_STAFF },
  'course.edit': { description: 'Edit a course’s outline and lessons.', holders: COURSE_STAFF },
  'course.publish': { description: 'Publish and unpublish a course.', holders: COURSE_STAFF },
  'course.report': {
    description: 'Read and export the progress of a course’s learners.',
    holders: COURSE_STAFF,
  },
  'course.manageStaff': {
    description: 'Add and remove the people who teach a course.',
    holders: COURSE_STAFF,
  },
  'course.review': { description: 'Review courses before publication.', holders: { reviewer: 'global' } },
  'ambassador.invite': {
    description:
      'Invite mentees by link or QR code and read the progress summary of those who accepted (digital ambassadors).',
    holders: { ambassador: AREA },
  },
  'ambassador.approve': {
    description: 'Approve or decline ambassador nominations of the area, and name ambassadors there.',
    holders: ADMINS,
  },
  'campaign.manage': {
    description:
      'Create and edit the emulation campaigns of the area (only units of the area take part) and close them with their awards.',
    holders: { ...ADMINS, campaign_manager: AREA },
  },
  'campaign.read': {
    description:
      'Read the emulation campaigns of the area and their league tables (learners of a participating unit read theirs too).',
    holders: { ...ADMINS, campaign_manager: AREA, report_viewer: AREA },
  },
} as const satisfies Record<string, CapabilityRow>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];
export const isCapability = (value: string): value is Capability => Object.hasOwn(CAPABILITIES, value);

/** A person's place on one course: its owner (manages who else teaches it) or an editor. */
export type CourseStaffRole = 'owner' | 'editor';
export const COURSE_STAFF_ROLES: readonly CourseStaffRole[] = ['owner', 'editor'];
/** The staff role of whoever creates a course: it decides who else teaches it, and a course keeps at least one. */
export const COURSE_OWNER: CourseStaffRole = 'owner';

/** What each course staff role allows on its course (for holders with the `own-courses` rule). */
export const COURSE_STAFF_ACTIONS: Record<CourseStaffRole, readonly Capability[]> = {
  owner: [
    'course.read',
    'course.edit',
    'course.publish',
    'course.report',
    'course.manageStaff',
    'quiz.grantRetake',
  ],
  editor: ['course.read', 'course.edit', 'course.publish', 'course.report', 'quiz.grantRetake'],
};

/** A role's place in the order of privilege and whether its grants carry a scope. */
export interface RoleRow {
  /** Privilege order: a role may be granted only by someone holding an equal or higher one. */
  readonly rank: number;
  /** Scoped roles are granted for a unit subtree or an organisation; the others for everywhere. */
  readonly scoped: boolean;
  readonly description: string;
}

export const ROLE_TABLE: Record<Role, RoleRow> = {
  learner: {
    rank: 0,
    scoped: false,
    description: 'Every account: learns; reads and changes only its own data.',
  },
  community_helper: {
    rank: 1,
    scoped: true,
    description: 'Registers people in person and helps them sign in.',
  },
  ambassador: {
    rank: 1,
    scoped: true,
    description: 'Brings people of a community in: registers them in person.',
  },
  session_host: {
    rank: 1,
    scoped: true,
    description:
      'Runs the weekly community sessions of an area: schedules them, checks people in, hands out sign-in codes.',
  },
  help_officer: {
    rank: 1,
    scoped: true,
    description:
      'Helps people of an area with public services (and logs it), registers them and hands out sign-in codes.',
  },
  report_viewer: {
    rank: 1,
    scoped: true,
    description:
      'Reads the coverage dashboards and reports of an area, read-only (Party committee, Fatherland Front, a department).',
  },
  statistician: {
    rank: 1,
    scoped: true,
    description: 'Keeps the official populations of an area and generates its periodic reports.',
  },
  teacher: { rank: 2, scoped: false, description: 'Authors the courses they are staff on.' },
  reviewer: { rank: 3, scoped: false, description: 'Reviews courses.' },
  campaign_manager: {
    rank: 3,
    scoped: true,
    description:
      'Runs the emulation campaigns of an area (league tables, awards) and follows its mandates and reports.',
  },
  unit_admin: {
    rank: 4,
    scoped: true,
    description: 'Administers the learners of a unit or an organisation.',
  },
  province_admin: { rank: 5, scoped: true, description: 'Administers a province.' },
  system_admin: { rank: 6, scoped: false, description: 'Administers everything.' },
};

/** Privilege order (kept as its own record for callers that only compare ranks). */
export const ROLE_RANK: Record<Role, number> = Object.fromEntries(
  Object.entries(ROLE_TABLE).map(([role, row]) => [role, row.rank]),
) as Record<Role, number>;

/** The role every account holds from sign-up; holding any other role makes a person staff. */
export const BASE_ROLE: Role = 'learner';

/** Roles whose powers are limited to a unit subtree or an organisation. */
export const SCOPED_ROLES: readonly Role[] = (Object.keys(ROLE_TABLE) as Role[]).filter(
  (r) => ROLE_TABLE[r].scoped,
);

type RoleOnly = Pick<Grant, 'role'>;

const ruleOf = (capability: Capability, role: Role): ScopeRule | undefined =>
  (CAPABILITIES[capability].holders as Partial<Record<Role, ScopeRule>>)[role];

/** The roles that hold a capability (with one scope rule only, if given). */
export function rolesHolding(capability: Capability, rule?: ScopeRule): Role[] {
  return (Object.entries(CAPABILITIES[capability].holders) as Array<[Role, ScopeRule]>)
    .filter(([, r]) => rule === undefined || r === rule)
    .map(([role]) => role);
}

/** Whether any of the caller's grants holds the capability (where it reaches is asked separately). */
export function holds(grants: readonly RoleOnly[], capability: Capability): boolean {
  return grants.some((g) => ruleOf(capability, g.role) !== undefined);
}

/** Whether one of the caller's grants holds the capability without any limit of scope. */
export function holdsEverywhere(grants: readonly RoleOnly[], capability: Capability): boolean {
  return grants.some((g) => ruleOf(capability, g.role) === 'global');
}

/** Whether one grant, under a scope rule, reaches a target (`own-courses` reaches no area). */
function covers(grant: Grant, rule: ScopeRule, target: ScopeTarget): boolean {
  switch (rule) {
    case 'global':
      return true;
    case 'own-courses':
      return false;
    case 'below-unit':
      return (
        grant.unitPath !== null &&
        target.unitPath !== null &&
        target.unitPath.startsWith(grant.unitPath) &&
        target.unitPath !== grant.unitPath
      );
    case 'unit-subtree':
      return (
        grant.unitPath !== null && target.unitPath !== null && target.unitPath.startsWith(grant.unitPath)
      );
    case 'unit-subtree-or-organisation':
      if (grant.unitPath) return target.unitPath !== null && target.unitPath.startsWith(grant.unitPath);
      if (grant.organisationId)
        return target.organisationId !== null && target.organisationId === grant.organisationId;
      return false;
  }
}

/**
 * Whether one grant reaches a target with what its role does to learners: global for a role that administers
 * everywhere, else the unit subtree or the organisation.
 */
export function grantCovers(grant: Grant, target: ScopeTarget): boolean {
  if (ruleOf('learner.read', grant.role) === 'global') return true;
  return covers(grant, AREA, target);
}

/** Whether any of the caller's grants holds the capability for the target (a learner, unit or organisation). */
export function reaches(grants: readonly Grant[], capability: Capability, target: ScopeTarget): boolean {
  return grants.some((g) => {
    const rule = ruleOf(capability, g.role);
    return rule !== undefined && covers(g, rule, target);
  });
}

/** The filter a list query applies for a capability: everything, or these unit paths and organisations. */
export function scopeFor(grants: readonly Grant[], capability: Capability): ScopeFilter {
  const mine = grants.flatMap((g) => {
    const rule = ruleOf(capability, g.role);
    return rule === undefined || rule === 'own-courses' ? [] : [{ g, rule }];
  });
  return {
    global: mine.some((m) => m.rule === 'global'),
    unitPaths: [...new Set(mine.flatMap(({ g }) => (g.unitPath ? [g.unitPath] : [])))],
    organisationIds: [
      ...new Set(
        mine.flatMap(({ g, rule }) => (g.organisationId && rule === AREA ? [g.organisationId] : [])),
      ),
    ],
  };
}

/** Every capability the caller holds somewhere, in table order. */
export function capabilitiesOf(grants: readonly RoleOnly[]): Capability[] {
  return CAPABILITY_NAMES.filter((c) => holds(grants, c));
}

/** Every capability the caller holds without any limit of scope, in table order. */
export function globalCapabilitiesOf(grants: readonly RoleOnly[]): Capability[] {
  return CAPABILITY_NAMES.filter((c) => holdsEverywhere(grants, c));
}

/** A grant that holds the capability everywhere, for work the platform does on someone's behalf. */
export function unlimitedGrant(capability: Capability): Grant {
  const role = rolesHolding(capability, 'global')[0];
  if (!role) throw new Error(`No role holds ${capability} everywhere.`);
  return { role, unitPath: null, organisationId: null };
}

/**
 * Whether a caller may act on one course: everywhere with a global grant of the capability, else as staff on the
 * course, while they still hold a role with the `own-courses` rule (a revoked grant ends access even if the staff
 * row stays), and only with what their staff role allows. Callers treat `false` as "no such course" (404).
 */
export function reachesCourse(
  grants: readonly RoleOnly[],
  capability: Capability,
  staffRole: CourseStaffRole | null,
): boolean {
  if (holdsEverywhere(grants, capability)) return true;
  if (staffRole === null || !grants.some((g) => ruleOf(capability, g.role) === 'own-courses')) return false;
  return COURSE_STAFF_ACTIONS[staffRole].includes(capability);
}

export type GrantRefusal = 'ROLE_ABOVE_OWN' | 'SCOPE_OUTSIDE_OWN' | 'SCOPE_REQUIRED' | 'SCOPE_NOT_ALLOWED';

/**
 * Whether `granter` may grant `role` for `scope`. Nobody grants a role above their own; a scoped grant must
 * lie inside a scope the granter administers with an equal or higher role; scoped roles need a scope, and the
 * global ones (teacher, reviewer, system admin) take none.
 */
export function grantRefusal(
  granter: readonly Grant[],
  role: Role,
  scope: ScopeTarget,
): GrantRefusal | undefined {
  const rank = ROLE_RANK[role];
  const strongEnough = granter.filter(
    (g) => ROLE_RANK[g.role] >= rank && ruleOf('role.grant', g.role) !== undefined,
  );
  if (strongEnough.length === 0) return 'ROLE_ABOVE_OWN';
  const scoped = ROLE_TABLE[role].scoped;
  const hasScope = scope.unitPath !== null || scope.organisationId !== null;
  if (scoped && !hasScope) return 'SCOPE_REQUIRED';
  if (!scoped && role !== BASE_ROLE && hasScope) return 'SCOPE_NOT_ALLOWED';
  // Global roles reach every unit, so only a system admin (or a province admin, for teachers and reviewers)
  // hands them out.
  if (!scoped) {
    const allowed = granter.some(
      (g) =>
        g.role === 'system_admin' || (g.role === 'province_admin' && ROLE_RANK[role] < ROLE_RANK.unit_admin),
    );
    return allowed ? undefined : 'ROLE_ABOVE_OWN';
  }
  return strongEnough.some((g) => grantCovers(g, scope)) ? undefined : 'SCOPE_OUTSIDE_OWN';
}
