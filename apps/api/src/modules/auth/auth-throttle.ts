import { createHash } from 'node:crypto';
import { CSRF_COOKIE } from '../../common/http/csrf-check';

/** The cookie that holds a browser's CSRF secret (csrf-check.ts): one per browser, set before any sign-in. */
const DEVICE_COOKIE = CSRF_COOKIE;

interface TrackedRequest {
  ip?: string;
  cookies?: Record<string, string | undefined>;
}

/**
 * The key of the per-device limit on sign-in, sign-up, password reset and one-time codes: the client's address
 * and its browser. A commune training room behind one Wi-Fi address is 30 phones, each with its own budget,
 * instead of 30 people sharing ten tries a minute (issue 16, item 9). The browser is known by its CSRF cookie,
 * which every state-changing call must carry; a client that sheds cookies to get a fresh budget still meets the
 * per-address cap (`addressTracker`), and failed sign-ins are also counted per account whatever the address.
 */
export function deviceTracker(req: Record<string, unknown>): string {
  const { ip, cookies } = req as TrackedRequest;
  const cookie = cookies?.[DEVICE_COOKIE];
  const device = cookie ? createHash('sha256').update(cookie).digest('hex').slice(0, 24) : 'no-cookie';
  return `${ip ?? 'unknown'}#${device}`;
}

/** The key of the looser per-address cap: the client's address alone (as TRUST_PROXY says to read it). */
export function addressTracker(req: Record<string, unknown>): string {
  return (req as TrackedRequest).ip ?? 'unknown';
}
