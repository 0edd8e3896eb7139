import { z } from 'zod';
import {
  type Capability,
  CAPABILITY_NAMES,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  ROLES,
} from '@hocvuso/domain';
import { displayNameText, identifierText, languageCodeSchema, uiLanguageSchema } from './common';

const identifier = identifierText(3, 254);

export const signUpRequestSchema = z.strictObject({
  displayName: displayNameText(),
  /** An e-mail address or a Vietnamese mobile number. */
  identifier,
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  language: uiLanguageSchema.optional(),
});
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

export const signInRequestSchema = z.strictObject({
  identifier,
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const meResponseSchema = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /**
   * The phone number is proved to be the person's (a code sent by SMS) or was vouched for (a helper, a roster);
   * false for a phone sign-up not yet confirmed, and when there is no phone (docs/sms.md).
   */
  phoneVerified: z.boolean(),
  roles: z.array(z.enum(ROLES)),
  /**
   * What the person may do (the permission table in libs/domain, e.g. `report.read`), wherever they hold it; the web
   * shows and hides by these, never by role names.
   */
  capabilities: z.array(z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]])),
  /** The capabilities held everywhere (no limit of area or of own courses). */
  globalCapabilities: z.array(z.enum(CAPABILITY_NAMES as [Capability, ...Capability[]])),
  language: languageCodeSchema,
  /** An identity provider vouched for the person at a verified assurance level (e.g. VNeID level 2). */
  identityVerified: z.boolean(),
  /** Which provider and level vouched, e.g. `vneid:level2`. */
  identityAssurance: z.string().nullable(),
  /** The identity providers linked to the account, with the assurance of their latest sign-in. */
  linkedProviders: z.array(
    z.object({
      provider: z.string(),
      name: z.string(),
      acr: z.string().nullable(),
      amr: z.array(z.string()).nullable(),
      authTime: z.iso.datetime().nullable(),
      linkedAt: z.iso.datetime(),
      lastLoginAt: z.iso.datetime(),
    }),
  ),
});
export type MeResponse = z.infer<typeof meResponseSchema>;

export const csrfResponseSchema = z.object({ token: z.string() });
export type CsrfResponse = z.infer<typeof csrfResponseSchema>;

// ---- sessions ----------------------------------------------------------------------------------------------

export const sessionItemSchema = z.object({
  id: z.string().uuid(),
  /** When this browser signed in. */
  createdAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  userAgent: z.string().nullable(),
  /** password | oidc | sign_in_code */
  authMethod: z.string(),
  /** This is the browser asking. */
  current: z.boolean(),
});
export type SessionItem = z.infer<typeof sessionItemSchema>;
export const sessionsResponseSchema = z.object({ items: z.array(sessionItemSchema) });
export type SessionsResponse = z.infer<typeof sessionsResponseSchema>;

// ---- passwords ---------------------------------------------------------------------------------------------

export const passwordResetRequestSchema = z.strictObject({ identifier });
export type PasswordResetRequest = z.infer<typeof passwordResetRequestSchema>;

/** The same answer whether or not an account exists. */
export const passwordResetAcceptedSchema = z.object({ accepted: z.literal(true), message: z.string() });
export type PasswordResetAccepted = z.infer<typeof passwordResetAcceptedSchema>;

export const passwordResetConfirmSchema = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
});
export type PasswordResetConfirm = z.infer<typeof passwordResetConfirmSchema>;

/** Sets a first password, or changes it (then the current one is required). */
export const setPasswordRequestSchema = z.strictObject({
  password: z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH),
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
});
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

// ---- one-time sign-in codes (assisted registration) --------------------------------------------------------

export const signInCodeRequestSchema = z.strictObject({
  phone: identifierText(9, 20),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{8}$/, 'eight digits'),
});
export type SignInCodeRequest = z.infer<typeof signInCodeRequestSchema>;

export const signInCodeResponseSchema = meResponseSchema.extend({
  /** The person has no password yet: ask for one (POST /api/auth/password). */
  mustSetPassword: z.boolean(),
});
export type SignInCodeResponse = z.infer<typeof signInCodeResponseSchema>;

// ---- OpenID Connect ----------------------------------------------------------------------------------------

export const oidcProvidersResponseSchema = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), startUrl: z.string() })),
});
export type OidcProvidersResponse = z.infer<typeof oidcProvidersResponseSchema>;

/** Confirms linking a provider sign-in to the signed-in account (after signing in with the password). */
export const oidcLinkRequestSchema = z.strictObject({ pendingLinkId: z.string().uuid() });
export type OidcLinkRequest = z.infer<typeof oidcLinkRequestSchema>;

/** POST /api/auth/sign-out-others: how many other browsers were signed out. */
export const signedOutOthersResponseSchema = z.object({ signedOut: z.number().int() });
export type SignedOutOthersResponse = z.infer<typeof signedOutOthersResponseSchema>;

/** GET /api/auth/oidc/:provider/start: `returnTo`, a path of this site to come back to (anything else is `/`). */
export const oidcStartQuerySchema = z.object({ returnTo: z.string().optional() });

/**
 * GET /api/auth/oidc/:provider/callback: the provider's answer (OpenID Connect authorization response), read
 * by the OIDC client as a whole (unknown parameters are passed on to it, never refused here).
 */
export const oidcCallbackQuerySchema = z.looseObject({
  code: z.string().optional(),
  state: z.string().optional(),
  iss: z.string().optional(),
  error: z.string().optional(),
  error_description: z.string().optional(),
});

// ---- codes sent by SMS (docs/sms.md) -----------------------------------------------------------------------

const phoneCode = z
  .string()
  .trim()
  .regex(/^[0-9]{6}$/, 'six digits');

/** A code was queued for the caller's phone: when the next may be asked for, and how long this one lives. */
export const phoneCodeSentSchema = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number().int().min(0),
  expiresInSeconds: z.number().int().min(0),
});
export type PhoneCodeSent = z.infer<typeof phoneCodeSentSchema>;

/** Confirms the caller's phone number with the code sent to it. */
export const phoneVerificationConfirmSchema = z.strictObject({ code: phoneCode });
export type PhoneVerificationConfirm = z.infer<typeof phoneVerificationConfirmSchema>;

/** Exchanges a password-reset code sent by SMS for a single-use reset token (then password-reset/confirm). */
export const passwordResetCodeRequestSchema = z.strictObject({
  phone: identifierText(9, 20),
  code: phoneCode,
});
export type PasswordResetCodeRequest = z.infer<typeof passwordResetCodeRequestSchema>;

export const passwordResetCodeResponseSchema = z.object({
  /** The reset token for POST /api/auth/password-reset/confirm: works once, within 30 minutes. */
  token: z.string(),
});
export type PasswordResetCodeResponse = z.infer<typeof passwordResetCodeResponseSchema>;
