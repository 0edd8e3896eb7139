import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { placementQueries } from '../../api/placement-api';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { useLang } from '../../i18n/use-lang';
import { PathList } from './path-list';

/** My learning's "Lộ trình của bạn": the next course and the whole path, or an invitation to the placement test. */
export function PathSection() {
  const { t } = useTranslation();
  const lang = useLang();
  const path = useApiQuery(placementQueries.myPath(lang), { fresh: true });
  const data = path.data;
  return (
    <section id="lo-trinh" className="panel stack-sm" aria-labelledby="path-section-heading">
      <h2 id="path-section-heading">{t('placement.pathHeading')}</h2>
      {path.error !== undefined && <ErrorNotice error={path.error} onRetry={path.reload} />}
      {data && !data.latest && (
        <>
          <p>{t('placement.invite')}</p>
          <p>
            <Link className="button" to="/me/placement">
              {data.openAttemptId ? t('placement.resume') : t('placement.take')}
            </Link>
          </p>
        </>
      )}
      {data?.latest && (
        <>
          {data.next ? (
            <p className="path-next">
              {t('placement.nextCourse')}{' '}
              <Link to={`/courses/${encodeURIComponent(data.next.courseId)}`}>{data.next.title}</Link>
            </p>
          ) : (
            <p>{t('placement.pathEmpty')}</p>
          )}
          {data.path.length > 0 && <PathList path={data.path} />}
          <p className="button-row">
            <Link className="button button--secondary" to={`/me/placement/${data.latest.attemptId}`}>
              {t('placement.seeResult')}
            </Link>
            <Link className="button button--secondary" to="/me/placement">
              {data.openAttemptId ? t('placement.resume') : t('placement.retake')}
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
