import { adminApi } from './admin-api';
import { apiKey, apiQuery } from './query';
import { rosterImportsApi } from './roster-imports-api';

const id = encodeURIComponent;

/** The GET operations of the admin area (loaded with it). */
export const adminQueries = {
  learners: (params: Parameters<typeof adminApi.learners>[0]) =>
    apiQuery('/admin/learners', params, (signal) => adminApi.learners(params, signal)),
  learner: (learnerId: string) =>
    apiQuery(`/admin/learners/${id(learnerId)}`, {}, (signal) => adminApi.learner(learnerId, signal)),
  learnerDigitalIdentity: (learnerId: string) =>
    apiQuery(`/admin/learners/${id(learnerId)}/digital-identity`, {}, (signal) =>
      adminApi.learnerDigitalIdentity(learnerId, signal),
    ),
  mandate: (mandateId: string) =>
    apiQuery(`/admin/mandates/${id(mandateId)}`, {}, (signal) => adminApi.mandate(mandateId, signal)),
  mandates: (params: Parameters<typeof adminApi.mandates>[0]) =>
    apiQuery('/admin/mandates', params, (signal) => adminApi.mandates(params, signal)),
  mandatePlace: (mandateId: string, params: Parameters<typeof adminApi.mandates>[0]) =>
    apiQuery(`/admin/mandates/${id(mandateId)}/place`, params, (signal) =>
      adminApi.mandatePlace(mandateId, params, signal),
    ),
  compliance: (mandateId: string, status: Parameters<typeof adminApi.compliance>[1]) =>
    apiQuery(`/admin/mandates/${id(mandateId)}/compliance`, { status }, (signal) =>
      adminApi.compliance(mandateId, status, signal),
    ),
  mailOutbox: () => apiQuery('/admin/mail-outbox', {}, (signal) => adminApi.mailOutbox(signal)),
  myRosterImports: () => apiQuery('/admin/rosters', {}, (signal) => rosterImportsApi.mine(signal)),
};

/** What a write of the admin area makes out of date (prefixes for `useInvalidate`). */
export const adminChangedBy = {
  /** A new mandate: the list, and the required courses of the learners it applies to. */
  mandate: () => [apiKey('/admin/mandates'), apiKey('/me/mandates')],
  /** A mandate edited, extended or cancelled: everything under /admin/mandates, and the learners' mandates. */
  mandateChange: () => [['admin', 'mandates'], apiKey('/me/mandates')],
  /** A roster import: the importer's list, the learners, the compliance of every mandate. */
  rosterImport: () => [apiKey('/admin/rosters'), apiKey('/admin/learners'), ['admin', 'mandates']],
  /** A units or organisations file imported: the directory pickers. */
  directory: () => [apiKey('/units'), apiKey('/organisations')],
  /** A person registered: the learners. */
  registration: () => [apiKey('/admin/learners')],
};
