import { useCallback, useEffect, useState } from 'react';
import { secondsLeft } from './reading-clock';

/** A monotonic clock: changing the phone's time does not move the countdown. */
const now = () => performance.now();

/**
 * Seconds left of a text lesson's minimum reading time, ticking once a second until zero. `serverSeconds`
 * is what the server said was left when the lesson was loaded.
 */
export function useReadingCountdown(serverSeconds: number, enabled: boolean) {
  const [clock, setClock] = useState(() => ({ since: now(), seconds: serverSeconds }));
  const [current, setCurrent] = useState(now);
  const remaining = enabled ? secondsLeft(clock.since, clock.seconds, current) : 0;
  const done = remaining === 0;

  useEffect(() => {
    if (done) return undefined;
    const timer = setInterval(() => setCurrent(now()), 1000);
    return () => clearInterval(timer);
  }, [done]);

  /** The server said to wait `seconds` more: follow its clock. */
  const waitAtLeast = useCallback((seconds: number) => {
    const at = now();
    setClock({ since: at, seconds });
    setCurrent(at);
  }, []);

  return { remaining, waitAtLeast };
}
