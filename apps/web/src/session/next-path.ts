/** The pages of signing in (`/sign-in` also covers `/sign-in-code`), whatever their query. */
const AUTH_PAGES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password'];

/** Whether an address is one of the sign-in pages, whose "next" would loop or carry a reset token. */
export const isAuthPage = (path: string): boolean => AUTH_PAGES.some((page) => path.startsWith(page));

/** Any origin will do: only whether a path stays on it matters, and no real host can be called this. */
const PROBE_ORIGIN = 'https://next-path.invalid';

/**
 * Where to go after signing in: only paths inside this app ("/courses/x"), never another site
 * ("//evil.example", "https://…", "/\\evil", "javascript:…") — an open redirect would help phishing.
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/me/learning'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return fallback;
  // Browsers read "\" as "/" in web addresses ("/\evil.example" is another site), and a path of ours never has one.
  if (raw.includes('\\')) return fallback;
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) return fallback;
  // Resolved the way the browser will resolve it: "/..//evil.example" becomes "//evil.example", a host.
  let resolved: URL;
  try {
    resolved = new URL(raw, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE_ORIGIN || resolved.pathname.startsWith('//')) return fallback;
  // Never back to a sign-in page (a loop), nor to a reset link (its token must not travel in addresses).
  if (isAuthPage(raw) || isAuthPage(resolved.pathname)) return fallback;
  return raw;
}

/** "/sign-in?next=%2Fcourses%2Fx" (or the sign-up page) that comes back to `next` afterwards. */
export function signInPath(next?: string, page: '/sign-in' | '/sign-up' = '/sign-in'): string {
  return next ? `${page}?next=${encodeURIComponent(next)}` : page;
}

/**
 * Where the header's "Sign in" and "Sign up" should bring the person back to: the page they are on, or, on a
 * sign-in page, where that page was already taking them (switching from signing in to signing up must not drop
 * it). Nothing on the catalogue's front page (signing in leads to My learning by default) or without a safe path.
 */
export function headerNextPath(pathname: string, search: string): string | undefined {
  if (isAuthPage(pathname)) {
    const next = safeNextPath(new URLSearchParams(search).get('next'), '');
    return next || undefined;
  }
  if (pathname === '/' && !search) return undefined;
  const here = pathname + search;
  return safeNextPath(here, '') || undefined;
}
