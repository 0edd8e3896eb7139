import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Nomination } from '@hocvuso/contracts';
import { ambassadorsApi, communityQueries } from '../../api/ambassadors-api';
import { useApiQuery } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CommunityError } from './community-error';

/** An administrator approves or declines the ambassador applications of their area. */
export function NominationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useApiQuery(communityQueries.nominations());
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  usePageTitle(t('ambassadors.nominations.title'));

  async function decide(n: Nomination, approve: boolean) {
    setBusy(n.id);
    setError(undefined);
    setMessage(undefined);
    try {
      await ambassadorsApi.decide(n.id, approve);
      list.setData({ items: (list.data?.items ?? []).filter((i) => i.id !== n.id) });
      setMessage(
        t(approve ? 'ambassadors.nominations.approved' : 'ambassadors.nominations.declinedNotice', {
          name: n.displayName,
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('ambassadors.nominations.title')}</h1>
        <p className="lead">{t('ambassadors.nominations.intro')}</p>
      </header>
      <LiveMessage>{message}</LiveMessage>
      {error !== undefined && <CommunityError error={error} />}
      {list.error !== undefined && <CommunityError error={list.error} />}
      {!list.data && list.error === undefined && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p className="panel">{t('ambassadors.nominations.empty')}</p>
        ) : (
          <ul className="card-list" role="list">
            {list.data.items.map((n) => (
              <li key={n.id} className="card stack-xs">
                <h2 className="card__title">{n.displayName}</h2>
                {n.unit && <p>{n.unit.name}</p>}
                <p className="muted">
                  {t('ambassadors.nominations.sent', { time: formatDateTime(n.createdAt, lang) })}
                </p>
                <p className="cluster">
                  <button
                    type="button"
                    className="button"
                    disabled={busy === n.id}
                    onClick={() => void decide(n, true)}
                  >
                    {t('ambassadors.nominations.approve')}
                    <span className="visually-hidden">: {n.displayName}</span>
                  </button>
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={busy === n.id}
                    onClick={() => void decide(n, false)}
                  >
                    {t('ambassadors.nominations.decline')}
                    <span className="visually-hidden">: {n.displayName}</span>
                  </button>
                </p>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
