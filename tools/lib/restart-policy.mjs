// When the `npm start` supervisor restarts a child that exited on its own (a crash), and when it gives up.
// Pure, so the integration tests can check it without processes.

export const RESTART_POLICY = Object.freeze({
  /** First wait before a restart; doubled for every further crash in a row. */
  baseDelayMs: 1000,
  /** The longest wait between two restarts. */
  maxDelayMs: 30_000,
  /** This many crashes of one child within `windowMs` stop everything. */
  maxCrashes: 5,
  windowMs: 60_000,
  /** A child that ran this long before crashing starts a new streak (its next restart waits `baseDelayMs`). */
  stableAfterMs: 60_000,
});

/**
 * Decides about one crash of a child. `history`: { crashes: times (ms) of its earlier crashes, streak: crashes
 * in a row so far }; `uptimeMs`: how long it ran this time; `exitCode`: its exit code (null when a signal ended it).
 * Returns { restart: true, delayMs, history } or { restart: false, reason, history } with the history to keep.
 * An exit code of 78 (EX_CONFIG: the app refused its configuration) is never retried: it would fail the same way.
 */
export function decideRestart(history, now, uptimeMs, exitCode, policy = RESTART_POLICY) {
  const crashes = [...history.crashes.filter((t) => now - t < policy.windowMs), now];
  const streak = uptimeMs >= policy.stableAfterMs ? 1 : history.streak + 1;
  const next = { crashes, streak };
  if (exitCode === 78) return { restart: false, reason: 'its configuration is wrong', history: next };
  if (crashes.length >= policy.maxCrashes) {
    return {
      restart: false,
      reason: `${crashes.length} crashes within ${policy.windowMs / 1000} s`,
      history: next,
    };
  }
  const delayMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (streak - 1));
  return { restart: true, delayMs, history: next };
}
