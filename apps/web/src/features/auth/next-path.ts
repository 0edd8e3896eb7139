/**
 * Where to go after signing in: only paths inside this app ("/courses/x"), never another site
 * ("//evil.example", "https://…", "/\\evil") — an open redirect would help phishing.
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/me/learning'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  if (raw.startsWith('/sign-in') || raw.startsWith('/sign-up')) return fallback;
  return raw;
}

/** "/sign-in?next=%2Fcourses%2Fx" (or the sign-up page) that comes back to `next` afterwards. */
export function signInPath(next?: string, page: '/sign-in' | '/sign-up' = '/sign-in'): string {
  return next ? `${page}?next=${encodeURIComponent(next)}` : page;
}
