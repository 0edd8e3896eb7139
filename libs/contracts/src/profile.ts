// The caller's own profile, consents and accessibility preferences (context: profile).
import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { languageCodeSchema, uiLanguageSchema } from './common';

const uuid = z.string().uuid();

export const profileUpdateSchema = z.strictObject({
  targetGroups: z.array(z.enum(TARGET_GROUPS)).max(4),
  subGroups: z.array(z.enum(SUB_GROUPS)).max(4),
  unitId: uuid.nullable(),
  organisationId: uuid.nullable(),
  /** The household's code within the unit (e.g. the house number or the household book number), optional. */
  householdCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9/.-]{1,40}$/, 'letters, digits, / . - up to 40')
    .nullable()
    .optional(),
  language: uiLanguageSchema,
  accessibility: z
    .strictObject({
      largeText: z.boolean(),
      highContrast: z.boolean(),
      captionsAlways: z.boolean(),
      reducedMotion: z.boolean(),
    })
    .partial(),
});
export type ProfileUpdate = z.infer<typeof profileUpdateSchema>;

/** What a person agrees (or not) to, one answer per purpose. */
export const CONSENT_PURPOSES = ['learning-records', 'reminders-email', 'data-sharing-unit'] as const;
export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export type ConsentPurpose = z.infer<typeof consentPurposeSchema>;

export const consentSchema = z.strictObject({
  purpose: consentPurposeSchema,
  textVersion: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}(-[0-9]{2})?(\.[0-9]+)?$/, 'expected a version such as 2026-11'),
  granted: z.boolean(),
});
export type ConsentInput = z.infer<typeof consentSchema>;

export const accessibilityPreferencesSchema = z
  .object({
    largeText: z.boolean(),
    highContrast: z.boolean(),
    captionsAlways: z.boolean(),
    reducedMotion: z.boolean(),
  })
  .partial();
export type AccessibilityPreferences = Required<z.infer<typeof accessibilityPreferencesSchema>>;

export const consentRecordSchema = z.object({
  purpose: z.string(),
  granted: z.boolean(),
  textVersion: z.string(),
  channel: z.string(),
  at: z.string(),
});
export type ConsentRecord = z.infer<typeof consentRecordSchema>;

/** GET/PUT /api/me/profile, POST /api/me/consents. */
export const profileResponseSchema = z.object({
  language: languageCodeSchema,
  targetGroups: z.array(z.enum(TARGET_GROUPS)),
  subGroups: z.array(z.enum(SUB_GROUPS)),
  accessibility: accessibilityPreferencesSchema,
  /** `path` is the chain of unit codes (`/DEMO/DEMO01/`); the pickers preselect from it. */
  unit: z.object({ id: z.string(), name: z.string(), path: z.string().optional() }).nullable(),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  householdCode: z.string().nullable(),
  consents: z.array(consentRecordSchema),
});
export type ProfileResponse = z.infer<typeof profileResponseSchema>;

/** GET /api/me/profile-prompt, POST /api/me/profile-prompt/dismiss: ask for the target group and place? */
export const profilePromptSchema = z.object({ show: z.boolean() });
export type ProfilePrompt = z.infer<typeof profilePromptSchema>;
