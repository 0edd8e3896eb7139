import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { queries } from '../api/queries';
import { useApiQuery } from '../api/use-api-query';
import { useLang } from '../i18n/use-lang';

/**
 * The bell: a link to the notifications with the number of unread ones. The number is shown in a badge and
 * said in words to screen readers ("3 thông báo chưa đọc"), never by colour or shape alone.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const queryClient = useQueryClient();
  // The same answer as the inbox page's (one key): marking read there updates the number here. The cache
  // forgets it when another account signs in (session.tsx).
  const query = queries.notifications(lang);
  const inbox = useApiQuery(query);
  const keyOfInbox = JSON.stringify(query.queryKey);

  useEffect(() => {
    // A page change asks again once the number is a minute old (the query's staleTime). The inbox page
    // loads the same list itself: no second request for it.
    if (location.pathname === '/me/notifications') return;
    void queryClient.refetchQueries(
      { queryKey: JSON.parse(keyOfInbox) as unknown[], exact: true, stale: true },
      { cancelRefetch: false },
    );
  }, [queryClient, keyOfInbox, location.pathname]);

  // The bell is a hint: if it cannot load, it shows no number and the page still works.
  const unread = inbox.error === undefined ? (inbox.data?.unreadCount ?? 0) : 0;
  const shown = unread > 99 ? '99+' : String(unread);
  return (
    <NavLink to="/me/notifications" className="bell">
      <svg className="bell__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6Z"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinejoin="round"
        />
        <path d="M9.5 19.5a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" strokeWidth="2" />
      </svg>
      {unread > 0 && (
        <span className="bell__count" aria-hidden="true">
          {shown}
        </span>
      )}
      <span className="visually-hidden">
        {unread > 0 ? t('nav.unreadNotifications', { count: unread }) : t('nav.notifications')}
      </span>
    </NavLink>
  );
}
