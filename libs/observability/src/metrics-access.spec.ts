import { metricsAccess } from './metrics-access';
import { metricsAccessSettings, metricsEnvFields } from './metrics-settings';
import { z } from 'zod';

const TOKEN = 'scrape-token-0123456789abcdefghijklmnop';

describe('who may read the metrics', () => {
  it('nobody when neither a token nor an allow-list is configured', () => {
    const check = metricsAccess({ allow: [] });
    expect(check(`Bearer ${TOKEN}`, '127.0.0.1')).toEqual({ allowed: false, reason: 'disabled' });
  });

  it('the right bearer token, and nothing close to it', () => {
    const check = metricsAccess({ token: TOKEN, allow: [] });
    expect(check(`Bearer ${TOKEN}`, '203.0.113.9')).toEqual({ allowed: true, by: 'token' });
    expect(check(`bearer ${TOKEN}`, undefined)).toEqual({ allowed: true, by: 'token' });
    expect(check(undefined, '127.0.0.1')).toEqual({ allowed: false, reason: 'no_token' });
    expect(check(`Bearer ${TOKEN}x`, '127.0.0.1')).toEqual({ allowed: false, reason: 'wrong_token' });
    expect(check(`Bearer ${TOKEN.slice(0, -1)}`, '127.0.0.1')).toEqual({
      allowed: false,
      reason: 'wrong_token',
    });
    expect(check(`Basic ${TOKEN}`, '127.0.0.1')).toMatchObject({ allowed: false });
    expect(check(`Bearer ${TOKEN}\u200b`, '127.0.0.1')).toMatchObject({ allowed: false });
    expect(check(`Bearer ${TOKEN} ${TOKEN}`, '127.0.0.1')).toMatchObject({ allowed: false });
    expect(check('Bearer ', '127.0.0.1')).toMatchObject({ allowed: false });
  });

  it('addresses inside the allow-list, IPv4 written as IPv6 included, and no others', () => {
    const check = metricsAccess({ allow: ['10.0.0.0/8', '192.168.1.7', 'fd00::/8'] });
    expect(check(undefined, '10.244.3.17')).toEqual({ allowed: true, by: 'address' });
    expect(check(undefined, '::ffff:10.1.2.3')).toEqual({ allowed: true, by: 'address' });
    expect(check(undefined, '192.168.1.7')).toEqual({ allowed: true, by: 'address' });
    expect(check(undefined, 'fd12::1')).toEqual({ allowed: true, by: 'address' });
    expect(check(undefined, '192.168.1.8')).toMatchObject({ allowed: false });
    expect(check(undefined, '11.0.0.1')).toMatchObject({ allowed: false });
    expect(check(undefined, 'not-an-address')).toMatchObject({ allowed: false });
    expect(check(undefined, undefined)).toMatchObject({ allowed: false });
  });

  it('validates the variables: short tokens and bad addresses are refused at boot, blanks are unset', () => {
    const schema = z.object(metricsEnvFields);
    expect(schema.safeParse({ METRICS_TOKEN: 'short' }).success).toBe(false);
    expect(schema.safeParse({ METRICS_TOKEN: `${TOKEN} space` }).success).toBe(false);
    expect(schema.safeParse({ METRICS_ALLOW: '10.0.0.0/33' }).success).toBe(false);
    expect(schema.safeParse({ METRICS_ALLOW: '10.0.0.0/8,example.com' }).success).toBe(false);
    const ok = schema.parse({ METRICS_TOKEN: '', METRICS_ALLOW: ' 10.0.0.0/8 , ::1 ' });
    expect(metricsAccessSettings(ok)).toEqual({ token: undefined, allow: ['10.0.0.0/8', '::1'] });
  });
});
