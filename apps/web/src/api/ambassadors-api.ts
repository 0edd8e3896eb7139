import type {
  AmbassadorPage,
  HouseholdIndicator,
  MenteeSummary,
  MentorInvitation,
  Mentorship,
  MyHousehold,
  Nomination,
} from '@hocvuso/contracts';
import { request } from './client';
import { apiQuery } from './query';

type Lang = string; // any interface language; the api answers what it has, else Vietnamese
type Link = MentorInvitation;

/** Digital ambassadors (apps/api/src/modules/ambassadors). */
export const ambassadorsApi = {
  page: (lang: Lang, signal?: AbortSignal) =>
    request<AmbassadorPage>('GET', '/me/ambassador', { query: { lang }, signal }),
  mentees: (lang: Lang, signal?: AbortSignal) =>
    request<{ items: MenteeSummary[] }>('GET', '/ambassador/mentees', { query: { lang }, signal }),
  nominate: () => request<Nomination>('POST', '/ambassador/nominations', { body: {} }),
  invite: () => request<Link>('POST', '/ambassador/invitations', { body: {} }),
  preview: (token: string) =>
    request<{ ambassadorName: string; expiresAt: string }>('POST', '/mentor-invitations/preview', {
      body: { token },
    }),
  accept: (token: string) => request<Mentorship>('POST', '/mentor-invitations/accept', { body: { token } }),
  mentorships: (signal?: AbortSignal) =>
    request<{ items: Mentorship[] }>('GET', '/me/mentorships', { signal }),
  endMentorship: (id: string) =>
    request<{ endedAt: string }>('POST', `/me/mentorships/${encodeURIComponent(id)}/end`, { body: {} }),
  nominations: (signal?: AbortSignal) =>
    request<{ items: Nomination[] }>('GET', '/admin/ambassador-nominations', { signal }),
  decide: (id: string, approve: boolean) =>
    request<Nomination>(
      'POST',
      `/admin/ambassador-nominations/${encodeURIComponent(id)}/${approve ? 'approve' : 'decline'}`,
      { body: {} },
    ),
};

/** Digital families (apps/api/src/modules/households). */
export const householdsApi = {
  mine: (lang: Lang, signal?: AbortSignal) =>
    request<MyHousehold>('GET', '/me/household', { query: { lang }, signal }),
  create: (lang: Lang, code?: string) =>
    request<MyHousehold>('POST', '/me/household', { query: { lang }, body: code ? { code } : {} }),
  leave: () => request<{ left: boolean }>('POST', '/me/household/leave', { body: {} }),
  guide: (lang: Lang, guideUserId: string | null) =>
    request<MyHousehold>('PUT', '/me/household/guide', { query: { lang }, body: { guideUserId } }),
  invite: () => request<Link>('POST', '/me/household/invitations', { body: {} }),
  preview: (token: string) =>
    request<{ inviterName: string; unitName: string; expiresAt: string }>(
      'POST',
      '/household-invitations/preview',
      { body: { token } },
    ),
  accept: (lang: Lang, token: string) =>
    request<MyHousehold>('POST', '/household-invitations/accept', { query: { lang }, body: { token } }),
  indicator: (unitId: string, signal?: AbortSignal) =>
    request<HouseholdIndicator>('GET', '/households/indicator', { query: { unitId }, signal }),
};

/** The GET operations of the community pages. */
export const communityQueries = {
  ambassador: (lang: Lang) =>
    apiQuery('/me/ambassador', { lang }, (signal) => ambassadorsApi.page(lang, signal)),
  mentees: (lang: Lang) =>
    apiQuery('/ambassador/mentees', { lang }, (signal) => ambassadorsApi.mentees(lang, signal)),
  mentorships: () => apiQuery('/me/mentorships', {}, (signal) => ambassadorsApi.mentorships(signal)),
  nominations: () =>
    apiQuery('/admin/ambassador-nominations', {}, (signal) => ambassadorsApi.nominations(signal)),
  household: (lang: Lang) =>
    apiQuery('/me/household', { lang }, (signal) => householdsApi.mine(lang, signal)),
  /** A minute fresh, as the coverage figures beside it. */
  householdIndicator: (unitId: string) =>
    apiQuery('/households/indicator', { unitId }, (signal) => householdsApi.indicator(unitId, signal), {
      staleTime: 60_000,
      gcTime: 5 * 60_000,
    }),
};
