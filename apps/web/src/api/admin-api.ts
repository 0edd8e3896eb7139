import type {
  AdminLearner,
  AuditQuery,
  DigitalIdentity,
  HelperDigitalIdentityInput,
  InPersonLearning,
  InPersonLearningInput,
  LearnerListQuery,
  MailOutboxResponse,
  MandateCancelInput,
  MandateEditInput,
  MandateExtendInput,
  MandatePlace,
  MandatesQuery,
  MandatesResponse,
} from '@hocvuso/contracts';
import type {
  AuditPage,
  AssistedRegistrationInput,
  AssistedRegistrationResult,
  ComplianceReport,
  ComplianceStatus,
  DirectoryImportReport,
  LearnerFilter,
  LearnerPage,
  Mandate,
  MandateInput,
  ReissuedSignInCode,
  RosterReport,
  SignInCodeReissueInput,
} from './access-types';
import { request } from './client';

const csv = (text: string) => ({ content: text, contentType: 'text/csv' });
const dryRunQuery = (dryRun: boolean) => (dryRun ? 'true' : undefined);

/** The calls of the admin area (a chunk of its own, downloaded only by administrators). */
export const adminApi = {
  learners: (params: Partial<LearnerListQuery>, signal?: AbortSignal) =>
    request<LearnerPage>('GET', '/admin/learners', { query: params, signal }),
  learner: (id: string, signal?: AbortSignal) =>
    request<AdminLearner>('GET', `/admin/learners/${encodeURIComponent(id)}`, { signal }),
  /** What a learner of the helper's area declared or had confirmed (404 outside the area). */
  learnerDigitalIdentity: (learnerId: string, signal?: AbortSignal) =>
    request<DigitalIdentity>('GET', `/admin/learners/${encodeURIComponent(learnerId)}/digital-identity`, {
      signal,
    }),
  /** A helper confirms face to face what they saw (VNeID level 2, a bank account); a replay changes nothing. */
  confirmDigitalIdentity: (learnerId: string, body: HelperDigitalIdentityInput) =>
    request<DigitalIdentity>('POST', `/admin/learners/${encodeURIComponent(learnerId)}/digital-identity`, {
      body,
    }),
  /** A helper records learning done in person (201 new, 200 `created: false` when it was already recorded). */
  recordInPersonLearning: (body: InPersonLearningInput) =>
    request<InPersonLearning>('POST', '/admin/in-person-learning', { body }),
  mandate: (id: string, signal?: AbortSignal) =>
    request<Mandate>('GET', `/admin/mandates/${encodeURIComponent(id)}`, { signal }),
  mandates: (params: Partial<MandatesQuery>, signal?: AbortSignal) =>
    request<MandatesResponse>('GET', '/admin/mandates', { query: params, signal }),
  mandatePlace: (id: string, params: Partial<MandatesQuery>, signal?: AbortSignal) =>
    request<MandatePlace>('GET', `/admin/mandates/${encodeURIComponent(id)}/place`, {
      query: params,
      signal,
    }),
  editMandate: (id: string, body: MandateEditInput) =>
    request<Mandate>('PATCH', `/admin/mandates/${encodeURIComponent(id)}`, { body }),
  extendMandate: (id: string, body: MandateExtendInput) =>
    request<Mandate>('POST', `/admin/mandates/${encodeURIComponent(id)}/extend`, { body }),
  cancelMandate: (id: string, body: MandateCancelInput) =>
    request<Mandate>('POST', `/admin/mandates/${encodeURIComponent(id)}/cancel`, { body }),
  createMandate: (body: MandateInput) => request<Mandate>('POST', '/admin/mandates', { body }),
  compliance: (id: string, status: ComplianceStatus | undefined, signal?: AbortSignal) =>
    request<ComplianceReport>('GET', `/admin/mandates/${encodeURIComponent(id)}/compliance`, {
      query: { status },
      signal,
    }),
  /** CSV bodies go as `text/csv`, the file's text as is. */
  importUnits: (text: string, dryRun: boolean) =>
    request<DirectoryImportReport>('POST', '/admin/units/import', {
      query: { dryRun: dryRunQuery(dryRun) },
      raw: csv(text),
    }),
  importOrganisations: (text: string, dryRun: boolean) =>
    request<DirectoryImportReport>('POST', '/admin/organisations/import', {
      query: { dryRun: dryRunQuery(dryRun) },
      raw: csv(text),
    }),
  importRoster: (text: string, courseIds: string[], dryRun: boolean) =>
    request<RosterReport>('POST', '/admin/rosters', {
      query: { courses: courseIds.join(','), dryRun: dryRunQuery(dryRun) },
      raw: csv(text),
    }),
  mailOutbox: (signal?: AbortSignal) => request<MailOutboxResponse>('GET', '/admin/mail-outbox', { signal }),
  auditLog: (params: Partial<Pick<AuditQuery, 'action' | 'before' | 'limit'>>, signal?: AbortSignal) =>
    request<AuditPage>('GET', '/admin/audit-log', { query: params, signal }),
  /** A community helper (or an administrator) registers a person in person; answers a one-time sign-in code. */
  registerPerson: (body: AssistedRegistrationInput) =>
    request<AssistedRegistrationResult>('POST', '/helper/registrations', { body }),
  /** A new one-time code for a phone-only learner of the helper's area (lost code or forgotten password). */
  reissueSignInCode: (body: SignInCodeReissueInput) =>
    request<ReissuedSignInCode>('POST', '/helper/sign-in-codes', { body }),
};

/** Where the learner list with these filters downloads as CSV (a plain link; paging does not apply). */
export function learnersCsvUrl(filter: Partial<LearnerFilter>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value !== undefined && value !== '') query.set(key, String(value));
  const qs = query.toString();
  return `/api/admin/learners.csv${qs ? `?${qs}` : ''}`;
}

/** Where the compliance list of a mandate downloads as CSV (a plain link: the browser saves the file). */
export const complianceCsvUrl = (mandateId: string) =>
  `/api/admin/mandates/${encodeURIComponent(mandateId)}/compliance.csv`;
