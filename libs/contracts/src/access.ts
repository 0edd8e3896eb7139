import { ROLES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { z } from 'zod';
import {
  clampedLimit,
  clampedPage,
  languageSchema,
  pageSchema,
  queryFlag,
  queryList,
  safeText,
} from './common';

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

export const COMPLIANCE_STATUSES = ['not_started', 'in_progress', 'completed', 'overdue'] as const;
export const complianceStatusSchema = z.enum(COMPLIANCE_STATUSES);
export type ComplianceStatus = z.infer<typeof complianceStatusSchema>;

export const complianceQuerySchema = z.strictObject({ status: complianceStatusSchema.optional() });
export type ComplianceQuery = z.infer<typeof complianceQuerySchema>;

/** `?courses=a,b` or `?courses=a&courses=b` (up to 20 course ids), `?dryRun=true`. */
export const rosterQuerySchema = z.strictObject({
  courses: queryList(
    z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a course id such as online-scams'),
    20,
  ),
  dryRun: queryFlag(),
});
export type RosterQuery = z.infer<typeof rosterQuerySchema>;

// ---- answers -------------------------------------------------------------------------------------------

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
  language: languageSchema,
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

/** How a roster line's person was invited (in a dry run: would be). */
export const invitationChannelSchema = z.enum(['email', 'code', 'notification', 'none']);
export type InvitationChannel = z.infer<typeof invitationChannelSchema>;

export const rowErrorsSchema = z.array(z.object({ field: z.string(), message: z.string() }));

export const rosterReportRowSchema = z.object({
  line: z.number().int(),
  status: z.enum(['created', 'invited', 'matched', 'rejected']),
  /** Only for accounts this roster created, or already placed in the admin's area (`matched`). */
  userId: z.string().optional(),
  invitedBy: invitationChannelSchema,
  /** The one-time code of a new phone-only account, shown only in this answer (not in a dry run). */
  signInCode: z.object({ code: z.string(), expiresAt: z.string() }).optional(),
  errors: rowErrorsSchema.optional(),
});
export type RosterReportRow = z.infer<typeof rosterReportRowSchema>;

const rosterCountsSchema = z.object({
  created: z.number().int(),
  /** Existing accounts: invited, never placed or enrolled without their answer. */
  invited: z.number().int(),
  matched: z.number().int(),
  rejected: z.number().int(),
  channels: z.object({ email: z.number().int(), code: z.number().int(), notification: z.number().int() }),
});

/** POST /api/admin/rosters. `importId`: the stored import (GET /api/admin/rosters/:id); null for a dry run. */
export const rosterReportSchema = rosterCountsSchema.extend({
  importId: z.string().nullable(),
  dryRun: z.boolean(),
  rows: z.array(rosterReportRowSchema),
});
export type RosterReport = z.infer<typeof rosterReportSchema>;

/** GET /api/admin/rosters: the caller's own imports, newest first. */
export const rosterImportItemSchema = z.object({
  id: z.string(),
  courseIds: z.array(z.string()),
  summary: rosterCountsSchema.partial(),
  createdAt: z.string(),
});
export type RosterImportItem = z.infer<typeof rosterImportItemSchema>;
export const rosterImportsResponseSchema = z.object({ items: z.array(rosterImportItemSchema) });
export type RosterImportsResponse = z.infer<typeof rosterImportsResponseSchema>;

/** GET /api/admin/rosters/:id: one import with its rows (no sign-in codes). */
export const rosterImportSchema = rosterImportItemSchema.extend({ rows: z.array(rosterReportRowSchema) });
export type RosterImport = z.infer<typeof rosterImportSchema>;

/** GET /api/me/invitations: a roster invitation that only its recipient answers. */
export const rosterInvitationSchema = z.object({
  id: z.string(),
  status: z.enum(['pending', 'accepted', 'declined']),
  unit: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  organisation: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  targetGroup: z.string(),
  courseIds: z.array(z.string()),
  createdAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type RosterInvitation = z.infer<typeof rosterInvitationSchema>;
export const rosterInvitationsResponseSchema = z.object({ items: z.array(rosterInvitationSchema) });
export type RosterInvitationsResponse = z.infer<typeof rosterInvitationsResponseSchema>;
