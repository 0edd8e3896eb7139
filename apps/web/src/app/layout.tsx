import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { queries } from '../api/queries';
import { useApiQuery } from '../api/use-api-query';
import { usePageLoading } from '../components/lazy-page';
import {
  applyDisplayPreferences,
  deviceDisplayPreferences,
  deviceDisplayPreferencesOwner,
  hasDisplayPreferencesOf,
  mergeDisplayPreferences,
  rememberDisplayPreferences,
} from '../session/display-preferences';
import { Footer } from './footer';
import { Header } from './header';
import { useScrollRestoration } from '../components/history';
import { LanguageSampleNotice } from './language-sample-notice';
import { LowDataSuggestion } from './low-data-suggestion';
import { useSession } from '../session/session';
import { FLASHES, type ShellState } from '../session/shell-state';

/** The page shell: skip link, header, main landmark (focused after each navigation) and footer. */
export function Layout() {
  const { t } = useTranslation();
  const location = useLocation();
  const pageLoading = usePageLoading();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const { ended } = useSession();
  useAccountDisplayPreferences();
  useScrollRestoration();

  // After a client-side navigation, move focus to the new page's content, as a full page load would,
  // so screen-reader and keyboard users start at the top of what changed.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  const shellState = location.state as ShellState | null;
  const flash = shellState?.flash;
  const sessionEnded = shellState?.sessionEnded === true;
  useEffect(() => {
    if (sessionEnded) ended();
  }, [sessionEnded, location.key, ended]);

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <Header />
      <div className="route-progress" aria-hidden="true" data-active={pageLoading} />
      <main id="main" ref={mainRef} tabIndex={-1} className="container site-main">
        <LanguageSampleNotice />
        {flash && FLASHES.includes(flash) && (
          <p className="notice notice--success" role="status">
            <span aria-hidden="true">✓ </span>
            {t(`flash.${flash}`)}
          </p>
        )}
        <LowDataSuggestion />
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

/**
 * A learner who set large text or high contrast on another device gets them here too: once per account on
 * this device, the profile is read and its display preferences applied and remembered. What a visitor chose in
 * the header before signing in is kept: each setting on, on the device or in the account, stays on
 * (mergeDisplayPreferences). Another account's choices on a shared phone are not carried over.
 */
function useAccountDisplayPreferences(): void {
  const { me } = useSession();
  const userId = me?.id;
  const wanted = userId !== undefined && !hasDisplayPreferencesOf(userId);
  // A failure is ignored: the page works without them, and the next visit tries again.
  const accessibility = useApiQuery(queries.profile(), { enabled: wanted }).data?.accessibility;
  useEffect(() => {
    if (!wanted || !accessibility) return;
    const preferences =
      deviceDisplayPreferencesOwner() === null
        ? mergeDisplayPreferences(deviceDisplayPreferences(), accessibility)
        : accessibility;
    applyDisplayPreferences(preferences);
    rememberDisplayPreferences(userId, preferences);
  }, [wanted, userId, accessibility]);
}
