import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePageTitle } from './page-title';

/** The "page not found" content, shared by unknown routes and unknown courses or lessons. */
export function NotFound({ message }: { message?: string }) {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <section className="stack">
      <h1>{t('notFound.title')}</h1>
      <p>{message ?? t('notFound.body')}</p>
      <p>
        <Link className="button" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
