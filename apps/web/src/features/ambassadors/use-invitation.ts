import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';

/**
 * What an invitation page (an ambassador's, a household's) needs: the signed token from the address's fragment
 * (never sent to a server log), the invitation's preview loaded once, and one action at a time with its error.
 */
export function useInvitation<P>(loadPreview: (token: string) => Promise<P>) {
  const { hash } = useLocation();
  const token = decodeURIComponent(hash.replace(/^#/, ''));
  const [preview, setPreview] = useState<P>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!token) return;
    let live = true;
    loadPreview(token).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // The loader is a module-level api call; the token alone decides what to load.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [token]);

  /** Runs one answer (accept, decline…): busy while it runs, its error kept; true when it went through. */
  async function act(action: () => Promise<unknown>): Promise<boolean> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { token, preview, error, busy, act };
}
