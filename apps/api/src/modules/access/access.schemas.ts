import { ROLES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { clampedLimit, clampedPage, safeText } from '@hocvuso/contracts';
import { z } from 'zod';

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
  language: z.enum(['vi', 'en']),
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

export const consentSchema = z.strictObject({
  purpose: z.enum(['learning-records', 'reminders-email', 'data-sharing-unit']),
  textVersion: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}(-[0-9]{2})?(\.[0-9]+)?$/, 'expected a version such as 2026-11'),
  granted: z.boolean(),
});
export type ConsentInput = z.infer<typeof consentSchema>;

export const roleGrantSchema = z.strictObject({
  userId: uuid,
  role: z.enum(ROLES),
  unitId: uuid.nullable().default(null),
  organisationId: uuid.nullable().default(null),
});
export type RoleGrantInput = z.infer<typeof roleGrantSchema>;

export const learnerListQuerySchema = z.strictObject({
  q: safeText({ max: 100 }).optional(),
  page: clampedPage(10_000),
  limit: clampedLimit(50, 200),
});
export type LearnerListQuery = z.infer<typeof learnerListQuerySchema>;

export const mandateSchema = z
  .strictObject({
    title: safeText({ min: 3, max: 200 }),
    courseIds: z
      .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
      .min(1)
      .max(50),
    unitId: uuid.nullable().default(null),
    organisationId: uuid.nullable().default(null),
    targetGroup: z.enum(TARGET_GROUPS).nullable().default(null),
    dueOn: z.iso.date(),
    graceDays: z.number().int().min(0).max(365).default(0),
  })
  .refine((m) => (m.unitId === null) !== (m.organisationId === null), {
    message: 'give exactly one of unitId and organisationId',
    path: ['unitId'],
  });
export type MandateInput = z.infer<typeof mandateSchema>;

export const complianceQuerySchema = z.strictObject({
  status: z.enum(['not_started', 'in_progress', 'completed', 'overdue']).optional(),
});
