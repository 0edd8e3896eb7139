import { invitationsApi } from './invitations-api';
import { apiQuery } from './query';

/** The GET operations of the invitations page (loaded with it). */
export const invitationsQueries = {
  mine: () => apiQuery('/me/invitations', {}, (signal) => invitationsApi.mine(signal)),
};
