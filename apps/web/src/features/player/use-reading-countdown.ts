import { useCallback, useEffect, useState } from 'react';
import { forgetReadingStart, readingStart, secondsLeft, setReadingStart } from './reading-clock';

/** Seconds left of a text lesson's minimum reading time, ticking once a second until zero. */
export function useReadingCountdown(lessonId: string, minReadSeconds: number, enabled: boolean) {
  const [start, setStart] = useState(() => (enabled ? readingStart(lessonId, Date.now()) : 0));
  const [now, setNow] = useState(() => Date.now());
  const remaining = enabled ? secondsLeft(start, minReadSeconds, now) : 0;
  const done = remaining === 0;

  useEffect(() => {
    if (done) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [done]);

  /** The server said to wait `seconds` more: follow its clock. */
  const waitAtLeast = useCallback(
    (seconds: number) => {
      const current = Date.now();
      const next = current + seconds * 1000 - minReadSeconds * 1000;
      setReadingStart(lessonId, next);
      setStart(next);
      setNow(current);
    },
    [lessonId, minReadSeconds],
  );

  const forget = useCallback(() => forgetReadingStart(lessonId), [lessonId]);

  return { remaining, waitAtLeast, forget };
}
