import { useEffect, useState } from 'react';
import type { MyMandate } from '../../api/access-types';
import { api, type Lang } from '../../api/client';
import { useSession } from '../../session/session';
import { useLang } from '../../i18n/use-lang';

/** One request per account and language serves every course card of a page (and the next pages). */
const cache = new Map<string, Promise<MyMandate[]>>();

function load(key: string, lang: Lang, fresh: boolean): Promise<MyMandate[]> {
  let pending = fresh ? undefined : cache.get(key);
  if (!pending) {
    pending = api.myMandates(lang).then((r) => r.items);
    // A failure is not remembered: the next page asks again.
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
  }
  return pending;
}

export interface MyMandatesState {
  mandates: MyMandate[] | undefined;
  error: unknown;
  reload: () => void;
}

/**
 * The mandates (required courses) that apply to the signed-in learner; nothing for visitors. `fresh` asks the
 * api again instead of using what an earlier page loaded (My learning, where the statuses matter).
 */
export function useMyMandates(fresh = false): MyMandatesState {
  const { me, ready } = useSession();
  const lang = useLang();
  const [state, setState] = useState<{ key: string; mandates?: MyMandate[]; error?: unknown }>({ key: '' });
  const [attempt, setAttempt] = useState(0);
  const key = me ? `${me.id}:${lang}` : '';

  useEffect(() => {
    if (!ready || !key) return undefined;
    let live = true;
    load(key, lang, fresh || attempt > 0).then(
      (mandates) => live && setState({ key, mandates }),
      (error: unknown) => live && setState({ key, error }),
    );
    return () => {
      live = false;
    };
  }, [key, lang, ready, fresh, attempt]);

  const current = state.key === key;
  return {
    mandates: current ? state.mandates : undefined,
    error: current ? state.error : undefined,
    reload: () => setAttempt((n) => n + 1),
  };
}
