import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { placementQueries } from '../../api/placement-api';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { PathList } from './path-list';

/** The result of a placement: what the learner masters, what not yet, and the path it proposes. */
export function PlacementResultPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { attemptId = '' } = useParams();
  const attempt = useApiQuery(placementQueries.attempt(attemptId, lang));
  usePageTitle(t('placement.resultTitle'));
  const data = attempt.data;
  if (data?.status === 'open') return <Navigate to="/me/placement" replace />;
  const result = data?.result;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('placement.resultTitle')}</h1>
        {result && (
          <p className="lead">{t('placement.score', { correct: result.correct, total: result.total })}</p>
        )}
      </header>
      {attempt.error !== undefined && <ErrorNotice error={attempt.error} onRetry={attempt.reload} />}
      {!data && attempt.error === undefined && <Loading />}
      {result && (
        <>
          <section className="stack-sm" aria-labelledby="mastered-heading">
            <h2 id="mastered-heading">{t('placement.mastered')}</h2>
            {result.mastered.length === 0 ? (
              <p>{t('placement.masteredNone')}</p>
            ) : (
              <ul>
                {result.mastered.map((c) => (
                  <li key={c.competency}>
                    <span aria-hidden="true">✓ </span>
                    {c.name}
                  </li>
                ))}
              </ul>
            )}
            {result.notMastered.length > 0 && (
              <>
                <h3>{t('placement.notMastered')}</h3>
                <ul>
                  {result.notMastered.map((c) => (
                    <li key={c.competency}>{c.name}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
          <section className="stack-sm" aria-labelledby="path-heading">
            <h2 id="path-heading">{t('placement.pathHeading')}</h2>
            {result.path.length === 0 ? <p>{t('placement.pathEmpty')}</p> : <PathList path={result.path} />}
          </section>
          <p className="button-row">
            <Link className="button" to="/me/learning">
              {t('placement.toMyLearning')}
            </Link>
          </p>
          {data?.retakeAt && (
            <p className="muted">{t('placement.retakeFrom', { date: formatDate(data.retakeAt, lang) })}</p>
          )}
        </>
      )}
    </div>
  );
}
