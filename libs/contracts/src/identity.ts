import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { consentSchema } from './profile';
import { displayNameText, identifierText } from './common';

/** A person registered in person by a community helper: phone only, consents given on the spot. */
export const assistedRegistrationSchema = z.strictObject({
  displayName: displayNameText(),
  phone: identifierText(9, 20),
  targetGroups: z.array(z.enum(TARGET_GROUPS)).min(1).max(4),
  subGroups: z.array(z.enum(SUB_GROUPS)).max(4).default([]),
  unitId: z.string().uuid(),
  consents: z
    .array(consentSchema)
    .min(1)
    .max(10)
    .refine((list) => new Set(list.map((c) => c.purpose)).size === list.length, 'one answer per purpose'),
});
export type AssistedRegistration = z.infer<typeof assistedRegistrationSchema>;

/**
 * A new one-time sign-in code for a person in the helper's area who signs in with a phone number only (a lost
 * code, or a forgotten password). The helper confirms that they checked who the person is, face to face.
 */
export const signInCodeReissueSchema = z.strictObject({
  phone: identifierText(9, 20),
  identityChecked: z.literal(true, { error: 'confirm that you checked who the person is, in person' }),
});
export type SignInCodeReissue = z.infer<typeof signInCodeReissueSchema>;

/** A one-time sign-in code, shown once to whoever hands it over. */
export const issuedSignInCodeSchema = z.object({ code: z.string(), expiresAt: z.string() });

/** POST /api/helper/registrations: the person registered and the code to hand over (shown once, never again). */
export const assistedRegistrationResponseSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  /** E.164, e.g. +84912345678. */
  phone: z.string(),
  unit: z.object({ id: z.string() }),
  signInCode: issuedSignInCodeSchema,
});
export type AssistedRegistrationResult = z.infer<typeof assistedRegistrationResponseSchema>;

/** POST /api/helper/sign-in-codes. `recovery`: the code replaces a forgotten password. */
export const reissuedSignInCodeSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  phone: z.string(),
  recovery: z.boolean(),
  signInCode: issuedSignInCodeSchema,
});
export type ReissuedSignInCode = z.infer<typeof reissuedSignInCodeSchema>;
