// Digital ambassadors: nominations, invitation links, mentorships and the badge (context: ambassadors).
import { z } from 'zod';

/** Where a person stands on the way to being an ambassador. */
export const ambassadorStandingSchema = z.enum(['not_eligible', 'eligible', 'nominated', 'active']);
export type AmbassadorStanding = z.infer<typeof ambassadorStandingSchema>;

export const requiredCourseSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  completed: z.boolean(),
});

export const ambassadorBadgeSchema = z.object({
  status: z.enum(['issuing', 'valid', 'revoked', 'suspended', 'failed']),
  /** The certificate's id once allocated (the verify page is /verify/<id>). */
  certificateId: z.string().uuid().nullable(),
  verifyUrl: z.string().nullable(),
});

/** GET /api/ambassador: the caller's standing, the required courses, progress toward the goal and the badge. */
export const ambassadorPageSchema = z.object({
  standing: ambassadorStandingSchema,
  requirements: z.array(requiredCourseSchema),
  /** The caller can be nominated only when placed (a unit or an organisation has an administrator). */
  placed: z.boolean(),
  guided: z.number().int(),
  goal: z.number().int(),
  badge: ambassadorBadgeSchema.nullable(),
  limits: z.object({ perDay: z.number().int(), open: z.number().int(), ttlHours: z.number().int() }),
});
export type AmbassadorPage = z.infer<typeof ambassadorPageSchema>;

export const nominationSchema = z.object({
  id: z.string().uuid(),
  userId: z.string().uuid(),
  displayName: z.string(),
  status: z.enum(['pending', 'approved', 'declined']),
  unit: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Nomination = z.infer<typeof nominationSchema>;

export const nominationsResponseSchema = z.object({ items: z.array(nominationSchema) });

/** POST /api/admin/ambassadors: an administrator names an eligible learner of the area ambassador. */
export const nameAmbassadorSchema = z.strictObject({ userId: z.string().uuid() });
export type NameAmbassadorInput = z.infer<typeof nameAmbassadorSchema>;

export const ambassadorGrantSchema = z.object({ userId: z.string().uuid(), grantId: z.string().uuid() });

/** A new invitation link: the address to share (also as a QR code) and its expiry. */
export const mentorInvitationSchema = z.object({
  id: z.string().uuid(),
  url: z.string(),
  token: z.string(),
  expiresAt: z.string(),
});
export type MentorInvitation = z.infer<typeof mentorInvitationSchema>;

/** The body of POST /api/mentor-invitations/preview and /accept: the token from the link. */
export const mentorInvitationTokenSchema = z.strictObject({ token: z.string().min(1).max(256) });
export type MentorInvitationToken = z.infer<typeof mentorInvitationTokenSchema>;

/** What the invited person reads before answering: who invites them, until when. */
export const mentorInvitationPreviewSchema = z.object({
  ambassadorName: z.string(),
  expiresAt: z.string(),
});

export const mentorshipSchema = z.object({
  id: z.string().uuid(),
  ambassadorName: z.string(),
  acceptedAt: z.string(),
  endedAt: z.string().nullable(),
});
export type Mentorship = z.infer<typeof mentorshipSchema>;
export const mentorshipsResponseSchema = z.object({ items: z.array(mentorshipSchema) });

/** A mentee's progress summary, as their ambassador sees it: the name and the courses, nothing else. */
export const menteeSummarySchema = z.object({
  mentorshipId: z.string().uuid(),
  displayName: z.string(),
  acceptedAt: z.string(),
  guided: z.boolean(),
  courses: z.array(
    z.object({
      courseId: z.string(),
      title: z.string(),
      progressPercent: z.number().int().min(0).max(100),
      completed: z.boolean(),
    }),
  ),
});
export type MenteeSummary = z.infer<typeof menteeSummarySchema>;
export const menteesResponseSchema = z.object({ items: z.array(menteeSummarySchema) });
