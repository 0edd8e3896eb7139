import type { VerificationResponse } from '@hocvuso/contracts';

export type Verdict = VerificationResponse['verdict'];
export type VerdictTone = 'success' | 'warning' | 'error';
export type VerdictIcon = 'check' | 'cross' | 'pause' | 'question' | 'clock';

/** How a verdict looks: its colour family and its icon (the words always say it too). */
export const VERDICT_LOOK: Record<Verdict, { tone: VerdictTone; icon: VerdictIcon }> = {
  valid: { tone: 'success', icon: 'check' },
  revoked: { tone: 'error', icon: 'cross' },
  suspended: { tone: 'warning', icon: 'pause' },
  tampered: { tone: 'error', icon: 'cross' },
  unknown_issuer: { tone: 'error', icon: 'question' },
  expired: { tone: 'warning', icon: 'clock' },
  not_yet_valid: { tone: 'warning', icon: 'clock' },
  malformed: { tone: 'error', icon: 'cross' },
};

/** What a person pasted, read as a credential: an object, or the reason it is not one. */
export type PastedCredential =
  | { ok: true; credential: Record<string, unknown> }
  | { ok: false; reason: 'empty' | 'not_json' | 'not_object' };

export function readPastedCredential(text: string): PastedCredential {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed) return { ok: false, reason: 'empty' };
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return { ok: false, reason: 'not_json' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not_object' };
  return { ok: true, credential: value as Record<string, unknown> };
}

/** The answer shown for text that is not a credential at all, without asking the api. */
export const MALFORMED_LOCALLY: VerificationResponse = {
  verdict: 'malformed',
  checks: { signature: false, issuerAllowed: false, validity: 'ok', status: 'unknown' },
  claims: null,
  errors: [],
};

/** Which status changes make sense now: none once revoked (final), reinstate only when suspended. */
export function statusActions(
  status: VerificationResponse['checks']['status'],
): Array<'revoke' | 'suspend' | 'reinstate'> {
  if (status === 'revoked') return [];
  if (status === 'suspended') return ['reinstate', 'revoke'];
  return ['revoke', 'suspend'];
}
