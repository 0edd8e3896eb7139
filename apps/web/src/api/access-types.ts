/*
 * The profile, directory, mandate, roster, audit, privacy and helper answers and requests, typed from
 * @hocvuso/contracts (type-only imports: zod stays out of the bundle). Requests are the schemas' input side
 * (what the web sends), answers their output side (what the api returns).
 */
export type {
  AccessibilityPreferences,
  AdminLearner,
  AssistedRegistrationResult,
  AuditEntry,
  AuditPage,
  ComplianceReport,
  ComplianceStatus,
  ConsentPurpose,
  ConsentRecord,
  DataExport,
  DirectoryImportReport,
  InvitationChannel,
  LearnerFilter,
  LearnerPage,
  LearnerStatus,
  Mandate,
  MandateCourseStatus,
  MyMandate,
  ProfilePrompt,
  ProfileResponse,
  ReissuedSignInCode,
  RosterInvitation,
  RosterReport,
  RowRejection,
  UnitItem,
  UnitLevel,
} from '@hocvuso/contracts';
import type {
  ComplianceStatus,
  ConsentPurpose,
  assistedRegistrationSchema,
  consentSchema,
  deleteAccountSchema,
  mandateSchema,
  profileUpdateSchema,
  signInCodeReissueSchema,
} from '@hocvuso/contracts';
import type { z } from 'zod';

/**
 * A runtime list of every value of a contracts enum, written here so the web does not bundle zod for it; the
 * type check fails when the list misses a value of the contract or holds one the contract does not.
 */
export const everyValueOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;

export const CONSENT_PURPOSES = everyValueOf<ConsentPurpose>()([
  'learning-records',
  'reminders-email',
  'data-sharing-unit',
]);
/** The version of the consent texts this app shows (the `textVersion` recorded with each answer). */
export const CONSENT_TEXT_VERSION = '2026-11';

export const COMPLIANCE_STATUSES = everyValueOf<ComplianceStatus>()([
  'not_started',
  'in_progress',
  'completed',
  'overdue',
]);

/** PUT /api/me/profile. */
export type ProfileUpdate = z.input<typeof profileUpdateSchema>;
/** POST /api/me/consents. */
export type ConsentInput = z.input<typeof consentSchema>;
/** POST /api/admin/mandates. */
export type MandateInput = z.input<typeof mandateSchema>;
/** DELETE /api/me/account: the password, or nothing for an account without one (a recent sign-in instead). */
export type DeleteAccountInput = z.input<typeof deleteAccountSchema>;
/** POST /api/helper/registrations. */
export type AssistedRegistrationInput = z.input<typeof assistedRegistrationSchema>;
/** POST /api/helper/sign-in-codes: a new code for a phone-only learner of the helper's area. */
export type SignInCodeReissueInput = z.input<typeof signInCodeReissueSchema>;
