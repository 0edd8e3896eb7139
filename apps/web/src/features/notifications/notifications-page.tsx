import type { NotificationItem } from '@hocvuso/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountApi } from '../../api/account-api';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/** The inbox behind the bell: newest first, unread ones marked in words, and "mark all as read". */
export function NotificationsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const inbox = useApiQuery(queries.notifications(lang), { fresh: true });
  const [marking, setMarking] = useState(false);
  const [markError, setMarkError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();
  usePageTitle(t('notifications.title'));

  // The bell shows the same number as this page: it reads the same answer (queries.notifications).

  async function markAllRead() {
    if (!inbox.data) return;
    setMarking(true);
    setMarkError(undefined);
    setAnnouncement(undefined);
    try {
      const result = await accountApi.markNotificationsRead();
      const now = new Date().toISOString();
      inbox.setData({
        unreadCount: result.unreadCount,
        items: inbox.data.items.map((n) => (n.readAt ? n : { ...n, readAt: now })),
      });
      setAnnouncement(t('notifications.allMarked'));
    } catch (e) {
      setMarkError(e);
    } finally {
      setMarking(false);
    }
  }

  function openOne(notification: NotificationItem) {
    if (notification.readAt || !inbox.data) return;
    // Reading it by following its link counts as read; a failure only leaves it unread.
    const shown = inbox.data;
    accountApi.markNotificationsRead([notification.id]).then(
      (result) => inbox.setData({ ...shown, unreadCount: result.unreadCount }),
      () => undefined,
    );
  }

  const data = inbox.data;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('notifications.title')}</h1>
        {data && (
          <p className="lead">
            {data.unreadCount > 0
              ? t('notifications.unreadSummary', { count: data.unreadCount })
              : t('notifications.allRead')}
          </p>
        )}
      </header>
      <LiveMessage>{announcement}</LiveMessage>
      {inbox.error !== undefined && <ErrorNotice error={inbox.error} onRetry={inbox.reload} />}
      {!data && inbox.error === undefined && <Loading />}
      {data && data.unreadCount > 0 && (
        <p>
          <button type="button" className="button" onClick={() => void markAllRead()} disabled={marking}>
            {marking ? t('notifications.marking') : t('notifications.markAll')}
          </button>
        </p>
      )}
      {markError !== undefined && <ErrorNotice error={markError} />}
      {data &&
        (data.items.length === 0 ? (
          <div className="panel">
            <p>{t('notifications.empty')}</p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {data.items.map((n) => (
              <li
                key={n.id}
                className={
                  n.readAt ? 'card notification stack-xs' : 'card notification notification--unread stack-xs'
                }
              >
                {!n.readAt && (
                  <p className="notification__new">
                    <span aria-hidden="true">● </span>
                    {t('notifications.unread')}
                  </p>
                )}
                <h2 className="card__title">{n.title}</h2>
                <p>{n.body}</p>
                <p className="muted">{formatDateTime(n.createdAt, lang)}</p>
                {n.link?.startsWith('/') && (
                  <p>
                    <Link to={n.link} onClick={() => openOne(n)}>
                      {t('notifications.open')}
                      <span className="visually-hidden">: {n.title}</span>
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        ))}
      <p>
        <Link to="/me/settings">{t('notifications.settingsLink')}</Link>
      </p>
    </div>
  );
}
