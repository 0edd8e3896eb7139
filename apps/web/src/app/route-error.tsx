import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { NotFound } from '../components/not-found';
import { usePageTitle } from '../components/page-title';

/**
 * Shown when a page cannot even load, most often because a code chunk failed to download on a weak
 * connection. Reloading fetches it again.
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  usePageTitle(t('errors.title'));
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFound />;
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
