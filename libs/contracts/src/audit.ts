import { z } from 'zod';
import { clampedLimit, isoDateTimeString, optionalUuid, safeText } from './common';

/** GET /api/admin/audit-log: filters, and the cursor (`before`) from the previous page. */
export const auditQuerySchema = z.strictObject({
  action: z
    .string()
    .regex(
      /^[a-z_]+(\.[a-z_]+)*\.?$/,
      'expected an action such as role.grant, or a family such as certificate.',
    )
    .max(60)
    .optional(),
  subjectId: safeText({ min: 1, max: 100 }).optional(),
  actorId: optionalUuid(),
  since: isoDateTimeString().optional(),
  until: isoDateTimeString().optional(),
  before: z
    .string()
    .regex(/^[0-9]{1,18}$/, 'expected the cursor from the previous page')
    .optional(),
  limit: clampedLimit(50, 200),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One entry of the audit log: who did what, to whom, when, in which scope, before and after, and why. */
export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  scope: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** `next`: the cursor for the next, older page (pass it as `before`); null on the last one. */
export const auditPageSchema = z.object({ items: z.array(auditEntrySchema), next: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPageSchema>;
