import { ConfigError, loadApiConfig } from '../../config/api.config';

const base = {
  DATABASE_URL: 'postgres://localhost/x',
  COOKIE_SECRET: 'c'.repeat(32),
  ISSUER_KEY_SECRET: 'i'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
};
const vneid = {
  id: 'vneid',
  name: 'VNeID',
  issuer: 'https://id.example.gov.vn',
  clientId: 'hocvuso',
  verifiedAcrValues: ['level2'],
};

describe('OIDC_PROVIDERS configuration', () => {
  it('is empty when unset, with rotation every 15 minutes and a 30-second grace', () => {
    const c = loadApiConfig(base);
    expect(c.oidcProviders).toEqual([]);
    expect(c).toMatchObject({
      sessionRotateMinutes: 15,
      sessionRotateGraceSeconds: 30,
      mailTransport: 'local',
    });
  });

  it('reads a provider with its defaults (scopes, assurance claim)', () => {
    const c = loadApiConfig({
      ...base,
      OIDC_PROVIDERS: JSON.stringify([vneid]),
      SMTP_URL: 'smtp://mail.example.vn:587',
    });
    expect(c.oidcProviders).toEqual([
      { ...vneid, scopes: ['openid', 'email', 'profile'], assuranceClaim: 'acr' },
    ]);
    expect(c.mailTransport).toBe('smtp');
  });

  it.each([
    ['not JSON', '{nope'],
    ['duplicate ids', JSON.stringify([vneid, vneid])],
    ['a bad id', JSON.stringify([{ ...vneid, id: 'VNeID!' }])],
    ['an unknown field', JSON.stringify([{ ...vneid, secret: 'x' }])],
  ])('refuses %s, naming the variable', (_what, value) => {
    expect(() => loadApiConfig({ ...base, OIDC_PROVIDERS: value })).toThrow(ConfigError);
    expect(() => loadApiConfig({ ...base, OIDC_PROVIDERS: value })).toThrow(/OIDC_PROVIDERS/);
  });

  it('refuses a plain-http issuer in production only', () => {
    const local = JSON.stringify([{ ...vneid, issuer: 'http://127.0.0.1:4000' }]);
    expect(loadApiConfig({ ...base, OIDC_PROVIDERS: local }).oidcProviders).toHaveLength(1);
    expect(() => loadApiConfig({ ...base, NODE_ENV: 'production', OIDC_PROVIDERS: local })).toThrow(/https/);
  });
});

describe('PUBLIC_URL', () => {
  it('is kept without a trailing slash, so links and xAPI activity ids never get a double slash', () => {
    const c = loadApiConfig({ ...base, PUBLIC_URL: 'https://hocvuso.example.vn/' });
    expect(c.publicUrl).toBe('https://hocvuso.example.vn');
    expect(c.issuer.publicUrl).toBe('https://hocvuso.example.vn');
  });
});
