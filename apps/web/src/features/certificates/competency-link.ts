/**
 * Where a competency of a certificate links to, inside this app: the credential's `alignment[].targetUrl` when it is
 * one of this platform's framework pages (`<origin>/frameworks/<id>#<code>`), as a path for the router. A credential
 * signed by an issuer this platform trusts (`trusted`: its signature and issuer checked) wrote that address itself,
 * so its path is ours even when the address it was issued under (PUBLIC_URL) is not the one in the address bar;
 * any other credential links only to this very origin. Anything else (another path, `javascript:`, a query) gets no
 * link: the verify page never makes a stranger's address look like ours.
 */
export function competencyLink(
  url: string | null | undefined,
  origin: string,
  trusted = false,
): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.origin !== origin && !trusted) return null;
  if (!/^\/frameworks\/[a-z0-9.-]{1,60}$/.test(parsed.pathname) || parsed.search) return null;
  return `${parsed.pathname}${parsed.hash}`;
}
