import type {
  Attendance,
  Attendee,
  CheckInCode,
  CheckInInput,
  CommunitySession,
  CommunitySessionInput,
  CommunitySessionList,
  HelpLog,
  HelpLogInput,
  HelpRollup,
  HostCheckInInput,
  SessionPerson,
} from '@hocvuso/contracts';
import { request } from './client';

const id = encodeURIComponent;

/** The calls of the community pages: sessions, check-in, help logs (docs/community-sessions.md). */
export const communityApi = {
  hosted: (signal?: AbortSignal) =>
    request<CommunitySessionList>('GET', '/community-sessions/hosted', { signal }),
  session: (sessionId: string, signal?: AbortSignal) =>
    request<CommunitySession>('GET', `/community-sessions/${id(sessionId)}`, { signal }),
  schedule: (
    body: Omit<CommunitySessionInput, 'lessonId' | 'latitude' | 'longitude'> &
      Partial<Pick<CommunitySessionInput, 'lessonId' | 'latitude' | 'longitude'>>,
  ) => request<CommunitySession>('POST', '/community-sessions', { body }),
  cancel: (sessionId: string) =>
    request<CommunitySession>('POST', `/community-sessions/${id(sessionId)}/cancel`, { body: {} }),
  checkInCode: (sessionId: string, signal?: AbortSignal) =>
    request<CheckInCode>('GET', `/community-sessions/${id(sessionId)}/check-in-code`, { signal }),
  attendees: (sessionId: string, signal?: AbortSignal) =>
    request<{ items: Attendee[] }>('GET', `/community-sessions/${id(sessionId)}/attendees`, { signal }),
  people: (sessionId: string, q: string, signal?: AbortSignal) =>
    request<{ items: SessionPerson[] }>('GET', `/community-sessions/${id(sessionId)}/people`, {
      query: { q },
      signal,
    }),
  hostCheckIn: (sessionId: string, body: HostCheckInInput) =>
    request<Attendance>('POST', `/community-sessions/${id(sessionId)}/attendance`, { body }),
  checkIn: (body: CheckInInput) => request<Attendance>('POST', '/community-sessions/check-in', { body }),
  services: (signal?: AbortSignal) =>
    request<{ items: Array<{ id: string; name: { vi: string; en?: string | undefined } }> }>(
      'GET',
      '/help-logs/services',
      { signal },
    ),
  logHelp: (body: HelpLogInput) => request<HelpLog>('POST', '/help-logs', { body }),
  myHelpLogs: (signal?: AbortSignal) =>
    request<{ items: Array<Omit<HelpLog, 'created'>> }>('GET', '/help-logs/mine', { signal }),
  helpRollup: (params: { unitId?: string | undefined; from: string; to: string }, signal?: AbortSignal) =>
    request<HelpRollup>('GET', '/help-logs/rollup', { query: params, signal }),
};
