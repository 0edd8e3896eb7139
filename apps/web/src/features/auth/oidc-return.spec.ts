import { describe, expect, it } from '@jest/globals';
import { findProvider, oidcStartHref, readOidcReturn } from './oidc-return';

const LINK_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const query = (s: string) => new URLSearchParams(s);

describe('readOidcReturn', () => {
  it('is nothing on a plain sign-in page', () => {
    expect(readOidcReturn(query('next=%2Fcourses%2Fa'))).toEqual({ kind: 'none' });
  });

  it('reads a pending link to confirm, with its provider', () => {
    expect(readOidcReturn(query(`oidcLink=${LINK_ID.toUpperCase()}&provider=vneid`))).toEqual({
      kind: 'link',
      pendingLinkId: LINK_ID,
      providerId: 'vneid',
    });
  });

  it('answers a damaged link id as an expired link, without asking for a password first', () => {
    expect(readOidcReturn(query('oidcLink=not-an-id&provider=vneid'))).toEqual({
      kind: 'error',
      code: 'OIDC_LINK_NOT_FOUND',
      providerId: 'vneid',
    });
  });

  it('reads the error the callback sent back', () => {
    expect(readOidcReturn(query('oidcError=OIDC_STATE_INVALID&provider=testop'))).toEqual({
      kind: 'error',
      code: 'OIDC_STATE_INVALID',
      providerId: 'testop',
    });
  });

  it('reads a refusal of the rate limiter, which the api sends back before its provider code runs', () => {
    expect(readOidcReturn(query('oidcError=RATE_LIMITED&provider=testop'))).toEqual({
      kind: 'error',
      code: 'RATE_LIMITED',
      providerId: 'testop',
    });
  });

  it('reads an unknown error code as a sign-in that did not complete, and ignores a provider id that cannot be one', () => {
    expect(readOidcReturn(query('oidcError=<script>&provider=Evil%20Provider'))).toEqual({
      kind: 'error',
      code: 'OIDC_SIGN_IN_FAILED',
      providerId: undefined,
    });
  });
});

describe('findProvider', () => {
  const providers = [{ id: 'vneid', name: 'VNeID', startUrl: '/api/auth/oidc/vneid/start' }];

  it('finds a configured provider by id', () => {
    expect(findProvider(providers, 'vneid')?.name).toBe('VNeID');
  });

  it('finds nothing for an unknown or missing id, or before the list arrived', () => {
    expect(findProvider(providers, 'other')).toBeUndefined();
    expect(findProvider(providers, undefined)).toBeUndefined();
    expect(findProvider(undefined, 'vneid')).toBeUndefined();
  });
});

describe('oidcStartHref', () => {
  it('comes back to where the person was heading', () => {
    expect(oidcStartHref('/api/auth/oidc/vneid/start', '/courses/a b')).toBe(
      '/api/auth/oidc/vneid/start?returnTo=%2Fcourses%2Fa%20b',
    );
  });

  it('comes back to My learning instead of another site or a sign-in page', () => {
    expect(oidcStartHref('/api/auth/oidc/vneid/start', '//evil.example')).toBe(
      '/api/auth/oidc/vneid/start?returnTo=%2Fme%2Flearning',
    );
    expect(oidcStartHref('/api/auth/oidc/vneid/start?x=1', '/sign-in?oidcLink=1')).toBe(
      '/api/auth/oidc/vneid/start?x=1&returnTo=%2Fme%2Flearning',
    );
    expect(oidcStartHref('/api/auth/oidc/vneid/start', null)).toBe(
      '/api/auth/oidc/vneid/start?returnTo=%2Fme%2Flearning',
    );
  });
});
