import { ValidationError } from '@hocvuso/domain';
import { DID_CONTEXT_URL, MULTIKEY_CONTEXT_URL } from './contexts';

export type VerificationMethod = {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
};

/** A type alias (not an interface) so it is assignable to `Record<string, unknown>`. */
export type DidDocument = {
  '@context': string[];
  id: string;
  verificationMethod: VerificationMethod[];
  assertionMethod: string[];
};

export interface DidKeyEntry {
  id: string;
  publicKeyMultibase: string;
  /** The key that signs new credentials. Retired keys stay listed so what they signed keeps verifying. */
  active: boolean;
}

/**
 * The did:web of a deployment's public URL (did:web method spec §3.2): the host, a port as `%3A<port>`, and each
 * path segment after a `:`. `http://localhost:3000` → `did:web:localhost%3A3000`;
 * `https://hocvuso.gov.vn/app/` → `did:web:hocvuso.gov.vn:app`.
 */
export function didWebFor(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new ValidationError('PUBLIC_URL_INVALID', `Not a URL: ${publicUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('PUBLIC_URL_INVALID', `did:web needs an http(s) URL: ${publicUrl}`);
  }
  if (url.username || url.password)
    throw new ValidationError('PUBLIC_URL_INVALID', 'The public URL must not carry credentials.');
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  // URL has already percent-encoded whatever needs it in the path; a ':' inside a segment must be encoded too.
  const segments = url.pathname
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => s.replace(/:/g, '%3A'));
  return ['did', 'web', host, ...segments].join(':');
}

/**
 * Where a did:web's document is published (did:web spec §3.2 "Read"): `https://<host>/.well-known/did.json`, or
 * `https://<host>/<path>/did.json` for a path-based DID. `http://` only for localhost, for development.
 */
export function didWebDocumentUrl(did: string): string {
  const parts = did.split(':');
  if (parts.length < 3 || parts[0] !== 'did' || parts[1] !== 'web' || did.includes('#')) {
    throw new ValidationError('ISSUER_DID_INVALID', `Not a did:web: ${did}`);
  }
  const host = decodeURIComponent(parts[2]!);
  const path = parts.slice(3).map(decodeURIComponent);
  const scheme = /^(localhost|127\.0\.0\.1)(:\d+)?$/.test(host) ? 'http' : 'https';
  return path.length
    ? `${scheme}://${host}/${path.join('/')}/did.json`
    : `${scheme}://${host}/.well-known/did.json`;
}

/**
 * The DID document of an issuer: every key it has had, active first, in both `verificationMethod` and
 * `assertionMethod`, so credentials signed before a rotation keep verifying. To stop trusting a compromised key,
 * leave it out: whatever it signed then fails verification (verdict `tampered`).
 */
export function didDocument(did: string, keys: DidKeyEntry[]): DidDocument {
  if (keys.length === 0) throw new ValidationError('ISSUER_KEY_MISSING', `The DID ${did} has no keys.`);
  const seen = new Set<string>();
  for (const k of keys) {
    if (!k.id.startsWith(`${did}#`))
      throw new ValidationError('ISSUER_KEY_ID_INVALID', `Key ${k.id} does not belong to ${did}.`);
    if (seen.has(k.id)) throw new ValidationError('ISSUER_KEY_ID_INVALID', `Key ${k.id} is listed twice.`);
    seen.add(k.id);
  }
  const ordered = [...keys.filter((k) => k.active), ...keys.filter((k) => !k.active)];
  return {
    '@context': [DID_CONTEXT_URL, MULTIKEY_CONTEXT_URL],
    id: did,
    verificationMethod: ordered.map((k) => ({
      id: k.id,
      type: 'Multikey',
      controller: did,
      publicKeyMultibase: k.publicKeyMultibase,
    })),
    assertionMethod: ordered.map((k) => k.id),
  };
}
