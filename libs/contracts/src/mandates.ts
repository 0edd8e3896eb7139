// Mandated course sets with deadlines, and compliance against them (context: mandates).
import { TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { adminLearnerSchema } from './learners';
import { clampedLimit, clampedPage, safeText } from './common';

const uuid = z.string().uuid();

export const mandateSchema = z
  .strictObject({
    title: safeText({ min: 3, max: 200 }),
    description: safeText({ max: 2000, multiline: true }).default(''),
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

const courseIdsSchema = z
  .array(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/))
  .min(1)
  .max(50);
/** Why a mandate changes: required, kept in the audit log. */
const reasonSchema = safeText({ min: 3, max: 500, multiline: true });
/** The version the change was made from (optimistic concurrency: another change in between answers 409). */
const versionSchema = z.number().int().min(1).max(2_147_483_647);

/**
 * PATCH /api/admin/mandates/:id. Only the fields given change; the scope (unit, organisation, target group)
 * never does. The rules (courses added any time, removed or the deadline shortened only before anyone
 * started) are checkMandateEdit in libs/domain/src/mandates.
 */
export const mandateEditSchema = z.strictObject({
  version: versionSchema,
  reason: reasonSchema,
  title: safeText({ min: 3, max: 200 }).optional(),
  description: safeText({ max: 2000, multiline: true }).optional(),
  courseIds: courseIdsSchema.optional(),
  dueOn: z.iso.date().optional(),
  graceDays: z.number().int().min(0).max(365).optional(),
});
export type MandateEditInput = z.infer<typeof mandateEditSchema>;

/** POST /api/admin/mandates/:id/extend: a later due date. */
export const mandateExtendSchema = z.strictObject({
  version: versionSchema,
  reason: reasonSchema,
  dueOn: z.iso.date(),
});
export type MandateExtendInput = z.infer<typeof mandateExtendSchema>;

/** POST /api/admin/mandates/:id/cancel. */
export const mandateCancelSchema = z.strictObject({ version: versionSchema, reason: reasonSchema });
export type MandateCancelInput = z.infer<typeof mandateCancelSchema>;

export const MANDATE_LIST_STATUSES = ['active', 'cancelled', 'all'] as const;
export const MANDATE_LIST_SORTS = ['dueOn', 'title', 'createdAt'] as const;

/**
 * GET /api/admin/mandates (and …/:id/place, which takes the same list): filter by status and title, sort,
 * page. Unknown or unreadable values fall back to the defaults (a hand-edited URL still works).
 */
export const mandatesQuerySchema = z.strictObject({
  status: z.enum(MANDATE_LIST_STATUSES).catch('active').default('active'),
  q: safeText({ max: 100 })
    .optional()
    .transform((q) => (q ? q : undefined)),
  sort: z.enum(MANDATE_LIST_SORTS).catch('dueOn').default('dueOn'),
  order: z.enum(['asc', 'desc']).catch('asc').default('asc'),
  page: clampedPage(100_000),
  pageSize: clampedLimit(20, 100),
});
export type MandatesQuery = z.infer<typeof mandatesQuerySchema>;

export const COMPLIANCE_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export const complianceStatusSchema = z.enum(COMPLIANCE_STATUSES);
export type ComplianceStatus = z.infer<typeof complianceStatusSchema>;

export const complianceQuerySchema = z.strictObject({ status: complianceStatusSchema.optional() });
export type ComplianceQuery = z.infer<typeof complianceQuerySchema>;

/** The enrolment state of one course of a mandate, for the learner. */
export const MANDATE_COURSE_STATUSES = ['not_enrolled', 'active', 'completed'] as const;
export type MandateCourseStatus = (typeof MANDATE_COURSE_STATUSES)[number];

/** GET /api/me/mandates. `dueOn` is a date (YYYY-MM-DD). */
export const myMandateSchema = z.object({
  id: z.string(),
  title: z.string(),
  dueOn: z.string(),
  graceDays: z.number().int(),
  courses: z.array(z.object({ id: z.string(), title: z.string(), status: z.string() })),
  /** Where the learner stands, decided by the api on the Vietnam date (libs/domain/src/mandates); the web shows it. */
  status: complianceStatusSchema,
  /**
   * Whole Vietnam calendar days to the due date ("còn N ngày"): 0 on the due day, negative once past
   * (mandateDaysLeft in libs/domain/src/mandates).
   */
  daysLeft: z.number().int(),
});
export type MyMandate = z.infer<typeof myMandateSchema>;
export const myMandatesResponseSchema = z.object({ items: z.array(myMandateSchema) });
export type MyMandatesResponse = z.infer<typeof myMandatesResponseSchema>;

export const mandateResponseSchema = z.object({
  id: z.string(),
  title: z.string(),
  courseIds: z.array(z.string()),
  unitId: z.string().nullable(),
  unitPath: z.string().nullable(),
  organisationId: z.string().nullable(),
  targetGroup: z.string().nullable(),
  dueOn: z.string(),
  graceDays: z.number().int(),
  description: z.string(),
  /** Send it back with a change: a change made from an older version answers 409 MANDATE_VERSION_STALE. */
  version: z.number().int(),
  status: z.enum(['active', 'cancelled']),
  cancelledAt: z.string().nullable(),
  /** After a create, an edit, an extension or a cancellation: how many people were told, on which channel. */
  notices: z
    .object({ notified: z.number().int(), mailed: z.number().int(), texted: z.number().int() })
    .optional(),
});
export type Mandate = z.infer<typeof mandateResponseSchema>;

/** Assigned people, those who completed every course, and (once past the deadline plus grace) the rest. */
export const mandateProgressSchema = z.object({
  assigned: z.number().int(),
  completed: z.number().int(),
  overdue: z.number().int(),
});
export type MandateProgress = z.infer<typeof mandateProgressSchema>;

export const mandatesResponseSchema = z.object({
  items: z.array(mandateResponseSchema.extend({ progress: mandateProgressSchema })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type MandatesResponse = z.infer<typeof mandatesResponseSchema>;

export const complianceReportSchema = z.object({
  mandate: mandateResponseSchema,
  counts: z.object({
    assigned: z.number().int(),
    notStarted: z.number().int(),
    inProgress: z.number().int(),
    completed: z.number().int(),
    overdue: z.number().int(),
    /** Counted in `assigned` but not listed: they did not agree to be named to their unit. */
    notNamed: z.number().int(),
  }),
  learners: z.array(
    adminLearnerSchema.extend({
      status: complianceStatusSchema,
      completedCourses: z.number().int(),
      totalCourses: z.number().int(),
    }),
  ),
});
export type ComplianceReport = z.infer<typeof complianceReportSchema>;

/** GET /api/admin/mandates/:id/place: where the mandate stands in the list given by the same query ("3 / 12"). */
export const mandatePlaceSchema = z.object({
  /** 1-based; null when the mandate is not in that list (another filter). */
  position: z.number().int().nullable(),
  total: z.number().int(),
  previousId: z.string().nullable(),
  nextId: z.string().nullable(),
});
export type MandatePlace = z.infer<typeof mandatePlaceSchema>;
