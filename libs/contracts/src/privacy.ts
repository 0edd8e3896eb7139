import { PASSWORD_MAX_LENGTH } from '@hocvuso/domain';
import { z } from 'zod';
import { safeText } from './common';

/**
 * Deleting one's own account: the password (accounts without one prove a recent sign-in instead), and whether
 * to withdraw (revoke) one's certificates too: a certificate keeps the name it was issued to, so without this
 * it stays valid and shows that name to whoever checks it.
 */
export const deleteAccountSchema = z.strictObject({
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH).optional(),
  withdrawCertificates: z.boolean().default(false),
});
export type DeleteAccountRequest = z.infer<typeof deleteAccountSchema>;

export const adminDeidentifySchema = z.strictObject({
  reason: safeText({ min: 3, max: 500, multiline: true }),
});
export type AdminDeidentifyRequest = z.infer<typeof adminDeidentifySchema>;

/**
 * GET /api/me/data-export: everything the platform holds about the caller, one section per context; the
 * sections beyond these are open (each context contributes its own).
 */
export const dataExportSchema = z.looseObject({
  format: z.string(),
  generatedAt: z.string(),
  account: z.looseObject({
    id: z.string(),
    displayName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
  }),
});
export type DataExport = z.infer<typeof dataExportSchema>;
