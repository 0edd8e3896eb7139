import { communityApi } from './community-api';
import { apiKey, apiQuery } from './query';

const id = encodeURIComponent;

/** The GET operations of the community pages. */
export const communityQueries = {
  hosted: () => apiQuery('/community-sessions/hosted', {}, (signal) => communityApi.hosted(signal)),
  session: (sessionId: string) =>
    apiQuery(`/community-sessions/${id(sessionId)}`, {}, (signal) => communityApi.session(sessionId, signal)),
  attendees: (sessionId: string) =>
    apiQuery(`/community-sessions/${id(sessionId)}/attendees`, {}, (signal) =>
      communityApi.attendees(sessionId, signal),
    ),
  services: () =>
    apiQuery('/help-logs/services', {}, (signal) => communityApi.services(signal), { staleTime: 3_600_000 }),
  myHelpLogs: () => apiQuery('/help-logs/mine', {}, (signal) => communityApi.myHelpLogs(signal)),
  helpRollup: (params: { unitId?: string | undefined; from: string; to: string }) =>
    apiQuery('/help-logs/rollup', params, (signal) => communityApi.helpRollup(params, signal)),
};

/** What a write of the community pages makes out of date (prefixes for `useInvalidate`). */
export const communityChangedBy = {
  session: () => [apiKey('/community-sessions/hosted')],
  attendance: (sessionId: string) => [
    apiKey(`/community-sessions/${id(sessionId)}/attendees`),
    apiKey(`/community-sessions/${id(sessionId)}`),
    apiKey('/community-sessions/hosted'),
  ],
  helpLog: () => [apiKey('/help-logs/mine'), ['help-logs', 'rollup']],
};
