import { can, type Capabilities } from '../../session/capabilities';

/** Administers learners somewhere (a commune, an organisation, a province or everywhere). */
export const isAdmin = (me: Capabilities): boolean => can(me, 'learner.read');

/** May revoke, suspend or reinstate certificates. */
export const canChangeCertificateStatus = (me: Capabilities): boolean => can(me, 'certificate.changeStatus');

/** May import administrative units. */
export const canImportUnits = (me: Capabilities): boolean => can(me, 'unit.import');

/** Reads the mail outbox. */
export const canReadOutbox = (me: Capabilities): boolean => can(me, 'outbox.read');

/** Registers people in person (phone only, one-time code). */
export const canRegisterPeople = (me: Capabilities): boolean => can(me, 'helper.registerPerson');

/**
 * The parts of the admin area, in menu order, each with the capability it needs. The admin menu, the admin start
 * page, the account menu's entry and the area's door all read this one list.
 */
export const ADMIN_AREAS = [
  { key: 'coverage', path: '/admin/coverage', needs: 'report.read' },
  { key: 'reports', path: '/admin/reports', needs: 'report.read' },
  { key: 'learners', path: '/admin/learners', needs: 'learner.read' },
  { key: 'mandates', path: '/admin/mandates', needs: 'mandate.read' },
  { key: 'registrations', path: '/admin/registrations', needs: 'helper.registerPerson' },
  { key: 'imports', path: '/admin/imports', needs: 'roster.import' },
  { key: 'ambassadors', path: '/admin/ambassadors', needs: 'ambassador.approve' },
  { key: 'auditLog', path: '/admin/audit-log', needs: 'audit.read' },
  { key: 'frameworks', path: '/admin/frameworks', needs: 'learner.read' },
  { key: 'mailOutbox', path: '/admin/mail-outbox', needs: 'outbox.read' },
  { key: 'populations', path: '/admin/populations', needs: 'population.import' },
  { key: 'communitySessions', path: '/admin/community-sessions', needs: 'session.host' },
  { key: 'helpLog', path: '/admin/help-log', needs: 'help.log' },
  { key: 'helpRollup', path: '/admin/help-rollup', needs: 'report.read' },
  { key: 'campaigns', path: '/admin/campaigns', needs: 'campaign.read' },
] as const;
export type AdminArea = (typeof ADMIN_AREAS)[number];

/** The parts of the admin area this person may use (none: no admin area at all). */
export const adminAreas = (me: Capabilities): AdminArea[] =>
  ADMIN_AREAS.filter((area) => can(me, area.needs));

/** Sees the admin area (and its entry in the account menu). */
export const hasAdminArea = (me: Capabilities): boolean => adminAreas(me).length > 0;

/** The part of the admin area a path belongs to (undefined for the start page or an unknown path). */
export const adminAreaOf = (pathname: string): AdminArea | undefined =>
  ADMIN_AREAS.find((area) => pathname === area.path || pathname.startsWith(`${area.path}/`));
