import { useEffect, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useLang } from '../../i18n/use-lang';
import { useSession } from '../../session/session';
import { startOfflineSync, SYNCED_EVENT } from './offline-sync';

/**
 * Syncs the signed-in learner's offline progress on app start, when the browser comes back online and with
 * retries; after a sync the pages read their data again (progress, lessons, certificates).
 */
export function OfflineSyncRunner() {
  const { me } = useSession();
  const lang = useLang();
  const langRef = useRef(lang);
  langRef.current = lang;
  const queryClient = useQueryClient();
  const userId = me?.id;

  useEffect(() => {
    if (!userId || typeof indexedDB === 'undefined') return undefined;
    return startOfflineSync(userId, () => langRef.current);
  }, [userId]);

  useEffect(() => {
    const refresh = () => void queryClient.invalidateQueries();
    window.addEventListener(SYNCED_EVENT, refresh);
    return () => window.removeEventListener(SYNCED_EVENT, refresh);
  }, [queryClient]);

  return null;
}
