import { accountApi } from './account-api';
import type { Lang } from './client';
import { apiQuery } from './query';

const id = encodeURIComponent;

/** The GET operations of the account pages and of certificate verification (loaded with them). */
export const accountQueries = {
  verifyCertificate: (certificateId: string, lang: Lang) =>
    apiQuery(`/credentials/${id(certificateId)}/verify`, { lang }, (signal) =>
      accountApi.verifyCertificate(certificateId, lang, signal),
    ),
  myCertificates: (lang: Lang) =>
    apiQuery('/me/certificates', { lang }, (signal) => accountApi.myCertificates(lang, signal)),
  notificationPreferences: () =>
    apiQuery('/me/notification-preferences', {}, (signal) => accountApi.notificationPreferences(signal)),
  /** The provinces, or the units directly under `parentId`. */
  units: (parentId: string | undefined) =>
    apiQuery('/units', { parent: parentId }, (signal) => accountApi.units(parentId, signal)),
  digitalIdentity: () => apiQuery('/me/digital-identity', {}, (signal) => accountApi.digitalIdentity(signal)),
  sessions: () => apiQuery('/auth/sessions', {}, (signal) => accountApi.sessions(signal)),
  organisations: (params: Parameters<typeof accountApi.organisations>[0]) =>
    apiQuery('/organisations', params, (signal) => accountApi.organisations(params, signal)),
};
