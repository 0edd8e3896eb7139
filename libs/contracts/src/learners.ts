// Administrators' learner lists and details, and role grants (context: learners).
import { ROLES } from '@hocvuso/domain';
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

export const learnerListQuerySchema = z.strictObject({
  q: safeText({ max: 100 }).optional(),
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
  unit: z.string().nullable(),
  organisation: z.string().nullable(),
  enrolments: z.number().int(),
  completed: z.number().int(),
});
export type AdminLearner = z.infer<typeof adminLearnerSchema>;

/** GET /api/admin/learners; `notNamed`: people of the area counted but not named (no consent to share). */
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
