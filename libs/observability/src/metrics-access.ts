import { createHash, timingSafeEqual } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { MetricsAccessSettings } from './metrics-settings';

export type MetricsAccessDecision =
  | { allowed: true; by: 'token' | 'address' }
  | { allowed: false; reason: 'disabled' | 'no_token' | 'wrong_token' };

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** An IPv4 address written as IPv6 (`::ffff:10.1.2.3`, what a dual-stack socket reports) back to IPv4. */
function normaliseAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * Decides whether a scrape may read the metrics: the right bearer token (compared in constant time), or a
 * client address inside METRICS_ALLOW. Nothing configured means nobody.
 */
export function metricsAccess(settings: MetricsAccessSettings) {
  const allowList = new BlockList();
  for (const entry of settings.allow) {
    const [address, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) allowList.addAddress(normaliseAddress(address), type);
    else allowList.addSubnet(address, Number(bits), type);
  }
  const expected = settings.token ? digest(settings.token) : undefined;
  const disabled = !settings.token && settings.allow.length === 0;

  return (authorization: string | undefined, remoteAddress: string | undefined): MetricsAccessDecision => {
    if (disabled) return { allowed: false, reason: 'disabled' };
    const bearer = /^Bearer ([\x21-\x7E]+)$/i.exec(authorization ?? '')?.[1];
    if (bearer !== undefined && expected && timingSafeEqual(digest(bearer), expected))
      return { allowed: true, by: 'token' };
    if (remoteAddress && settings.allow.length > 0) {
      const address = normaliseAddress(remoteAddress);
      const type = isIP(address);
      if (type !== 0 && allowList.check(address, type === 6 ? 'ipv6' : 'ipv4'))
        return { allowed: true, by: 'address' };
    }
    return { allowed: false, reason: bearer === undefined ? 'no_token' : 'wrong_token' };
  };
}

export type MetricsAccessCheck = ReturnType<typeof metricsAccess>;
