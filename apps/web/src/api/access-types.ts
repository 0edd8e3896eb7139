/*
 * Shapes of the api's profile, directory, mandate, roster and import answers. They are not (yet) in
 * @hocvuso/contracts, so they are written here from apps/api/src/modules/{access,directory}; keep them in step.
 */
import type { Lang } from './client';

export const CONSENT_PURPOSES = ['learning-records', 'reminders-email', 'data-sharing-unit'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** The version of the consent texts this app shows (the `textVersion` recorded with each answer). */
export const CONSENT_TEXT_VERSION = '2026-11';

export interface AccessibilityPreferences {
  largeText: boolean;
  highContrast: boolean;
  captionsAlways: boolean;
  reducedMotion: boolean;
}

export interface ConsentRecord {
  purpose: string;
  granted: boolean;
  textVersion: string;
  channel: string;
  at: string;
}

/** GET/PUT /api/me/profile, POST /api/me/consents. */
export interface ProfileResponse {
  language: Lang;
  targetGroups: string[];
  subGroups: string[];
  accessibility: Partial<AccessibilityPreferences>;
  /** `path` is the chain of unit codes (`/DEMO/DEMO01/`); the pickers preselect from it. */
  unit: { id: string; name: string; path?: string } | null;
  organisation: { id: string; name: string } | null;
  consents: ConsentRecord[];
}

export interface ProfileUpdate {
  targetGroups: string[];
  subGroups: string[];
  unitId: string | null;
  organisationId: string | null;
  language: Lang;
  accessibility: Partial<AccessibilityPreferences>;
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  textVersion: string;
  granted: boolean;
}

export type UnitLevel = 'province' | 'commune' | 'village';

/** GET /api/units[?parent=]: units valid today. */
export interface UnitItem {
  id: string;
  code: string;
  level: UnitLevel;
  name: string;
  path: string;
  parent_id: string | null;
}

/** The enrolment state of one course of a mandate, for the learner. */
export type MandateCourseStatus = 'not_enrolled' | 'active' | 'completed';

/** GET /api/me/mandates. `dueOn` is a date (YYYY-MM-DD). */
export interface MyMandate {
  id: string;
  title: string;
  dueOn: string;
  graceDays: number;
  courses: Array<{ id: string; title: string; status: MandateCourseStatus | string }>;
}

export interface Mandate {
  id: string;
  title: string;
  courseIds: string[];
  unitId: string | null;
  unitPath: string | null;
  organisationId: string | null;
  targetGroup: string | null;
  dueOn: string;
  graceDays: number;
}

export interface MandateInput {
  title: string;
  courseIds: string[];
  unitId: string | null;
  organisationId: string | null;
  targetGroup: string | null;
  dueOn: string;
  graceDays: number;
}

export interface AdminLearner {
  id: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  targetGroups: string[];
  unit: string | null;
  organisation: string | null;
  enrolments: number;
  completed: number;
}

export interface LearnerPage {
  items: AdminLearner[];
  /** People of the area who are counted but not named (no consent to share with their unit). */
  notNamed?: number;
  total: number;
  page: number;
  limit: number;
}

export const COMPLIANCE_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export type ComplianceStatus = (typeof COMPLIANCE_STATUSES)[number];

export interface ComplianceReport {
  mandate: Mandate;
  counts: {
    assigned: number;
    notStarted: number;
    inProgress: number;
    completed: number;
    overdue: number;
    /** Counted in `assigned` but not listed: they did not agree to be named to their unit. */
    notNamed?: number;
  };
  learners: Array<
    AdminLearner & { status: ComplianceStatus; completedCourses: number; totalCourses: number }
  >;
}

export interface RowRejection {
  line: number;
  key?: string;
  errors: Array<{ field: string; message: string }>;
}

/** POST /api/admin/units/import and /api/admin/organisations/import. */
export interface DirectoryImportReport {
  dryRun: boolean;
  created: number;
  updated: number;
  unchanged: number;
  rejected: RowRejection[];
}

/** How a roster line's person was invited (in a dry run: would be). */
export type InvitationChannel = 'email' | 'code' | 'notification' | 'none';

/** POST /api/admin/rosters. */
export interface RosterReport {
  /** The stored import (GET /api/admin/rosters/:id); null for a dry run. */
  importId: string | null;
  dryRun: boolean;
  created: number;
  /** Existing accounts: invited, never placed or enrolled without their answer. */
  invited: number;
  matched: number;
  rejected: number;
  channels: Record<Exclude<InvitationChannel, 'none'>, number>;
  rows: Array<{
    line: number;
    status: 'created' | 'invited' | 'matched' | 'rejected';
    userId?: string;
    invitedBy: InvitationChannel;
    /** The one-time code of a new phone-only account, shown only in this answer (not in a dry run). */
    signInCode?: { code: string; expiresAt: string };
    errors?: RowRejection['errors'];
  }>;
}

/** One entry of GET /api/admin/audit-log (apps/api/src/modules/audit). */
export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; displayName: string | null } | null;
  action: string;
  subjectType: string;
  subjectId: string;
  scope: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditPage {
  items: AuditEntry[];
  /** The cursor for the next, older page; null on the last one. */
  next: string | null;
}

/**
 * GET /api/me/data-export (apps/api/src/modules/privacy): everything the platform holds about the caller. The
 * page reads only these fields; the downloaded file keeps all of them.
 */
export interface DataExport {
  format: string;
  generatedAt: string;
  account: { id: string; displayName: string; email: string | null; phone: string | null };
  [part: string]: unknown;
}

/** DELETE /api/me/account: the password, or nothing for an account without one (a recent sign-in instead). */
export interface DeleteAccountInput {
  password?: string;
  /** Revoke my certificates first (otherwise they stay valid with the name they were issued to). */
  withdrawCertificates?: boolean;
}

/** GET /api/me/invitations: a roster invitation that only its recipient answers. */
export interface RosterInvitation {
  id: string;
  status: 'pending' | 'accepted' | 'declined';
  unit: { id: string; name: string | null } | null;
  organisation: { id: string; name: string | null } | null;
  targetGroup: string;
  courseIds: string[];
  createdAt: string;
  respondedAt: string | null;
}

/** POST /api/helper/registrations (apps/api/src/modules/identity/identity.schemas.ts). */
export interface AssistedRegistrationInput {
  displayName: string;
  phone: string;
  targetGroups: string[];
  subGroups: string[];
  unitId: string;
  consents: ConsentInput[];
}

/** The person registered, and the one-time sign-in code to hand over (shown once, never again). */
export interface AssistedRegistrationResult {
  id: string;
  displayName: string;
  /** E.164, e.g. +84912345678. */
  phone: string;
  unit: { id: string };
  signInCode: { code: string; expiresAt: string };
}

/** POST /api/helper/sign-in-codes: a new code for a phone-only learner of the helper's area. */
export interface SignInCodeReissueInput {
  phone: string;
  /** The helper checked who the person is, face to face. */
  identityChecked: true;
}

/** The person and their new one-time code (shown once). `recovery`: the code replaces a forgotten password. */
export interface ReissuedSignInCode {
  id: string;
  displayName: string;
  /** E.164, e.g. +84912345678. */
  phone: string;
  recovery: boolean;
  signInCode: { code: string; expiresAt: string };
}
