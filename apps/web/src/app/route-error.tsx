import { Component, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { usePageTitle } from '../components/page-title';

/**
 * Shown when a page cannot even load, most often because a code chunk failed to download on a weak
 * connection. Reloading fetches it again.
 */
export function RouteError() {
  const { t } = useTranslation();
  usePageTitle(t('errors.title'));
  return (
    <section className="stack">
      <h1>{t('errors.title')}</h1>
      <div className="notice notice--error" role="alert">
        <p>{t('errors.NETWORK_ERROR')}</p>
      </div>
      <p>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          {t('errors.retry')}
        </button>
      </p>
    </section>
  );
}

interface BoundaryState {
  failed: boolean;
  path: string;
}

/** Catches what a page throws while rendering (or its chunk's failed download) until the address changes. */
class PageErrorBoundary extends Component<{ path: string; children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false, path: this.props.path };

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: { path: string }, state: BoundaryState): BoundaryState | null {
    return props.path === state.path ? null : { failed: false, path: props.path };
  }

  override render(): ReactNode {
    return this.state.failed ? <RouteError /> : this.props.children;
  }
}

/** The pages' outlet: a page still downloading on a first visit shows a loading line, a failing one its error. */
export function RouteBoundary() {
  const { pathname } = useLocation();
  return (
    <PageErrorBoundary path={pathname}>
      <Suspense fallback={<Loading />}>
        <Outlet />
      </Suspense>
    </PageErrorBoundary>
  );
}
