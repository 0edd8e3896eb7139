import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { frameworkPath } from '../../components/framework-links';

/** /frameworks — the skills frameworks the courses are built on, for everyone (signed in or not). */
export function PublicFrameworksPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('frameworkPage.listTitle'));
  const data = useApiQuery(queries.frameworks());
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('frameworkPage.listTitle')}</h1>
        <p className="lead">{t('frameworkPage.listIntro')}</p>
      </header>
      {data.error !== undefined && <ErrorNotice error={data.error} onRetry={data.reload} />}
      {!data.data && data.error === undefined && <Loading />}
      {data.data && (
        <ul className="card-list" role="list">
          {data.data.items.map((fw) => {
            const competencies = fw.domains.reduce((n, d) => n + d.competencies.length, 0);
            return (
              <li key={fw.id} className="card stack-sm">
                <h2>
                  <Link to={frameworkPath(fw.id)}>{localizedText(fw.name, lang)}</Link>
                </h2>
                <p className="muted">
                  {t('frameworkPage.version', { version: fw.version })} ·{' '}
                  {t('frameworkPage.domains', { count: fw.domains.length })} ·{' '}
                  {t('frameworkPage.competencies', { count: competencies })}
                </p>
                {fw.notes && <p>{localizedText(fw.notes, lang)}</p>}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
