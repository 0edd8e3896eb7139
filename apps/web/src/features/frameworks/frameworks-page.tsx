import { useTranslation } from 'react-i18next';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/**
 * The skills frameworks as loaded from content/frameworks, so administrators see which items are provisional
 * (official wording not yet confirmed: to be checked against the official text, and fixed by editing the file).
 */
export function FrameworksPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('admin.frameworks.title'));
  const data = useApiQuery(queries.frameworks());
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.frameworks.title')}</h1>
        <p className="lead">{t('admin.frameworks.intro')}</p>
      </header>
      {data.error !== undefined && <ErrorNotice error={data.error} onRetry={data.reload} />}
      {!data.data && data.error === undefined && <Loading />}
      {data.data?.items.map((fw) => (
        <section key={fw.id} className="stack" aria-labelledby={`fw-${fw.id}`}>
          <h2 id={`fw-${fw.id}`}>
            {localizedText(fw.name, lang)}{' '}
            <span className="muted">
              ({fw.id}, {fw.version})
            </span>
          </h2>
          {fw.notes && <p className="panel">{localizedText(fw.notes, lang)}</p>}
          {fw.domains.map((d) => (
            <details key={d.code} className="card stack-sm">
              <summary>
                {d.code}. {localizedText(d.name, lang)}
                {d.provisional && <span className="badge"> · {t('admin.frameworks.provisional')}</span>}
              </summary>
              <ul className="stack-xs" role="list">
                {d.competencies.map((c) => (
                  <li key={c.code}>
                    <strong>{c.code}</strong> {localizedText(c.name, lang)}
                    {c.provisional && <span className="badge"> · {t('admin.frameworks.provisional')}</span>}
                    <span className="muted"> · {t('admin.frameworks.courses', { count: c.courses })}</span>
                  </li>
                ))}
              </ul>
            </details>
          ))}
        </section>
      ))}
    </div>
  );
}
