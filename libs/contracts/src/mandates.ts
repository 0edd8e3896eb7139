// Mandated course sets with deadlines, and compliance against them (context: mandates).
import { TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import { adminLearnerSchema } from './learners';
import { safeText } from './common';

const uuid = z.string().uuid();

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
});
export type Mandate = z.infer<typeof mandateResponseSchema>;
export const mandatesResponseSchema = z.object({ items: z.array(mandateResponseSchema) });
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
