import type { RosterInvitationsResponse } from '@hocvuso/contracts';
import type { RosterInvitation } from './access-types';
import { request } from './client';

/** The learner's roster invitations (apps/api/src/modules/rosters/invitations.controller.ts). */
export const invitationsApi = {
  mine: (signal?: AbortSignal) => request<RosterInvitationsResponse>('GET', '/me/invitations', { signal }),
  answer: (id: string, answer: 'accept' | 'decline') =>
    request<RosterInvitation>('POST', `/me/invitations/${encodeURIComponent(id)}/${answer}`, { body: {} }),
};
