import { useCallback, useState } from 'react';

/**
 * Watches an end-of-lesson marker; `reachedEnd` turns true (and stays true) once the learner has
 * scrolled it into view. Browsers without IntersectionObserver count as having reached the end.
 */
export function useReachedEnd(): {
  endRef: (element: HTMLElement | null) => (() => void) | undefined;
  reachedEnd: boolean;
} {
  const [reachedEnd, setReachedEnd] = useState(false);
  const endRef = useCallback((element: HTMLElement | null) => {
    if (!element) return undefined;
    if (typeof IntersectionObserver === 'undefined') {
      setReachedEnd(true);
      return undefined;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        setReachedEnd(true);
        observer.disconnect();
      }
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { endRef, reachedEnd };
}
