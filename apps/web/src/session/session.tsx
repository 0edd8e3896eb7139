import type { MeResponse } from '@hocvuso/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { api, isApiError, onUnauthenticated, resetCsrfToken } from '../api/client';

export interface Session {
  /** The signed-in learner, or null. */
  me: MeResponse | null;
  /** False until the first /api/auth/me answer arrived. */
  ready: boolean;
  signedIn: (me: MeResponse) => void;
  signOut: () => Promise<void>;
  /** The api already ended this session (account deleted, signed out everywhere): forget it here too. */
  ended: () => void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (result) => {
        setMe(result);
        setReady(true);
      },
      () => {
        // 401 means "not signed in"; any other failure is treated the same and pages that need a
        // session will show their own error when they call the api.
        if (!controller.signal.aborted) setReady(true);
      },
    );
    return () => controller.abort();
  }, []);

  useForgetAnswersOfOtherAccounts(ready ? (me?.id ?? null) : undefined);

  // Any call that finds the session gone (expired, signed out elsewhere) signs the learner out here too.
  useEffect(() => onUnauthenticated(() => setMe(null)), []);

  const signedIn = useCallback((next: MeResponse) => {
    setMe(next);
    setReady(true);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch (e) {
      // An expired session is already signed out; anything else is worth telling the learner.
      if (!(isApiError(e) && e.status === 401)) throw e;
    }
    resetCsrfToken();
    setMe(null);
  }, []);

  const ended = useCallback(() => {
    resetCsrfToken();
    setMe(null);
  }, []);

  const value = useMemo(
    () => ({ me, ready, signedIn, signOut, ended }),
    [me, ready, signedIn, signOut, ended],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/**
 * The query cache holds the answers of one account: when someone else signs in on this phone, or the
 * learner signs out, nothing of the previous account may show (or count in the bell) any more. The first
 * answer of /api/auth/me is no change (`undefined` = not known yet).
 */
function useForgetAnswersOfOtherAccounts(accountId: string | null | undefined): void {
  const queryClient = useQueryClient();
  const known = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (accountId === undefined) return;
    if (known.current !== undefined && known.current !== accountId) void queryClient.resetQueries();
    known.current = accountId;
  }, [accountId, queryClient]);
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
