import type { MyMandate } from '../../api/access-types';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { useLang } from '../../i18n/use-lang';

export interface MyMandatesState {
  mandates: MyMandate[] | undefined;
  error: unknown;
  reload: () => void;
}

/**
 * The mandates (required courses) that apply to the signed-in learner; nothing for visitors. One answer per
 * account and language serves every course card of a page and the next pages (queries.myMandates); `fresh`
 * asks the api again instead of using what an earlier page loaded (My learning, where the statuses matter).
 */
export function useMyMandates(fresh = false): MyMandatesState {
  const { me, ready } = useSession();
  const lang = useLang();
  const signedIn = ready && me !== null;
  const state = useApiQuery(queries.myMandates(lang), { enabled: signedIn, fresh });
  return {
    mandates: signedIn ? state.data : undefined,
    error: signedIn ? state.error : undefined,
    reload: state.reload,
  };
}
