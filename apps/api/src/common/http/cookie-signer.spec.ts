import { Signer } from '@fastify/cookie';
import { rememberingCookieSigner } from './cookie-signer';

const SECRET = 'a-cookie-secret-of-at-least-32-characters!';

describe('rememberingCookieSigner', () => {
  const plain = new Signer(SECRET);

  it('signs exactly as @fastify/cookie does, and reads what @fastify/cookie signed', () => {
    const signer = rememberingCookieSigner(SECRET);
    expect(signer.sign('token-value')).toBe(plain.sign('token-value'));
    expect(signer.unsign(plain.sign('tiếng Việt'))).toEqual({
      valid: true,
      renew: false,
      value: 'tiếng Việt',
    });
  });

  it('answers a remembered cookie as the first time, and a caller changing the answer changes nothing', () => {
    const signer = rememberingCookieSigner(SECRET);
    const cookie = plain.sign('abc');
    const first = signer.unsign(cookie);
    (first as { value: string | null }).value = 'tampered';
    expect(signer.unsign(cookie)).toEqual({ valid: true, renew: false, value: 'abc' });
    expect(signer.unsign(cookie)).toEqual({ valid: true, renew: false, value: 'abc' });
  });

  it('never accepts a forged, altered or foreign cookie, even after its genuine twin was remembered', () => {
    const signer = rememberingCookieSigner(SECRET);
    const cookie = plain.sign('user-token');
    expect(signer.unsign(cookie).valid).toBe(true);
    const invalid = { valid: false, renew: false, value: null };
    const sig = cookie.slice(cookie.lastIndexOf('.') + 1);
    const forged = [
      'user-token.' + sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A'),
      'user-tokeN.' + sig,
      'other-token.' + sig,
      cookie + '\u0000',
      cookie + '\u200b',
      '\u202e' + cookie,
      'user-token',
      'user-token.',
      new Signer('another-secret-of-at-least-32-characters!!').sign('user-token'),
      'x'.repeat(100_000) + '.' + sig,
    ];
    for (const f of forged) expect(signer.unsign(f)).toEqual(invalid);
    // A refused cookie is never remembered: asked again, it is refused again.
    for (const f of forged) expect(signer.unsign(f)).toEqual(invalid);
    expect(signer.unsign(cookie)).toEqual({ valid: true, renew: false, value: 'user-token' });
  });

  it('holds at most its bound, and a dropped cookie is checked again, still valid', () => {
    const signer = rememberingCookieSigner(SECRET, 3);
    const cookies = ['a', 'b', 'c', 'd', 'e'].map((v) => plain.sign(v));
    for (const c of cookies) expect(signer.unsign(c).valid).toBe(true);
    // 'a' was dropped (least recently used): it is verified again by HMAC, and still valid.
    expect(signer.unsign(cookies[0]!)).toEqual({ valid: true, renew: false, value: 'a' });
    expect(signer.unsign(cookies[0]!.slice(0, -2) + 'zz').valid).toBe(false);
  });
});
