import { createPublicKey, verify } from 'node:crypto';
import { ed25519PublicJwk, signCompactJws, verifyCompactJws } from './jws';
import { generateIssuerKey } from './keys';

describe('compact JWS with the issuer key', () => {
  const key = generateIssuerKey('did:web:hocvuso.example.vn');
  const payload = new TextEncoder().encode(JSON.stringify({ hello: 'Xin chào' }));

  it('signs EdDSA with the key id, and node:crypto verifies it with the published public key alone', async () => {
    const jws = await signCompactJws(key, payload, { typ: 'test+jws', cty: 'application/json' });
    const [h, p, s] = jws.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({
      alg: 'EdDSA',
      kid: key.id,
      typ: 'test+jws',
      cty: 'application/json',
    });
    expect(Buffer.from(p, 'base64url').toString()).toBe('{"hello":"Xin chào"}');
    const publicKey = createPublicKey({ key: ed25519PublicJwk(key.publicKeyMultibase), format: 'jwk' });
    expect(verify(null, Buffer.from(`${h}.${p}`), publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    expect((await verifyCompactJws(jws, key.publicKeyMultibase)).header.kid).toBe(key.id);
  });

  it('refuses a tampered payload and another key', async () => {
    const jws = await signCompactJws(key, payload, { typ: 'test+jws' });
    const [h, , s] = jws.split('.');
    const forged = `${h}.${Buffer.from('{"hello":"Tạm biệt"}').toString('base64url')}.${s}`;
    await expect(verifyCompactJws(forged, key.publicKeyMultibase)).rejects.toThrow();
    const other = generateIssuerKey('did:web:other.example.vn');
    await expect(verifyCompactJws(jws, other.publicKeyMultibase)).rejects.toThrow();
  });
});
