import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DomainError, ValidationError } from '@hocvuso/domain';
import { decryptSecret, encryptSecret, generateIssuerKey, signerFor } from './keys';

const PASSPHRASE = 'correct horse battery staple 2026';

describe('issuer keys', () => {
  it('generates an Ed25519 Multikey under the DID, which the Multikey library reads back', async () => {
    const key = generateIssuerKey('did:web:localhost%3A3000', 'key-3');
    expect(key.id).toBe('did:web:localhost%3A3000#key-3');
    expect(key.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    expect(key.secretKeyMultibase).toMatch(/^z3u2[1-9A-HJ-NP-Za-km-z]+$/);

    const pair = await Ed25519Multikey.from({
      type: 'Multikey',
      controller: 'did:web:localhost%3A3000',
      ...key,
    });
    const signature = await pair.signer().sign({ data: new TextEncoder().encode('Học vụ số') });
    expect(await pair.verifier().verify({ data: new TextEncoder().encode('Học vụ số'), signature })).toBe(
      true,
    );
    expect(generateIssuerKey('did:web:x').publicKeyMultibase).not.toBe(
      generateIssuerKey('did:web:x').publicKeyMultibase,
    );
  });

  it('refuses a secret key that belongs to another public key', async () => {
    const a = generateIssuerKey('did:web:x');
    const b = generateIssuerKey('did:web:x');
    await expect(signerFor({ ...a, secretKeyMultibase: b.secretKeyMultibase })).rejects.toMatchObject({
      code: 'ISSUER_KEY_UNREADABLE',
    });
    await expect(signerFor({ ...a, secretKeyMultibase: 'znot-base58' })).rejects.toMatchObject({
      code: 'ISSUER_KEY_UNREADABLE',
    });
    await expect(signerFor(a)).resolves.toMatchObject({ id: a.id, algorithm: 'Ed25519' });
  });

  it('rejects a DID with a fragment or a key fragment with odd characters', () => {
    expect(() => generateIssuerKey('did:web:x#key-1')).toThrow(ValidationError);
    expect(() => generateIssuerKey('https://x', 'key-1')).toThrow(ValidationError);
    expect(() => generateIssuerKey('did:web:x', 'key 1')).toThrow(ValidationError);
  });
});

describe('issuer secret keys at rest', () => {
  it('round-trips through a versioned scrypt + AES-256-GCM blob, different every time', () => {
    const { secretKeyMultibase } = generateIssuerKey('did:web:x');
    const blob = encryptSecret(secretKeyMultibase, PASSPHRASE);
    expect(blob).toMatch(/^v1\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(blob).not.toContain(secretKeyMultibase);
    expect(encryptSecret(secretKeyMultibase, PASSPHRASE)).not.toBe(blob);
    expect(decryptSecret(blob, PASSPHRASE)).toBe(secretKeyMultibase);
  });

  it('throws ISSUER_KEY_UNREADABLE (unavailable) for a wrong passphrase', () => {
    const blob = encryptSecret('z3u2secret', PASSPHRASE);
    let error: unknown;
    try {
      decryptSecret(blob, `${PASSPHRASE}!`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'ISSUER_KEY_UNREADABLE', kind: 'unavailable' });
  });

  it('throws ISSUER_KEY_UNREADABLE for a tampered, truncated or unknown-version blob', () => {
    const blob = encryptSecret('z3u2secret', PASSPHRASE);
    const parts = blob.split('.');
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    const variants = [
      [parts[0], parts[1], parts[2], parts[3], flip(parts[4]!)].join('.'),
      [parts[0], parts[1], parts[2], flip(parts[3]!), parts[4]].join('.'),
      [parts[0], flip(parts[1]!), parts[2], parts[3], parts[4]].join('.'),
      parts.slice(0, 4).join('.'),
      ['v2', ...parts.slice(1)].join('.'),
      '',
    ];
    for (const v of variants)
      expect(() => decryptSecret(v, PASSPHRASE)).toThrow(
        expect.objectContaining({ code: 'ISSUER_KEY_UNREADABLE' }),
      );
  });

  it('will not encrypt under a short passphrase', () => {
    expect(() => encryptSecret('z3u2secret', 'short')).toThrow(
      expect.objectContaining({ code: 'ISSUER_KEY_PASSPHRASE_TOO_SHORT' }),
    );
  });
});
