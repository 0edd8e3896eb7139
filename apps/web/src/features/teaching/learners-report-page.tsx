import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  type CourseLearner,
  LEARNER_STATUSES,
  type LearnerStatus,
  learnersCsvUrl,
} from '../../api/teaching-api';
import { teachingQueries } from '../../api/teaching-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Column, DataTable } from '../../components/data-table';
import { useCourse } from './course-context';
import { pageCount, Pagination, usePageOf } from '../../components/pagination';
import { LearnersPerVersion } from './learners-per-version';
import { QuizGrantForm } from './quiz-grant-form';

const PAGE_SIZE = 25;

const STATUS_ICON: Record<LearnerStatus, string> = { not_started: '○', in_progress: '◐', completed: '✓' };

const isStatus = (value: string | null): value is LearnerStatus =>
  (LEARNER_STATUSES as readonly (string | null)[]).includes(value);

/**
 * How the course's learners are doing: counts by status, a filter (links, so the address can be shared), the
 * learners page by page (names only: no contact details; a de-identified account shows as deleted), and the
 * whole list as CSV.
 */
export function LearnersReportPage() {
  const { t } = useTranslation();
  const pageOf = usePageOf();
  const lang = useLang();
  const { course, title } = useCourse();
  const [params] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const report = useApiQuery(teachingQueries.learners(course.id, { status, page, limit: PAGE_SIZE }));
  usePageTitle(t('teaching.learners.pageTitle', { title }));

  const base = `/teaching/courses/${encodeURIComponent(course.id)}/learners`;
  const href = (s: LearnerStatus | undefined, p = 1) => {
    const next = new URLSearchParams();
    if (s) next.set('status', s);
    if (p > 1) next.set('page', String(p));
    const query = next.toString();
    return query ? `${base}?${query}` : base;
  };
  const data = report.data;
  const pages = data ? pageCount(data.total, data.limit) : 1;

  const columns: Array<Column<CourseLearner>> = [
    {
      key: 'name',
      label: t('teaching.learners.name'),
      primary: true,
      render: (l) => l.displayName ?? <em>{t('teaching.learners.deleted')}</em>,
    },
    {
      key: 'status',
      label: t('teaching.learners.status'),
      render: (l) => (
        <span className={`status status--${l.status}`}>
          <span aria-hidden="true">{STATUS_ICON[l.status]} </span>
          {t(`teaching.learners.statuses.${l.status}`)}
        </span>
      ),
    },
    {
      key: 'progress',
      label: t('teaching.learners.progress'),
      render: (l) =>
        t('teaching.learners.progressValue', { completed: l.completedLessons, total: l.totalLessons }),
    },
    {
      key: 'enrolled',
      label: t('teaching.learners.enrolledAt'),
      render: (l) => formatDate(l.enrolledAt, lang),
    },
    {
      key: 'activity',
      label: t('teaching.learners.lastActivity'),
      render: (l) => (l.lastActivityAt ? formatDate(l.lastActivityAt, lang) : t('teaching.learners.never')),
    },
    {
      key: 'certificate',
      label: t('teaching.learners.certificate'),
      render: (l) => t(l.certificateIssued ? 'teaching.learners.issued' : 'teaching.learners.notIssued'),
    },
  ];

  let summary = '';
  if (report.loading) summary = t('teaching.loading');
  else if (data) {
    summary = status
      ? t('teaching.learners.showingStatus', {
          count: data.total,
          status: t(`teaching.learners.statuses.${status}`),
        })
      : t('teaching.learners.showingAll', { count: data.total });
    summary += pageOf(data.page, pages);
  }

  return (
    <div className="stack-lg">
      <h2>{t('teaching.learners.heading')}</h2>
      {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {!data && report.error === undefined && <Loading />}
      {data && (
        <>
          <section className="stack-sm" aria-labelledby="learner-counts-heading">
            <h3 id="learner-counts-heading">{t('teaching.learners.countsHeading')}</h3>
            <ul className="counts" role="list">
              <li className="counts__item">
                <span className="counts__number">{data.counts.enrolled}</span>
                <span className="counts__label">{t('teaching.learners.enrolled')}</span>
              </li>
              {LEARNER_STATUSES.map((s) => (
                <li key={s} className={`counts__item counts__item--${s}`}>
                  <span className="counts__number">{data.counts[s]}</span>
                  <span className="counts__label">
                    <span aria-hidden="true">{STATUS_ICON[s]} </span>
                    {t(`teaching.learners.statuses.${s}`)}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <LearnersPerVersion versions={data.versions} />
          <p>
            <a className="button button--secondary" href={learnersCsvUrl(course.id)} download>
              <span aria-hidden="true">↓ </span>
              {t('teaching.learners.csv')}
            </a>
          </p>
          <section className="stack-sm" aria-labelledby="learner-list-heading">
            <h3 id="learner-list-heading">{t('teaching.learners.listHeading')}</h3>
            <nav aria-label={t('teaching.learners.filterLabel')}>
              <ul className="filter-links" role="list">
                <li>
                  <Link
                    className="filter-link"
                    to={href(undefined)}
                    aria-current={status === undefined ? 'page' : undefined}
                  >
                    {t('teaching.learners.all', { count: data.counts.enrolled })}
                  </Link>
                </li>
                {LEARNER_STATUSES.map((s) => (
                  <li key={s}>
                    <Link
                      className="filter-link"
                      to={href(s)}
                      aria-current={status === s ? 'page' : undefined}
                    >
                      {t('teaching.learners.filter', {
                        status: t(`teaching.learners.statuses.${s}`),
                        count: data.counts[s],
                      })}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
              {summary}
            </p>
            {data.items.length > 0 ? (
              <DataTable
                caption={t('teaching.learners.caption', { title })}
                columns={columns}
                rows={data.items}
                rowKey={(l) => l.userId}
              />
            ) : (
              <div className="panel">
                <p>{t(status ? 'teaching.learners.emptyStatus' : 'teaching.learners.empty')}</p>
              </div>
            )}
            <Pagination page={data.page} pages={pages} href={(page) => href(status, page)} />
          </section>
          <QuizGrantForm courseId={course.id} learners={data.items} />
        </>
      )}
    </div>
  );
}
