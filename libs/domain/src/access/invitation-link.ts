import { isUuid } from '../text';
import { type Mac, readSignedToken, signToken } from './signed-token';

/**
 * The token of a person-to-person invitation link (and its QR code): an ambassador inviting a mentee, a household
 * member inviting someone to the household. It carries the kind, the invitation's id and its expiry, signed.
 * The signature stops forged or altered links before the database is read; the invitation row decides the rest
 * (used by someone already, cancelled, expired): single use is the row's, not the token's.
 */
export type InvitationLinkKind = 'mentor' | 'household';

export interface InvitationLinkPayload {
  kind: InvitationLinkKind;
  invitationId: string;
  /** Expiry, in whole seconds since the epoch. */
  expiresAt: number;
}

export function signInvitationLink(p: InvitationLinkPayload, mac: Mac): string {
  return signToken({ k: p.kind, i: p.invitationId, e: p.expiresAt }, mac);
}

/** The payload of a well-signed, well-formed token of that kind; null otherwise. The caller checks expiry. */
export function readInvitationLink(
  token: unknown,
  kind: InvitationLinkKind,
  mac: Mac,
): InvitationLinkPayload | null {
  const raw = readSignedToken(token, mac, 256) as { k?: unknown; i?: unknown; e?: unknown } | null;
  if (!raw || typeof raw !== 'object' || raw.k !== kind) return null;
  if (typeof raw.i !== 'string' || !isUuid(raw.i)) return null;
  if (typeof raw.e !== 'number' || !Number.isSafeInteger(raw.e)) return null;
  return { kind, invitationId: raw.i.toLowerCase(), expiresAt: raw.e };
}

/** Whether an invitation link has expired at `now`. */
export const invitationLinkExpired = (p: Pick<InvitationLinkPayload, 'expiresAt'>, now: Date): boolean =>
  now.getTime() >= p.expiresAt * 1000;
