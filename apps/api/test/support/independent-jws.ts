import { createPublicKey, type KeyObject, verify } from 'node:crypto';

/**
 * A receiver's own verification of the universalisation batch (docs/universalisation-exchange.md §4), written
 * from the documentation alone: it shares no code with @hocvuso/credentials, which signs the batch. Base58btc
 * and the multikey prefix are decoded here, the key becomes a JWK for node:crypto, and the signature is checked
 * over `<header>.<payload>` exactly as the docs' snippet does.
 */

const BASE58_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 (Bitcoin alphabet) to bytes; throws on a character outside the alphabet. */
export function base58Decode(text: string): Uint8Array {
  let n = 0n;
  for (const ch of text) {
    const digit = BASE58_ALPHABET.indexOf(ch);
    if (digit < 0) throw new Error(`not base58: ${JSON.stringify(ch)}`);
    n = n * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  for (const ch of text) {
    if (ch !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

/** `publicKeyMultibase` (`z` + base58btc of 0xed 0x01 + 32 bytes) to a node:crypto Ed25519 public key. */
export function ed25519KeyFromMultibase(multibase: string): KeyObject {
  if (!multibase.startsWith('z')) throw new Error('not base58btc multibase');
  const raw = base58Decode(multibase.slice(1));
  if (raw.length !== 34 || raw[0] !== 0xed || raw[1] !== 0x01) throw new Error('not an Ed25519 multikey');
  const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw.subarray(2)).toString('base64url') };
  return createPublicKey({ key: jwk, format: 'jwk' });
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export interface VerifiedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The payload's bytes as signed (UTF-8 JSON). */
  payloadText: string;
}

/**
 * Verifies a compact JWS (RFC 7515 §7.1: three unpadded base64url parts) with the key of its `kid` in a DID
 * document; null when the signature does not verify. Throws when the file is not a compact JWS at all.
 */
export function verifyCompactJws(
  jws: string,
  did: { id: string; verificationMethod: Array<{ id: string; publicKeyMultibase: string }> },
): VerifiedJws | null {
  const parts = jws.split('.');
  if (parts.length !== 3 || !parts.every((p) => BASE64URL.test(p))) throw new Error('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  // A method id is absolute (`did:web:…#key-1`) or relative to the document (`#key-1`).
  const method = did.verificationMethod.find(
    (m) => m.id === header.kid || (m.id.startsWith('#') && `${did.id}${m.id}` === header.kid),
  );
  if (!method) throw new Error(`no verification method ${String(header.kid)} in the DID document`);
  const signature = Buffer.from(s, 'base64url');
  if (signature.length !== 64) return null;
  const key = ed25519KeyFromMultibase(method.publicKeyMultibase);
  const ok = verify(null, Buffer.from(`${h}.${p}`, 'ascii'), key, signature);
  if (!ok) return null;
  const payloadText = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(p, 'base64url'));
  return { header, payload: JSON.parse(payloadText) as Record<string, unknown>, payloadText };
}
