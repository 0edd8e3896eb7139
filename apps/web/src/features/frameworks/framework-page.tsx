import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { competencyCataloguePath } from '../../components/framework-links';
import { fragmentTarget } from './fragment-target';
import './frameworks.css';

/**
 * /frameworks/:id — the public page of a skills framework. Every competency is an element whose id is its code, so
 * the `alignment[].targetUrl` of a certificate (`/frameworks/<id>#<code>`) opens on it. The api serves the same page
 * server-rendered for readers without JavaScript (apps/api/src/modules/catalog/framework-page.html.ts).
 */
export function FrameworkPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const { hash } = useLocation();
  const data = useApiQuery(queries.frameworks());
  const framework = data.data?.items.find((f) => f.id === id);
  usePageTitle(
    framework
      ? `${localizedText(framework.name, lang)} · ${t('frameworkPage.kind')}`
      : t('frameworkPage.kind'),
  );

  // The competency in the link's fragment: bring it into view and give it focus once the framework is drawn.
  const target = fragmentTarget(hash);
  useEffect(() => {
    if (!framework || !target) return;
    // On the next frame: after a link inside the app, the shell moves the focus to <main> in this same commit
    // (its effect runs after this page's), and the competency must win.
    const frame = requestAnimationFrame(() => {
      const element = document.getElementById(target);
      element?.scrollIntoView({ block: 'center' });
      element?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [framework, target]);

  if (data.data && !framework) return <NotFound message={t('frameworkPage.notFoundBody')} />;
  return (
    <div className="stack-lg">
      {data.error !== undefined && <ErrorNotice error={data.error} onRetry={data.reload} />}
      {!data.data && data.error === undefined && <Loading />}
      {framework && (
        <>
          <header className="stack-sm">
            <p>
              <Link to="/frameworks">{t('frameworkPage.allFrameworks')}</Link>
            </p>
            <p className="muted">
              {t('frameworkPage.kind')} · {t('frameworkPage.version', { version: framework.version })}
            </p>
            <h1>{localizedText(framework.name, lang)}</h1>
            {framework.notes && <p className="lead">{localizedText(framework.notes, lang)}</p>}
          </header>
          {framework.levels.length > 0 && (
            <section className="stack-sm" aria-labelledby="framework-levels">
              <h2 id="framework-levels">{t('frameworkPage.levels')}</h2>
              <ol>
                {framework.levels.map((level) => (
                  <li key={level.code} value={level.code}>
                    {localizedText(level.name, lang)}
                    {level.band && <span className="muted"> ({localizedText(level.band, lang)})</span>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          {framework.domains.map((domain) => (
            <section key={domain.code} className="stack-sm" aria-labelledby={`domain-${domain.code}`}>
              <h2 id={`domain-${domain.code}`}>
                {domain.code}. {localizedText(domain.name, lang)}
                {domain.provisional && <span className="muted"> ({t('frameworkPage.provisional')})</span>}
              </h2>
              <ul className="stack-xs framework-competencies" role="list">
                {domain.competencies.map((c) => (
                  <li
                    key={c.code}
                    id={c.code}
                    tabIndex={-1}
                    className={
                      c.code === target
                        ? 'card framework-competency framework-competency--target'
                        : 'card framework-competency'
                    }
                  >
                    <strong>{c.code}</strong> {localizedText(c.name, lang)}
                    {c.provisional && <span className="muted"> ({t('frameworkPage.provisional')})</span>}
                    {c.description && <p>{localizedText(c.description, lang)}</p>}
                    {c.courses > 0 ? (
                      <p>
                        <Link to={competencyCataloguePath(framework.id, c.code)}>
                          {t('frameworkPage.coursesLink', { count: c.courses, code: c.code })}
                        </Link>
                      </p>
                    ) : (
                      <p className="muted">{t('frameworkPage.noCourses')}</p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </div>
  );
}
