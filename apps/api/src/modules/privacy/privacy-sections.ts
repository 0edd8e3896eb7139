import type { Provider } from '@nestjs/common';
import { PRIVACY_SECTIONS, type PrivacySection } from './privacy-section';
import { AccountPrivacySection } from './sections/account.privacy-section';
import { AssessmentPrivacySection } from './sections/assessment.privacy-section';
import { CoveragePrivacySection } from './sections/coverage.privacy-section';
import { CredentialsPrivacySection } from './sections/credentials.privacy-section';
import { GrantsPrivacySection } from './sections/grants.privacy-section';
import { LearningPrivacySection } from './sections/learning.privacy-section';
import { NotificationsPrivacySection } from './sections/notifications.privacy-section';
import { OfflinePrivacySection } from './sections/offline.privacy-section';
import { PlacementPrivacySection } from './sections/placement.privacy-section';
import { ProfilePrivacySection } from './sections/profile.privacy-section';
import { RostersPrivacySection } from './sections/rosters.privacy-section';
import { SignInPrivacySection } from './sections/sign-in.privacy-section';

/**
 * The privacy sections in their fixed order: the order in which de-identification erases (one transaction, after
 * the account row is locked) and in which the export asks (the document's key order is PERSONAL_DATA_KEYS, not
 * this). Identity goes first, so the account can no longer sign in or be reached before anything else changes;
 * the profile gives the audit scope; the contexts that keep their records come last. A new
 * context adds its section here.
 */
export const PRIVACY_SECTION_ORDER = [
  AccountPrivacySection, // users row: name, contact, password
  SignInPrivacySection, // linked providers, pending links, sessions, reset tokens, one-time codes
  RostersPrivacySection, // pending roster invitations
  NotificationsPrivacySection, // inbox, every channel off, outbox mail to the former address
  GrantsPrivacySection, // roles other than learner revoked
  ProfilePrivacySection, // profile keeps unit and target groups; consents kept; gives the audit scope
  LearningPrivacySection, // kept: enrolments, lesson and video progress
  AssessmentPrivacySection, // kept: quiz attempts
  PlacementPrivacySection, // kept: placement attempts
  OfflinePrivacySection, // kept: offline downloads and synced offline events
  CredentialsPrivacySection, // kept: certificates (withdrawn before, if the holder asked)
  CoveragePrivacySection, // kept: coverage facts, declarations, confirmations, in-person records (notes erased)
] as const;

/** The section providers and the PRIVACY_SECTIONS list built from them, in PRIVACY_SECTION_ORDER. */
export const privacySectionProviders: Provider[] = [
  ...PRIVACY_SECTION_ORDER,
  {
    provide: PRIVACY_SECTIONS,
    useFactory: (...sections: PrivacySection[]): PrivacySection[] => sections,
    inject: [...PRIVACY_SECTION_ORDER],
  },
];
