import { z } from 'zod';

/** A certificate request that failed for good (GET /api/admin/certificate-requests/failed, system administrators). */
export const failedCertificateRequestSchema = z.object({
  id: z.string().uuid(),
  /** Null for an achievement (a badge such as the digital ambassador's), named by `achievementId`. */
  enrolmentId: z.string().uuid().nullable(),
  userId: z.string().uuid(),
  displayName: z.string(),
  /** The course certified, or the achievement's id. */
  courseId: z.string(),
  requestedAt: z.string(),
  failedAt: z.string(),
  /** Stable reason code, e.g. CREDENTIAL_INPUT_INVALID or ISSUER_KEY_UNREADABLE. */
  failureCode: z.string(),
  lastError: z.string().nullable(),
  attempts: z.number().int(),
});
export type FailedCertificateRequest = z.infer<typeof failedCertificateRequestSchema>;

export const failedCertificateRequestsResponseSchema = z.object({
  items: z.array(failedCertificateRequestSchema),
  total: z.number().int(),
});
export type FailedCertificateRequestsResponse = z.infer<typeof failedCertificateRequestsResponseSchema>;

/** Re-runs failed requests once their cause is fixed: all of them, or the listed ones. */
export const retryFailedCertificatesRequestSchema = z.strictObject({
  ids: z.array(z.string().uuid()).min(1).max(500).optional(),
});
export type RetryFailedCertificatesRequest = z.infer<typeof retryFailedCertificatesRequestSchema>;

export const retryFailedCertificatesResponseSchema = z.object({ retried: z.number().int() });
export type RetryFailedCertificatesResponse = z.infer<typeof retryFailedCertificatesResponseSchema>;
