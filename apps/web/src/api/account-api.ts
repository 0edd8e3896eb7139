import type {
  CertificateStatusRequest,
  CertificateStatusResponse,
  DigitalIdentity,
  DigitalIdentityInput,
  MarkNotificationsReadResponse,
  MyCertificatesResponse,
  SignedOutOthersResponse,
  UnitsResponse,
  NotificationPreferences,
  SessionsResponse,
  OrganisationListQuery,
  OrganisationListResponse,
  VerificationResponse,
} from '@hocvuso/contracts';
import type {
  ConsentInput,
  DataExport,
  DeleteAccountInput,
  ProfileResponse,
  ProfileUpdate,
} from './access-types';
import { type Lang, request } from './client';

/** The calls of the learner's account pages and of certificate verification (a chunk of their own). */
export const accountApi = {
  /** Checks an issued certificate by its id, as anyone holding the link would. */
  verifyCertificate: (id: string, lang: Lang, signal?: AbortSignal) =>
    request<VerificationResponse>('GET', `/credentials/${encodeURIComponent(id)}/verify`, {
      query: { lang },
      signal,
    }),
  /** Checks a credential document someone pasted or uploaded. */
  verifyCredential: (credential: Record<string, unknown>, lang: Lang) =>
    request<VerificationResponse>('POST', '/credentials/verify', { query: { lang }, body: { credential } }),
  myCertificates: (lang: Lang, signal?: AbortSignal) =>
    request<MyCertificatesResponse>('GET', '/me/certificates', { query: { lang }, signal }),
  changeCertificateStatus: (id: string, body: CertificateStatusRequest) =>
    request<CertificateStatusResponse>('POST', `/certificates/${encodeURIComponent(id)}/status`, { body }),

  /** Marks these notifications read, or all of them without ids. */
  markNotificationsRead: (ids?: string[]) =>
    request<MarkNotificationsReadResponse>('POST', '/me/notifications/read', { body: ids ? { ids } : {} }),
  notificationPreferences: (signal?: AbortSignal) =>
    request<NotificationPreferences>('GET', '/me/notification-preferences', { signal }),
  saveNotificationPreferences: (body: NotificationPreferences) =>
    request<NotificationPreferences>('PUT', '/me/notification-preferences', { body }),

  saveProfile: (body: ProfileUpdate) => request<ProfileResponse>('PUT', '/me/profile', { body }),
  recordConsent: (body: ConsentInput) => request<ProfileResponse>('POST', '/me/consents', { body }),
  /** What the learner declared (VNeID level 2, a digital bank account), and whether a helper confirmed it. */
  digitalIdentity: (signal?: AbortSignal) =>
    request<DigitalIdentity>('GET', '/me/digital-identity', { signal }),
  /** Declares both answers as they are today (a "no" withdraws an earlier "yes"; the history is kept). */
  declareDigitalIdentity: (body: DigitalIdentityInput) =>
    request<DigitalIdentity>('PUT', '/me/digital-identity', { body }),
  /** The provinces, or the units directly under `parentId`. */
  units: (parentId: string | undefined, signal?: AbortSignal) =>
    request<UnitsResponse>('GET', '/units', { query: { parent: parentId }, signal }),

  /** The browsers and phones signed in to this account (one entry per sign-in). */
  sessions: (signal?: AbortSignal) => request<SessionsResponse>('GET', '/auth/sessions', { signal }),
  /** Signs one of them out (this one too: then the cookie is cleared). */
  signOutSession: (id: string) => request<void>('DELETE', `/auth/sessions/${encodeURIComponent(id)}`),
  /** Signs out every browser, this one included. */
  signOutEverywhere: () => request<void>('POST', '/auth/sign-out-everywhere', { body: {} }),
  /** Every other browser of the account, in one step; this one stays signed in. */
  signOutOthers: () => request<SignedOutOthersResponse>('POST', '/auth/sign-out-others', { body: {} }),

  /** Everything the platform holds about the learner, as one JSON document. */
  dataExport: (signal?: AbortSignal) => request<DataExport>('GET', '/me/data-export', { signal }),
  /** De-identifies the account and signs out everywhere. */
  deleteAccount: (body: DeleteAccountInput) => request<void>('DELETE', '/me/account', { body }),
  /** Organisations of a unit and the units under it; `q` matches the start of the code or of name words. */
  organisations: (
    params: Pick<OrganisationListQuery, 'unitId' | 'q'> & { limit?: number },
    signal?: AbortSignal,
  ) => request<OrganisationListResponse>('GET', '/organisations', { query: params, signal }),
};

/** The signed credential JSON of a certificate, as a download. */
export const credentialDownloadUrl = (certificateId: string) =>
  `/api/credentials/${encodeURIComponent(certificateId)}?download=1`;
