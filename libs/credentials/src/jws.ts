import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, type JWSHeaderParameters } from 'jose';
import type { IssuerKey } from './keys';
import { decodeMultikey, ED25519_PRIV_HEADER, ED25519_PUB_HEADER } from './multibase';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The Ed25519 public key of a Multikey as a JWK (`OKP`, `Ed25519`), as JWS verifiers take it. */
export function ed25519PublicJwk(publicKeyMultibase: string): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
  const raw = decodeMultikey(publicKeyMultibase, ED25519_PUB_HEADER, 32);
  return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') };
}

function privateKeyOf(key: IssuerKey): KeyObject {
  let secret: Uint8Array;
  try {
    secret = decodeMultikey(key.secretKeyMultibase, ED25519_PRIV_HEADER, 32);
  } catch {
    secret = decodeMultikey(key.secretKeyMultibase, ED25519_PRIV_HEADER, 64).subarray(0, 32);
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, secret]),
    format: 'der',
    type: 'pkcs8',
  });
}

/**
 * Signs a payload as a compact JWS (RFC 7515) with EdDSA (Ed25519, RFC 8037) and the issuer key; `kid` is the key's
 * verification method in the issuer's DID document, so anyone verifies it with the published public key.
 */
export async function signCompactJws(
  key: IssuerKey,
  payload: Uint8Array,
  header: { typ: string; cty?: string },
): Promise<string> {
  return new CompactSign(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: key.id, ...header })
    .sign(privateKeyOf(key));
}

/** Verifies a compact JWS against a Multikey public key; throws when the signature or the header is wrong. */
export async function verifyCompactJws(
  jws: string,
  publicKeyMultibase: string,
): Promise<{ payload: Uint8Array; header: JWSHeaderParameters }> {
  const publicKey = createPublicKey({ key: ed25519PublicJwk(publicKeyMultibase), format: 'jwk' });
  const { payload, protectedHeader } = await compactVerify(jws, publicKey, { algorithms: ['EdDSA'] });
  return { payload, header: protectedHeader };
}
