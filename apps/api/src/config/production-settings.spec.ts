import { ConfigError, loadApiConfig } from './api.config';

const base = {
  DATABASE_URL: 'postgres://localhost/x',
  COOKIE_SECRET: 'c'.repeat(32),
  ISSUER_KEY_SECRET: 'i'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
};
const production = { ...base, NODE_ENV: 'production' };

describe('PUBLIC_URL in production', () => {
  it('is required: without it every credential would name http://localhost as its issuer', () => {
    expect(() => loadApiConfig(production)).toThrow(ConfigError);
    expect(() => loadApiConfig(production)).toThrow(/PUBLIC_URL.*is required in production/);
  });

  it.each([
    ['plain http (the old compose default)', 'http://localhost:8080'],
    ['plain http on a real name', 'http://hocvuso.example.vn'],
    ['https on localhost', 'https://localhost'],
    ['https on a .localhost name', 'https://hocvuso.localhost:8443'],
    ['https on a loopback address', 'https://127.0.0.1'],
    ['https on the IPv6 loopback', 'https://[::1]:8443'],
    ['another scheme', 'ftp://hocvuso.example.vn'],
  ])('refuses %s, naming the variable', (_what, url) => {
    expect(() => loadApiConfig({ ...production, PUBLIC_URL: url })).toThrow(/PUBLIC_URL/);
  });

  it('accepts an https address, with Secure cookies (and so HSTS) on by default', () => {
    const c = loadApiConfig({ ...production, PUBLIC_URL: 'https://hocvuso.example.vn/' });
    expect(c.publicUrl).toBe('https://hocvuso.example.vn');
    expect(c.issuer.publicUrl).toBe('https://hocvuso.example.vn');
    expect(c.cookieSecure).toBe(true);
  });

  it('leaves development and tests alone (http://localhost by default, cookies not Secure)', () => {
    const c = loadApiConfig({ ...base, PORT: '4000' });
    expect(c.publicUrl).toBe('http://localhost:4000');
    expect(c.cookieSecure).toBe(false);
    expect(loadApiConfig({ ...base, NODE_ENV: 'test', PUBLIC_URL: 'http://127.0.0.1:3000' }).publicUrl).toBe(
      'http://127.0.0.1:3000',
    );
  });
});

describe('shutdown settings', () => {
  it('drain for at most 10 s with no delay by default', () => {
    expect(loadApiConfig(base).shutdown).toEqual({ timeoutMs: 10_000, delayMs: 0 });
  });

  it('read SHUTDOWN_TIMEOUT_MS and SHUTDOWN_DELAY_MS, refusing nonsense', () => {
    expect(
      loadApiConfig({ ...base, SHUTDOWN_TIMEOUT_MS: '25000', SHUTDOWN_DELAY_MS: '5000' }).shutdown,
    ).toEqual({ timeoutMs: 25_000, delayMs: 5_000 });
    expect(() => loadApiConfig({ ...base, SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadApiConfig({ ...base, SHUTDOWN_DELAY_MS: 'soon' })).toThrow(/SHUTDOWN_DELAY_MS/);
  });
});

describe('DATABASE_REPLICA_URL: the read replica of the coverage reads (optional)', () => {
  it('is validated like DATABASE_URL', () => {
    expect(loadApiConfig(base).databaseReplicaUrl).toBeUndefined();
    expect(loadApiConfig({ ...base, DATABASE_REPLICA_URL: 'postgresql://r/x' }).databaseReplicaUrl).toBe(
      'postgresql://r/x',
    );
    expect(() => loadApiConfig({ ...base, DATABASE_REPLICA_URL: 'http://r/x' })).toThrow(ConfigError);
    expect(() => loadApiConfig({ ...base, DATABASE_REPLICA_URL: 'http://r/x' })).toThrow(
      /DATABASE_REPLICA_URL/,
    );
  });
});
