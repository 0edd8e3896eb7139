import { type Mac, readSignedToken, signToken } from '../access/signed-token';
import { isUuid } from '../text';

export type { Mac };

/**
 * Signed one-click unsubscribe tokens (access/signed-token.ts): the api and the worker pass the same secret.
 * The token names only the user and the purpose; it does not expire, so a link in an old e-mail still works,
 * and it can only ever turn reminders off.
 */
export interface UnsubscribePayload {
  userId: string;
  purpose: 'reminders';
}

export function signUnsubscribeToken(userId: string, mac: Mac): string {
  const payload: UnsubscribePayload = { userId, purpose: 'reminders' };
  return signToken(payload, mac);
}

/** The payload of a token whose signature is right and whose content is well formed; otherwise null. */
export function verifyUnsubscribeToken(token: string, mac: Mac): UnsubscribePayload | null {
  const payload = readSignedToken(token, mac) as Partial<UnsubscribePayload> | null;
  if (!payload || typeof payload !== 'object') return null;
  if (payload.purpose !== 'reminders' || typeof payload.userId !== 'string' || !isUuid(payload.userId))
    return null;
  return { userId: payload.userId.toLowerCase(), purpose: 'reminders' };
}
