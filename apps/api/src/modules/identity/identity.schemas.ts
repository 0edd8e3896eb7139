import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { displayNameText, identifierText } from '@hocvuso/contracts';
import { z } from 'zod';
import { consentSchema } from '../access/access.schemas';

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
