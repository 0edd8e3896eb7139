import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterInvitation } from '../../api/access-types';
import { invitationsApi } from '../../api/invitations-api';
import { invitationsQueries } from '../../api/invitations-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';

/**
 * The invitations a unit or an agency sent through a roster. Nothing changes for the person until they
 * accept: then they are placed in that unit or organisation and enrolled in its courses. Declining changes
 * nothing.
 */
export function InvitationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const list = useApiQuery(invitationsQueries.mine());
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();
  usePageTitle(t('invitations.title'));

  async function answer(inv: RosterInvitation, choice: 'accept' | 'decline') {
    setBusy(inv.id);
    setError(undefined);
    setAnnouncement(undefined);
    try {
      const updated = await invitationsApi.answer(inv.id, choice);
      list.setData({ items: (list.data?.items ?? []).map((i) => (i.id === updated.id ? updated : i)) });
      if (choice === 'accept') invalidate(...changedBy.enrolments());
      setAnnouncement(t(choice === 'accept' ? 'invitations.accepted' : 'invitations.declined'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  const place = (inv: RosterInvitation) => inv.organisation?.name ?? inv.unit?.name ?? '';
  const data = list.data;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('invitations.title')}</h1>
        <p className="lead">{t('invitations.intro')}</p>
      </header>
      <LiveMessage>{announcement}</LiveMessage>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!data && list.error === undefined && <Loading />}
      {error !== undefined && <ErrorNotice error={error} />}
      {data &&
        (data.items.length === 0 ? (
          <div className="panel">
            <p>{t('invitations.empty')}</p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {data.items.map((inv) => (
              <li key={inv.id} className="card stack-xs">
                <h2 className="card__title">{t('invitations.from', { place: place(inv) })}</h2>
                <p>
                  {inv.courseIds.length > 0
                    ? t('invitations.courses', { count: inv.courseIds.length })
                    : t('invitations.placeOnly')}
                </p>
                <p className="muted">{formatDateTime(inv.createdAt, lang)}</p>
                {inv.status === 'pending' ? (
                  <p className="cluster">
                    <button
                      type="button"
                      className="button"
                      disabled={busy === inv.id}
                      onClick={() => void answer(inv, 'accept')}
                    >
                      {t('invitations.accept')}
                      <span className="visually-hidden">: {place(inv)}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy === inv.id}
                      onClick={() => void answer(inv, 'decline')}
                    >
                      {t('invitations.decline')}
                      <span className="visually-hidden">: {place(inv)}</span>
                    </button>
                  </p>
                ) : (
                  <p>
                    <strong>{t(`invitations.status.${inv.status}`)}</strong>
                  </p>
                )}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
