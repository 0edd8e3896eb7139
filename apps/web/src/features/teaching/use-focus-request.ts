import { type RefObject, useCallback, useEffect, useState } from 'react';

/**
 * Moves focus to an element once React has drawn it: the request is state, so it is committed in the same
 * render as the element it points to (a notice that only now appears), even after an await, where a
 * requestAnimationFrame could run before React renders.
 */
export function useFocusRequest(): (ref: RefObject<HTMLElement | null>) => void {
  const [request, setRequest] = useState<{ ref: RefObject<HTMLElement | null> } | null>(null);
  useEffect(() => request?.ref.current?.focus(), [request]);
  return useCallback((ref) => setRequest({ ref }), []);
}
