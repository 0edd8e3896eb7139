import { useEffect, useRef, useState } from 'react';
import { crossedAlert, type TIME_ALERTS } from './quiz-form';

const clock = () => performance.now();
const deadlineFor = (seconds: number | null) => (seconds === null ? null : clock() + seconds * 1000);

/**
 * Seconds left of a timed attempt, counted down from the server's `remainingSeconds` (null: no limit) on a
 * monotonic clock; a new figure from the server (the attempt loaded again) restarts the count from it.
 * `alert` turns to 300 or 60 as those marks pass, for a polite announcement; `onExpire` runs once at zero.
 */
export function useCountdown(seconds: number | null, onExpire: () => void) {
  const [from, setFrom] = useState(seconds);
  const [deadline, setDeadline] = useState(() => deadlineFor(seconds));
  if (from !== seconds) {
    setFrom(seconds);
    setDeadline(deadlineFor(seconds));
  }
  const [now, setNow] = useState(clock);
  const [alert, setAlert] = useState<(typeof TIME_ALERTS)[number]>();
  const expire = useRef(onExpire);
  expire.current = onExpire;
  const remaining = deadline === null ? null : Math.max(0, Math.ceil((deadline - now) / 1000));
  const previous = useRef(remaining);

  useEffect(() => {
    const before = previous.current;
    previous.current = remaining;
    if (remaining === null || before === null) return;
    const crossed = crossedAlert(before, remaining);
    if (crossed) setAlert(crossed);
    if (remaining === 0 && before > 0) expire.current();
  }, [remaining]);

  const over = remaining === 0;
  useEffect(() => {
    if (deadline === null || over) return undefined;
    const timer = setInterval(() => setNow(clock()), 500);
    return () => clearInterval(timer);
  }, [deadline, over]);

  // An attempt opened with no time left (a resumed, just-expired one) expires at once.
  useEffect(() => {
    if (seconds !== null && seconds <= 0) expire.current();
  }, [seconds]);

  return { remaining, alert };
}
