import type {
  MeResponse,
  OidcProvidersResponse,
  PasswordResetAccepted,
  SignInCodeRequest,
  SignInCodeResponse,
} from '@hocvuso/contracts';
import { request } from './client';

/**
 * The sign-in pages' calls beyond password sign-in: password reset, one-time codes, identity providers
 * (a chunk of their own, loaded with those pages).
 */
export const authApi = {
  /** Always the same answer, whether or not an account matches. */
  requestPasswordReset: (identifier: string) =>
    request<PasswordResetAccepted>('POST', '/auth/password-reset', { body: { identifier } }),
  /** Sets the new password with the e-mailed token; signs the account out everywhere. */
  confirmPasswordReset: (token: string, password: string) =>
    request<void>('POST', '/auth/password-reset/confirm', { body: { token, password } }),
  /** A first password for the signed-in person (after a one-time code). */
  setPassword: (password: string) => request<void>('POST', '/auth/password', { body: { password } }),
  signInWithCode: (body: SignInCodeRequest) =>
    request<SignInCodeResponse>('POST', '/auth/sign-in-code', { body }),

  oidcProviders: (signal?: AbortSignal) =>
    request<OidcProvidersResponse>('GET', '/auth/oidc/providers', { signal }),
  /** Links the provider sign-in waiting for confirmation to the account signed in (with its password) here. */
  confirmOidcLink: (pendingLinkId: string) =>
    request<MeResponse>('POST', '/auth/oidc/link', { body: { pendingLinkId } }),
};
