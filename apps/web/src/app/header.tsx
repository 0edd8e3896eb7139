import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { ErrorNotice } from '../components/error-notice';
import { hasAdminArea, isAdmin } from '../features/admin/admin-areas';
import { headerNextPath, signInPath } from '../session/next-path';
import { TeachingMenuLink } from '../features/teaching/teaching-menu-link';
import { LanguageSwitcher } from './language-switcher';
import { NotificationBell } from './notification-bell';
import { ReadingSettings } from './reading-settings';
import { useSession } from '../session/session';

/** The account menu's own pages, in menu order, with the key of their name under `nav.`. */
const ACCOUNT_LINKS = [
  { to: '/me/certificates', key: 'certificates' },
  { to: '/dai-su-so', key: 'ambassadors' },
  { to: '/gia-dinh-so', key: 'households' },
  { to: '/me/notifications', key: 'notifications' },
  { to: '/me/profile', key: 'profile' },
  { to: '/me/settings', key: 'settings' },
  { to: '/me/sessions', key: 'sessions' },
  { to: '/me/privacy', key: 'privacy' },
] as const;
/** The pages the "Account" tab stands for: the menu's own, and the admin and teaching areas it leads to. */
const ACCOUNT_PAGES = [...ACCOUNT_LINKS.map((l) => l.to), '/admin', '/teaching'];

export function Header() {
  const { t } = useTranslation();
  const { me, ready, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

  // Signing in (or up) from any page comes back to it afterwards; from a sign-in page, to where it was heading.
  const next = headerNextPath(location.pathname, location.search);
  const inAccount = ACCOUNT_PAGES.some(
    (p) => location.pathname === p || location.pathname.startsWith(`${p}/`),
  );

  // The account menu closes when a page opens from it.
  useEffect(() => setMenuOpen(false), [location.pathname]);

  async function onSignOut() {
    setSigningOut(true);
    setSignOutError(undefined);
    try {
      await signOut();
      void navigate('/', { state: { flash: 'signedOut' } });
    } catch (e) {
      setSignOutError(e);
    } finally {
      setSigningOut(false);
    }
  }

  return (
    <header className="site-header">
      <div className="container site-header__top">
        <Link to="/" className="brand" lang="vi">
          <svg className="brand__logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <rect width="64" height="64" rx="14" fill="currentColor" />
            <path d="M14 22 32 13l18 9-18 9z" fill="#fff" />
            <path d="M22 28v10c0 4 5 7 10 7s10-3 10-7V28l-10 5z" fill="#fff" />
          </svg>
          <span>Học vụ số</span>
        </Link>
        <div className="site-header__tools">
          {ready && me && <NotificationBell />}
          <LanguageSwitcher />
          <ReadingSettings />
        </div>
      </div>
      <nav className="container site-nav" aria-label={t('nav.label')}>
        <ul className="site-nav__list" role="list">
          <li>
            <NavLink to="/" end className="site-nav__link">
              {t('nav.catalogue')}
            </NavLink>
          </li>
          {ready && me && (
            <>
              <li>
                <NavLink to="/me/learning" className="site-nav__link">
                  {t('nav.myLearning')}
                </NavLink>
              </li>
              <li>
                <button
                  ref={menuButton}
                  type="button"
                  className={
                    inAccount
                      ? 'site-nav__link site-nav__button is-current'
                      : 'site-nav__link site-nav__button'
                  }
                  aria-expanded={menuOpen}
                  aria-controls="account-menu"
                  onClick={() => setMenuOpen((open) => !open)}
                >
                  {t('nav.account')}
                  <span className="site-nav__chevron" aria-hidden="true" />
                </button>
              </li>
            </>
          )}
          {ready && !me && (
            <>
              <li>
                <NavLink to={signInPath(next)} className="site-nav__link">
                  {t('nav.signIn')}
                </NavLink>
              </li>
              <li>
                <NavLink to={signInPath(next, '/sign-up')} className="site-nav__link">
                  {t('nav.signUp')}
                </NavLink>
              </li>
            </>
          )}
        </ul>
        {ready && me && (
          <div
            id="account-menu"
            className="account-menu"
            hidden={!menuOpen}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setMenuOpen(false);
                menuButton.current?.focus();
              }
            }}
          >
            <p className="account-menu__name">{t('nav.signedInAs', { name: me.displayName })}</p>
            <ul className="account-menu__list" role="list">
              {ACCOUNT_LINKS.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} className="account-menu__link">
                    {t(`nav.${link.key}`)}
                  </NavLink>
                </li>
              ))}
              <TeachingMenuLink />
              {hasAdminArea(me) && (
                <li>
                  <NavLink to="/admin" className="account-menu__link">
                    {isAdmin(me) ? t('nav.admin') : t('nav.helper')}
                  </NavLink>
                </li>
              )}
              <li>
                <button
                  type="button"
                  className="account-menu__link account-menu__button"
                  onClick={() => void onSignOut()}
                  disabled={signingOut}
                >
                  {signingOut ? t('nav.signingOut') : t('nav.signOut')}
                </button>
              </li>
            </ul>
          </div>
        )}
      </nav>
      {signOutError !== undefined && (
        <div className="container">
          <ErrorNotice error={signOutError} />
        </div>
      )}
    </header>
  );
}
