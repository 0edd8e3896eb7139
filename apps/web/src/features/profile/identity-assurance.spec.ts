import { describe, expect, it } from '@jest/globals';
import { identityAssurance } from './identity-assurance';

const vneid = {
  provider: 'vneid',
  name: 'VNeID',
  acr: 'level2',
  amr: null,
  authTime: null,
  linkedAt: '2026-10-01T02:00:00.000Z',
  lastLoginAt: '2026-11-28T08:00:00.000Z',
};

describe('the identity-verified flag in words', () => {
  it('names the provider that vouched and its level', () => {
    expect(
      identityAssurance({
        identityVerified: true,
        identityAssurance: 'vneid:level2',
        linkedProviders: [vneid],
      }),
    ).toEqual({ provider: 'VNeID', acr: 'level2' });
  });

  it('keeps an acr that is a URN whole, and falls back to the provider id when it is not linked any more', () => {
    expect(
      identityAssurance({
        identityVerified: true,
        identityAssurance: 'gov-sso:urn:gov:loa:substantial',
        linkedProviders: [vneid],
      }),
    ).toEqual({ provider: 'gov-sso', acr: 'urn:gov:loa:substantial' });
  });

  it('says nothing for an identity that is not verified, or an assurance it cannot read', () => {
    expect(
      identityAssurance({ identityVerified: false, identityAssurance: null, linkedProviders: [vneid] }),
    ).toBeUndefined();
    expect(
      identityAssurance({ identityVerified: false, identityAssurance: 'vneid:level2', linkedProviders: [] }),
    ).toBeUndefined();
    expect(
      identityAssurance({ identityVerified: true, identityAssurance: 'vneid', linkedProviders: [] }),
    ).toBeUndefined();
    expect(
      identityAssurance({ identityVerified: true, identityAssurance: 'vneid:', linkedProviders: [] }),
    ).toBeUndefined();
  });
});
