import { describe, expect, it } from '@jest/globals';
import { type LinkedProvider, signInMethodOf } from './sign-in-method';

const vneid: LinkedProvider = {
  provider: 'vneid',
  name: 'VNeID',
  acr: 'level2',
  amr: ['pwd', 'otp'],
  authTime: '2026-11-28T07:59:50.000Z',
  linkedAt: '2026-10-01T02:00:00.000Z',
  lastLoginAt: '2026-11-28T08:00:00.000Z',
};
const other: LinkedProvider = {
  ...vneid,
  provider: 'province-sso',
  name: 'Cổng dịch vụ công tỉnh',
  acr: null,
  authTime: null,
  lastLoginAt: '2026-11-20T01:00:00.000Z',
};

describe('how a session signed in', () => {
  it('names a password or a one-time code as they are, and anything unknown as "other"', () => {
    const at = '2026-11-28T08:00:00.000Z';
    expect(signInMethodOf({ authMethod: 'password', createdAt: at }, [vneid])).toEqual({ kind: 'password' });
    expect(signInMethodOf({ authMethod: 'sign_in_code', createdAt: at }, [])).toEqual({
      kind: 'sign_in_code',
    });
    expect(signInMethodOf({ authMethod: 'passkey', createdAt: at }, [])).toEqual({ kind: 'other' });
  });

  it('gives a provider sign-in its provider, acr and auth_time when it was that provider’s latest sign-in', () => {
    expect(
      signInMethodOf({ authMethod: 'oidc', createdAt: '2026-11-28T08:00:01.000Z' }, [other, vneid]),
    ).toEqual({
      kind: 'oidc',
      provider: vneid,
      assurance: { acr: 'level2', authTime: '2026-11-28T07:59:50.000Z' },
    });
  });

  it('does not lend a later sign-in’s assurance to an older session', () => {
    expect(signInMethodOf({ authMethod: 'oidc', createdAt: '2026-11-01T08:00:00.000Z' }, [vneid])).toEqual({
      kind: 'oidc',
      provider: vneid,
      assurance: null,
    });
    expect(
      signInMethodOf({ authMethod: 'oidc', createdAt: '2026-11-01T08:00:00.000Z' }, [vneid, other]),
    ).toEqual({ kind: 'oidc', provider: null, assurance: null });
  });
});
