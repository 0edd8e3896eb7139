/** How long a validated session is reused without asking the database by default (SESSION_CACHE_SECONDS). */
export const SESSION_CACHE_MAX_MS = 5_000;

/** What resolving a token from the database found, as far as caching it is concerned. */
export interface ResolvedSessionState {
  /** A newer token of the family replaced this one (it only works during its grace window). */
  replaced: boolean;
  /** This very resolution rotated the token: the browser gets a new one, the presented one is now replaced. */
  rotated: boolean;
}

/**
 * How long (ms) a live session, just validated by the database, may be reused from an in-process cache; 0 means
 * not at all. Only a current token (neither replaced nor rotated by this request) is kept, and never longer than
 * the rotation grace: a token served from the cache was current when it was read, so even if another request
 * rotates it meanwhile, every later use from the cache falls inside the grace window, where the database would
 * have accepted it too. Revocation and expiry are not judged here: what the cache lets through is checked again
 * in SQL by the write it leads to.
 */
export function sessionCacheLifetimeMs(
  state: ResolvedSessionState,
  rotateGraceSeconds: number,
  maxMs: number = SESSION_CACHE_MAX_MS,
): number {
  if (state.replaced || state.rotated) return 0;
  return Math.max(0, Math.min(maxMs, rotateGraceSeconds * 1000));
}
