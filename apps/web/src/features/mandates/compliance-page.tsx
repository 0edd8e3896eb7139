import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { COMPLIANCE_STATUSES, type ComplianceReport, type ComplianceStatus } from '../../api/access-types';
import { complianceCsvUrl } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { adminQueries } from '../../api/admin-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { formatDueDate, formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Column, DataTable } from '../../components/data-table';
import { groupNames } from '../../components/group-names';
import { useAllCourses } from '../../components/use-all-courses';
import { useCan } from '../../session/capabilities';
import { listParams, listSearch } from './mandate-list-params';
import { ManageMandate } from './manage-mandate';

type Learner = ComplianceReport['learners'][number];

const STATUS_ICON: Record<ComplianceStatus, string> = {
  completed: '✓',
  in_progress: '◐',
  not_started: '○',
  overdue: '⚠',
};

const COUNT_KEY: Record<ComplianceStatus, keyof ComplianceReport['counts']> = {
  not_started: 'notStarted',
  in_progress: 'inProgress',
  completed: 'completed',
  overdue: 'overdue',
};

const isStatus = (value: string | null): value is ComplianceStatus =>
  (COMPLIANCE_STATUSES as readonly (string | null)[]).includes(value);

/**
 * One mandate's compliance: how many people it applies to and where they stand, a filter by status (links,
 * so the address can be shared), the list of learners, and the CSV download of the whole list.
 */
