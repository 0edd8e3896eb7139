import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, useLocation } from 'react-router';
import { api, isAbortError } from '../api/client';
import { useLang } from '../i18n/use-lang';
import { setUnreadCount, unreadCountIsStale, useUnreadCount } from '../session/unread-notifications';

/** How long a known count is good for before a page change asks again. */
const REFRESH_AFTER_MS = 60_000;

/**
 * The bell: a link to the notifications with the number of unread ones. The number is shown in a badge and
 * said in words to screen readers ("3 thông báo chưa đọc"), never by colour or shape alone.
 */
export function NotificationBell({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const location = useLocation();
  const count = useUnreadCount();

  // Forget the previous account's number when someone else signs in.
  useEffect(() => () => setUnreadCount(undefined), [userId]);

  useEffect(() => {
    // The inbox page loads the same list and sets the count itself: no second request for it.
    if (location.pathname === '/me/notifications' || !unreadCountIsStale(REFRESH_AFTER_MS)) return undefined;
    const controller = new AbortController();
    api.notifications(lang, controller.signal).then(
      (inbox) => setUnreadCount(inbox.unreadCount),
      (e: unknown) => {
        // The bell is a hint: if it cannot load, it shows no number and the page still works.
        if (!isAbortError(e)) setUnreadCount(undefined);
      },
    );
    return () => controller.abort();
  }, [userId, lang, location.pathname]);

  const unread = count ?? 0;
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
