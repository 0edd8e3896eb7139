import { PASSWORD_MAX_LENGTH } from '@hocvuso/domain';
import { safeText } from '@hocvuso/contracts';
import { z } from 'zod';

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
