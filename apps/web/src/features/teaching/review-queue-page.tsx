import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/**
 * "Khóa học chờ duyệt": the studio courses teachers submitted, oldest first, each a link to its review page
 * (GET /api/teaching/reviews; reviewers only, docs/studio-review.md).
 */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const queue = useApiQuery(teachingQueries.reviewQueue(), { fresh: true });
  usePageTitle(t('teaching.reviews.queueTitle'));
  const items = queue.data?.items;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <p className="eyebrow">{t('teaching.reviews.eyebrow')}</p>
        <h1>{t('teaching.reviews.queueTitle')}</h1>
        <p className="lead">{t('teaching.reviews.queueIntro')}</p>
      </header>
      <section className="stack" aria-labelledby="review-queue-heading">
        <h2 id="review-queue-heading">{t('teaching.reviews.queueHeading')}</h2>
        {queue.error !== undefined && <ErrorNotice error={queue.error} onRetry={queue.reload} />}
        {!items && queue.error === undefined && <Loading />}
        {items && items.length === 0 && (
          <div className="panel">
            <p>{t('teaching.reviews.queueEmpty')}</p>
          </div>
        )}
        {items && items.length > 0 && (
          <ul className="card-list" role="list">
            {items.map((item) => {
              const title = item.title.trim() || item.courseId;
              return (
                <li key={item.courseId} className="card stack-sm">
                  <h3 className="card__title">
                    <Link to={`/teaching/reviews/${encodeURIComponent(item.courseId)}`}>{title}</Link>
                  </h3>
                  <ul className="course-meta" role="list">
                    <li>
                      {t('teaching.reviews.submittedBy', {
                        name: item.submittedBy ?? t('teaching.reviews.unknownAuthor'),
                      })}
                    </li>
                    <li>{formatDateTime(item.submittedAt, lang)}</li>
                    <li>{t('teaching.reviews.revision', { number: item.draftRevision })}</li>
                  </ul>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </div>
  );
}
