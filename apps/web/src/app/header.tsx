import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { ErrorNotice } from '../components/error-notice';
import { signInPath } from '../features/auth/next-path';
import { LanguageSwitcher } from './language-switcher';
import { useSession } from './session';

const AUTH_PAGES = new Set(['/sign-in', '/sign-up']);

export function Header() {
  const { t } = useTranslation();
  const { me, ready, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<unknown>();

  // Signing in from any page comes back to it afterwards.
  const here = location.pathname + location.search;
  const next = AUTH_PAGES.has(location.pathname) || location.pathname === '/' ? undefined : here;

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
        <LanguageSwitcher />
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
                  type="button"
                  className="site-nav__link site-nav__button"
                  onClick={() => void onSignOut()}
                  disabled={signingOut}
                >
                  {signingOut ? t('nav.signingOut') : t('nav.signOut')}
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
      </nav>
      {signOutError !== undefined && (
        <div className="container">
          <ErrorNotice error={signOutError} />
        </div>
      )}
    </header>
  );
}
