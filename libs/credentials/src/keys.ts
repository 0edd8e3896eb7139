import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DomainError, ValidationError } from '@hocvuso/domain';
import { decodeMultikey, ED25519_PRIV_HEADER, ED25519_PUB_HEADER, encodeMultikey } from './multibase';

/**
 * An Ed25519 issuer key in Multikey form. `id` is the verification method URL (`did:web:…#key-1`); the controller
 * is the DID before the `#`. `secretKeyMultibase` is the 32-byte seed (`z3u2…`), which never leaves the server
 * unencrypted: store it with `encryptSecret`.
 */
export interface IssuerKey {
  id: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The signer a DataIntegrityProof suite takes. */
export interface CredentialSigner {
  id: string;
  algorithm: string;
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** The DID that controls a verification method URL (`did:web:x#key-1` → `did:web:x`). */
export const controllerOf = (verificationMethodId: string): string => verificationMethodId.split('#')[0]!;

/** Makes a fresh Ed25519 key for the DID; the caller stores it (secret encrypted) and lists it in the DID document. */
export function generateIssuerKey(did: string, keyId = 'key-1'): IssuerKey {
  if (!did.startsWith('did:') || did.includes('#'))
    throw new ValidationError('ISSUER_DID_INVALID', `Not a DID: ${did}`);
  if (!KEY_ID.test(keyId))
    throw new ValidationError('ISSUER_KEY_ID_INVALID', `Not a usable key fragment: ${keyId}`);
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    id: `${did}#${keyId}`,
    publicKeyMultibase: encodeMultikey(ED25519_PUB_HEADER, Buffer.from(jwk.x!, 'base64url')),
    secretKeyMultibase: encodeMultikey(ED25519_PRIV_HEADER, Buffer.from(jwk.d!, 'base64url')),
  };
}

/**
 * Builds the Ed25519Multikey key pair of an issuer key and returns its signer. Refuses a secret key that does not
 * belong to the public key (a mix-up there would sign credentials that can never verify).
 */
export async function signerFor(key: IssuerKey): Promise<CredentialSigner> {
  let seed: Uint8Array;
  let publicKey: Uint8Array;
  try {
    const secret = decodeMultikeySecret(key.secretKeyMultibase);
    seed = secret.subarray(0, 32);
    publicKey = decodeMultikey(key.publicKeyMultibase, ED25519_PUB_HEADER, 32);
  } catch (err) {
    throw new DomainError(
      'ISSUER_KEY_UNREADABLE',
      'unavailable',
      'The issuer key is not a valid Ed25519 Multikey.',
      {
        keyId: key.id,
        reason: (err as Error).message,
      },
    );
  }
  const derived = createPublicKey(
    createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' }),
  ).export({ format: 'jwk' }).x!;
  if (Buffer.from(derived, 'base64url').compare(Buffer.from(publicKey)) !== 0) {
    throw new DomainError(
      'ISSUER_KEY_UNREADABLE',
      'unavailable',
      'The issuer secret key does not match its public key.',
      { keyId: key.id },
    );
  }
  const keyPair = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: key.id,
    controller: controllerOf(key.id),
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  return keyPair.signer();
}

function decodeMultikeySecret(value: string): Uint8Array {
  // 32 bytes is the canonical Multikey secret (the seed); 64 (seed ‖ public key) is what older exports wrote.
  try {
    return decodeMultikey(value, ED25519_PRIV_HEADER, 32);
  } catch {
    return decodeMultikey(value, ED25519_PRIV_HEADER, 64);
  }
}

// --- Secret keys at rest -------------------------------------------------------------------------------------

/** scrypt cost: N = 2^15, r = 8, p = 1 (about 32 MiB and a few tens of milliseconds per call). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const BLOB_VERSION = 'v1';
/** Binds the ciphertext to its purpose and format version. */
const AAD = Buffer.from('hocvuso:issuer-secret-key:v1');
export const MIN_PASSPHRASE_LENGTH = 16;

const unreadable = () =>
  new DomainError(
    'ISSUER_KEY_UNREADABLE',
    'unavailable',
    'The issuer key could not be decrypted: wrong passphrase or damaged data.',
  );

/**
 * Encrypts a secret key for storage: scrypt (N=2^15, r=8, p=1, 16-byte random salt) derives an AES-256-GCM key;
 * the result is `v1.<salt>.<iv>.<tag>.<ciphertext>`, each part base64url. Synchronous on purpose (it runs once per
 * key, at generation), and costs about as much as one scrypt.
 */
export function encryptSecret(secretKeyMultibase: string, passphrase: string): string {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new ValidationError(
      'ISSUER_KEY_PASSPHRASE_TOO_SHORT',
      `The key passphrase must have at least ${MIN_PASSPHRASE_LENGTH} characters.`,
    );
  }
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(passphrase, salt), iv);
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(secretKeyMultibase, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [BLOB_VERSION, salt, iv, tag, ciphertext]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

/**
 * Reverses `encryptSecret`. A wrong passphrase, a truncated or altered blob, or an unknown version all throw
 * `DomainError('ISSUER_KEY_UNREADABLE', 'unavailable')`, without saying which (GCM cannot tell them apart anyway).
 */
export function decryptSecret(blob: string, passphrase: string): string {
  const parts = typeof blob === 'string' ? blob.split('.') : [];
  if (parts.length !== 5 || parts[0] !== BLOB_VERSION) throw unreadable();
  const [salt, iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (salt!.length !== 16 || iv!.length !== 12 || tag!.length !== 16 || ciphertext!.length === 0)
    throw unreadable();
  try {
    const decipher = createDecipheriv('aes-256-gcm', deriveKey(passphrase, salt!), iv!);
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ciphertext!), decipher.final()]).toString('utf8');
  } catch {
    throw unreadable();
  }
}

function deriveKey(passphrase: string, salt: Buffer): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, SCRYPT);
}
