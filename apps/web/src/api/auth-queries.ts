import { authApi } from './auth-api';
import { apiQuery } from './query';

/** The GET operations of the sign-in pages (loaded with them). */
export const authQueries = {
  oidcProviders: () => apiQuery('/auth/oidc/providers', {}, (signal) => authApi.oidcProviders(signal)),
};
