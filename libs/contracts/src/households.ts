// Digital families: households, their members, invitation links and the indicator (context: households).
import { z } from 'zod';

export const householdMemberSchema = z.object({
  userId: z.string().uuid(),
  displayName: z.string(),
  /** This member is the caller. */
  me: z.boolean(),
  joinedAt: z.string(),
  completedCourses: z.array(z.object({ courseId: z.string(), title: z.string() })),
  coursesInProgress: z.number().int(),
  trained: z.boolean(),
  /** An ambassador, or a trained member another member names as their guide. */
  guides: z.boolean(),
  ambassador: z.boolean(),
  /** The member this one says guides them, or null. */
  guidedBy: z.string().uuid().nullable(),
});
export type HouseholdMember = z.infer<typeof householdMemberSchema>;

/** GET /api/me/household: the caller's household (null when they belong to none). */
export const myHouseholdSchema = z.object({
  household: z
    .object({
      id: z.string().uuid(),
      code: z.string(),
      unit: z.object({ id: z.string().uuid(), name: z.string() }),
      hasTrainedGuide: z.boolean(),
      members: z.array(householdMemberSchema),
    })
    .nullable(),
});
export type MyHousehold = z.infer<typeof myHouseholdSchema>;

/** POST /api/me/household: start a household in the caller's unit (a code of the house or household book). */
export const createHouseholdSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[\p{L}\p{N}][\p{L}\p{N} ./-]*$/u, 'letters, digits, spaces, dots, slashes and dashes')
    .optional(),
});
export type CreateHouseholdInput = z.infer<typeof createHouseholdSchema>;

/** PUT /api/me/household/guide: who in the household guides the caller (null: nobody). */
export const householdGuideSchema = z.strictObject({ guideUserId: z.string().uuid().nullable() });
export type HouseholdGuideInput = z.infer<typeof householdGuideSchema>;

export const householdInvitationSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});

export const householdInvitationTokenSchema = z.strictObject({ token: z.string().min(1).max(256) });
export type HouseholdInvitationToken = z.infer<typeof householdInvitationTokenSchema>;

export const householdInvitationPreviewSchema = z.object({
  inviterName: z.string(),
  unitName: z.string(),
  expiresAt: z.string(),
});

/** GET /api/households/indicator?unitId=: households with a trained member who guides others, per unit. */
export const householdIndicatorQuerySchema = z.strictObject({ unitId: z.string().uuid() });
export type HouseholdIndicatorQuery = z.infer<typeof householdIndicatorQuerySchema>;

const indicatorRowSchema = z.object({
  unitId: z.string().uuid(),
  name: z.string(),
  households: z.number().int(),
  withTrainedGuide: z.number().int(),
});
export const householdIndicatorSchema = z.object({
  unit: indicatorRowSchema,
  children: z.array(indicatorRowSchema),
});
export type HouseholdIndicator = z.infer<typeof householdIndicatorSchema>;
