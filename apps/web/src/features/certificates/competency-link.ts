/**
 * Where a competency of a certificate links to, inside this app: the credential's `alignment[].targetUrl` when it is
 * one of this platform's own framework pages (`<origin>/frameworks/<id>#<code>`), as a path for the router. Anything
 * else (a pasted, hand-made credential pointing elsewhere, `javascript:`, another host) gets no link: the verify page
 * never makes a stranger's address look like ours.
 */
export function competencyLink(url: string | null | undefined, origin: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  if (!/^\/frameworks\/[a-z0-9.-]{1,60}$/.test(parsed.pathname) || parsed.search) return null;
  return `${parsed.pathname}${parsed.hash}`;
}
