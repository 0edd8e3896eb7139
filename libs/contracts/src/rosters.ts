// Roster imports and the invitations they send (context: rosters).
import { z } from 'zod';
import { queryFlag, queryList } from './common';

/** `?courses=a,b` or `?courses=a&courses=b` (up to 20 course ids), `?dryRun=true`. */
export const rosterQuerySchema = z.strictObject({
  courses: queryList(
    z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a course id such as online-scams'),
    20,
  ),
  dryRun: queryFlag(),
});
export type RosterQuery = z.infer<typeof rosterQuerySchema>;

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
