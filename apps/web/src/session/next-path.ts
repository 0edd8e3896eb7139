/** The pages of signing in (`/sign-in` also covers `/sign-in-code`), whatever their query. */
const AUTH_PAGES = ['/sign-in', '/sign-up', '/forgot-password', '/reset-password'];

/** Whether an address is one of the sign-in pages, whose "next" would loop or carry a reset token. */
export const isAuthPage = (path: string): boolean => AUTH_PAGES.some((page) => path.startsWith(page));

/**
 * Where to go after signing in: only paths inside this app ("/courses/x"), never another site
 * ("//evil.example", "https://…", "/\\evil") — an open redirect would help phishing.
 */
export function safeNextPath(raw: string | null | undefined, fallback = '/me/learning'): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return fallback;
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20)) return fallback;
  // Never back to a sign-in page (a loop), nor to a reset link (its token must not travel in addresses).
  if (isAuthPage(raw)) return fallback;
  return raw;
}

/** "/sign-in?next=%2Fcourses%2Fx" (or the sign-up page) that comes back to `next` afterwards. */
export function signInPath(next?: string, page: '/sign-in' | '/sign-up' = '/sign-in'): string {
  return next ? `${page}?next=${encodeURIComponent(next)}` : page;
}
