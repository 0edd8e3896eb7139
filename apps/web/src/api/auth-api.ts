import type {
  MeResponse,
  OidcProvidersResponse,
  PasswordResetAccepted,
  PasswordResetCodeResponse,
  PhoneCodeSent,
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
  /** Exchanges the reset code sent by SMS for the token of `confirmPasswordReset`. */
  exchangeResetCode: (phone: string, code: string) =>
    request<PasswordResetCodeResponse>('POST', '/auth/password-reset/code', { body: { phone, code } }),
  /** Confirms the signed-in person's phone number with the code sent to it. */
  confirmPhone: (code: string) =>
    request<MeResponse>('POST', '/auth/phone-verification/confirm', { body: { code } }),
  /** Sends a new confirmation code to the signed-in person's phone. */
  resendPhoneCode: () => request<PhoneCodeSent>('POST', '/auth/phone-verification', { body: {} }),
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