export function CompliancePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { mandateId = '' } = useParams();
  const [params] = useSearchParams();
  const location = useLocation();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const report = useApiQuery(adminQueries.compliance(mandateId, status));
  // The list this page was opened from (`?from=`): where the mandate stands in it, and its neighbours.
  const fromSearch = new URLSearchParams(params.get('from') ?? '');
  const list = listParams(fromSearch);
  const place = useApiQuery(adminQueries.mandatePlace(mandateId, list));
  const canManage = useCan('mandate.create');
  const fromQuery = listSearch(list).toString();
  const mandateHref = (id: string) =>
    `/admin/mandates/${id}${fromQuery ? `?${new URLSearchParams({ from: fromQuery }).toString()}` : ''}`;
  const courses = useAllCourses();
  usePageTitle(report.data?.mandate.title ?? t('admin.compliance.title'));

  if (isApiError(report.error) && report.error.status === 404)
    return <NotFound message={t('admin.compliance.notFound')} />;

  const data = report.data;
  const flash = (location.state as { flash?: string } | null)?.flash;
  const justCreated = flash === 'mandateCreated';
  const justEdited = flash === 'mandateEdited';
  const titleOf = (id: string) => courses.data?.find((c) => c.id === id)?.title ?? id;
  const filterHref = (s?: ComplianceStatus) => {
    const q = new URLSearchParams();
    if (s) q.set('status', s);
    if (fromQuery) q.set('from', fromQuery);
    const text = q.toString();
    return `/admin/mandates/${mandateId}${text ? `?${text}` : ''}`;
  };

  const columns: Array<Column<Learner>> = [
    { key: 'name', label: t('admin.learners.name'), primary: true, render: (l) => l.displayName },
    {
      key: 'status',
      label: t('admin.compliance.status'),
      render: (l) => (
        <span className={`status status--compliance-${l.status}`}>
          <span aria-hidden="true">{STATUS_ICON[l.status]} </span>
          {t(`admin.compliance.statuses.${l.status}`)}
        </span>
      ),
    },
    {
      key: 'progress',
      label: t('admin.compliance.progress'),
      render: (l) =>
        t('admin.compliance.progressValue', { completed: l.completedCourses, total: l.totalCourses }),
    },
    {
      key: 'contact',
      label: t('admin.learners.contact'),
      render: (l) => [l.email, l.phone].filter(Boolean).join(', ') || t('admin.none'),
    },
    {
      key: 'unit',
      label: t('admin.learners.unit'),
      render: (l) => l.unit ?? l.organisation ?? t('admin.none'),
    },
  ];

  return (
    <div className="stack-lg">
      {justCreated && (
        <p className="notice notice--success" role="status">
          <span aria-hidden="true">✓ </span>
          {t('admin.compliance.created')}
        </p>
      )}
      {justEdited && (
        <p className="notice notice--success" role="status">
          <span aria-hidden="true">✓ </span>
          {t('admin.mandateEdit.saved')}
        </p>
      )}
      {report.error !== undefined && <ErrorNotice error={report.error} onRetry={report.reload} />}
      {!data && report.error === undefined && <Loading />}
      {data && (
        <>
          {place.data && place.data.position !== null && (
            <nav className="mandate-place" aria-label={t('admin.mandateManage.placeLabel')}>
              <p>
                {t('admin.mandateManage.place', { position: place.data.position, total: place.data.total })}
              </p>
              <ul className="filter-links" role="list">
                {place.data.previousId && (
                  <li>
                    <Link to={mandateHref(place.data.previousId)}>
                      <span aria-hidden="true">← </span>
                      {t('admin.mandateManage.previous')}
                    </Link>
                  </li>
                )}
                <li>
                  <Link to={`/admin/mandates${fromQuery ? `?${fromQuery}` : ''}`}>
                    {t('admin.mandateManage.backToList')}
                  </Link>
                </li>
                {place.data.nextId && (
                  <li>
                    <Link to={mandateHref(place.data.nextId)}>
                      {t('admin.mandateManage.next')}
                      <span aria-hidden="true"> →</span>
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          )}
          <header className="stack-sm">
            <p className="eyebrow">{t('admin.compliance.eyebrow')}</p>
            <h1>{data.mandate.title}</h1>
            {data.mandate.status === 'cancelled' && (
              <p className="notice" role="note">
                <span aria-hidden="true">⊘ </span>
                {t('admin.mandateManage.cancelledNotice')}
              </p>
            )}
            {data.mandate.description && <p className="pre-line">{data.mandate.description}</p>}
            <p>
              {t('admin.mandates.due', { date: formatDueDate(data.mandate.dueOn, lang) })}
              {data.mandate.graceDays > 0 &&
                ` ${t('admin.mandates.grace', { count: data.mandate.graceDays })}`}
            </p>
            <p>
              {t('admin.mandates.courses', { list: formatList(data.mandate.courseIds.map(titleOf), lang) })}
            </p>
            <p className="muted">
              {t('admin.mandates.audience', {
                group: data.mandate.targetGroup
                  ? groupNames(t, [data.mandate.targetGroup])[0]
                  : t('admin.mandates.everyone'),
              })}
            </p>
            <p className="button-row">
              <a className="button button--secondary" href={complianceCsvUrl(mandateId)} download>
                <span aria-hidden="true">↓ </span>
                {t('admin.compliance.csv')}
              </a>
              {canManage && data.mandate.status === 'active' && (
                <Link className="button button--secondary" to={`/admin/mandates/${mandateId}/edit`}>
                  <span aria-hidden="true">✎ </span>
                  {t('admin.mandateEdit.link')}
                </Link>
              )}
            </p>
          </header>

          <section className="stack-sm" aria-labelledby="counts-heading">
            <h2 id="counts-heading">{t('admin.compliance.countsHeading')}</h2>
            <ul className="counts" role="list">
              <li className="counts__item">
                <span className="counts__number">{data.counts.assigned}</span>
                <span className="counts__label">{t('admin.compliance.assigned')}</span>
              </li>
              {COMPLIANCE_STATUSES.map((s) => (
                <li key={s} className={`counts__item counts__item--${s}`}>
                  <span className="counts__number">{data.counts[COUNT_KEY[s]]}</span>
                  <span className="counts__label">
                    <span aria-hidden="true">{STATUS_ICON[s]} </span>
                    {t(`admin.compliance.statuses.${s}`)}
                  </span>
                </li>
              ))}
            </ul>
            {(data.counts.notNamed ?? 0) > 0 && (
              <p>{t('admin.compliance.notNamed', { count: data.counts.notNamed ?? 0 })}</p>
            )}
          </section>

          {canManage && data.mandate.status === 'active' && <ManageMandate mandate={data.mandate} />}

          <section className="stack-sm" aria-labelledby="learners-heading">
            <h2 id="learners-heading">{t('admin.compliance.learnersHeading')}</h2>
            <nav aria-label={t('admin.compliance.filterLabel')}>
              <ul className="filter-links" role="list">
                <li>
                  <Link
                    className="filter-link"
                    to={filterHref()}
                    aria-current={status === undefined ? 'page' : undefined}
                  >
                    {t('admin.compliance.all', { count: data.counts.assigned })}
                  </Link>
                </li>
                {COMPLIANCE_STATUSES.map((s) => (
                  <li key={s}>
                    <Link
                      className="filter-link"
                      to={filterHref(s)}
                      aria-current={status === s ? 'page' : undefined}
                    >
                      {t('admin.compliance.filter', {
                        status: t(`admin.compliance.statuses.${s}`),
                        count: data.counts[COUNT_KEY[s]],
                      })}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
              {report.loading
                ? t('admin.loading')
                : status
                  ? t('admin.compliance.showingStatus', {
                      count: data.learners.length,
                      status: t(`admin.compliance.statuses.${status}`),
                    })
                  : t('admin.compliance.showingAll', { count: data.learners.length })}
            </p>
            {data.learners.length > 0 ? (
              <DataTable
                caption={t('admin.compliance.caption', { title: data.mandate.title })}
                columns={columns}
                rows={data.learners}
                rowKey={(l) => l.id}
              />
            ) : (
              <div className="panel">
                <p>{t('admin.compliance.empty')}</p>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
