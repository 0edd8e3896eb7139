// Administrators' learner lists and details, and role grants (context: learners).
import { LEARNER_STATUSES, ROLES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { clampedLimit, clampedPage, pageSchema, safeText } from './common';

const uuid = z.string().uuid();

export const roleGrantSchema = z.strictObject({
  userId: uuid,
  role: z.enum(ROLES),
  unitId: uuid.nullable().default(null),
  organisationId: uuid.nullable().default(null),
});
export type RoleGrantInput = z.infer<typeof roleGrantSchema>;

/** The filters of the learner list and of its CSV export (same meaning in both). */
export const learnerFilterSchema = z.strictObject({
  /** Name (without diacritics is fine), the whole e-mail, or a phone number or at least 6 of its digits. */
  q: safeText({ max: 100 }).optional(),
  /** A unit of the reader's area: that unit and every unit below it. Outside the reader's area: 404. */
  unitId: uuid.optional(),
  /** An organisation of the reader's area. Outside the reader's area: 404. */
  organisationId: uuid.optional(),
  targetGroup: z.enum(TARGET_GROUPS).optional(),
  subGroup: z.enum(SUB_GROUPS).optional(),
  status: z.enum(LEARNER_STATUSES).optional(),
});
export type LearnerFilter = z.infer<typeof learnerFilterSchema>;

export const learnerListQuerySchema = learnerFilterSchema.extend({
  page: clampedPage(10_000),
  limit: clampedLimit(50, 200),
});
export type LearnerListQuery = z.infer<typeof learnerListQuerySchema>;

/** One learner as an administrator sees them. */
export const adminLearnerSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  targetGroups: z.array(z.string()),
  subGroups: z.array(z.string()),
  /** False for someone who never filled in a profile ("chưa khai báo nơi ở"). */
  hasProfile: z.boolean(),
  unit: z.string().nullable(),
  organisation: z.string().nullable(),
  enrolments: z.number().int(),
  completed: z.number().int(),
});
export type AdminLearner = z.infer<typeof adminLearnerSchema>;

/**
 * GET /api/admin/learners; `notNamed`: people of the area matching the filters (the search text aside) who are
 * counted but not named (no consent to share, or de-identified).
 */
export const learnerPageSchema = pageSchema(adminLearnerSchema).extend({ notNamed: z.number().int() });
export type LearnerPage = z.infer<typeof learnerPageSchema>;

/** GET /api/admin/learners/:id/role-grants (the rows as stored, snake_case). */
export const roleGrantItemSchema = z.object({
  id: z.string(),
  role: z.string(),
  unit_id: z.string().nullable(),
  unit_name: z.string().nullable(),
  organisation_id: z.string().nullable(),
  organisation_name: z.string().nullable(),
  granted_at: z.string(),
});
export const roleGrantsResponseSchema = z.object({ items: z.array(roleGrantItemSchema) });
export type RoleGrantsResponse = z.infer<typeof roleGrantsResponseSchema>;

export const createdIdSchema = z.object({ id: z.string() });
export type CreatedId = z.infer<typeof createdIdSchema>;
