import type { ReportSummary } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { reportsQueries } from '../../api/reports-queries';
import { useApiQuery } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useCan } from '../../session/capabilities';
import { useSession } from '../../session/session';
import { ReportRequestForm } from './report-request-form';
import { ReportStatus } from './report-status';
import { kindText, periodText, placeText } from './report-text';
import './reports.css';

/**
 * The periodic reports of the reader's area, newest first, and (for statisticians and administrators) the form
 * that asks for one. Report viewers read and download only.
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useSession();
  const canGenerate = useCan('report.generate');
  const list = useApiQuery(reportsQueries.list(), { fresh: true });
  usePageTitle(t('reports.title'));

  const period = (r: ReportSummary) => periodText(t, r.period);
  const who = (r: ReportSummary) =>
    r.requestedBy == null
      ? t('reports.bySchedule')
      : r.requestedBy === me?.id
        ? t('reports.byYou')
        : t('reports.byOther');

  const columns: Array<Column<ReportSummary>> = [
    {
      key: 'period',
      label: t('reports.columns.period'),
      primary: true,
      render: (r) => (
        <Link
          to={`/admin/reports/${r.id}`}
          aria-label={t('reports.open', { period: period(r), place: r.place.name, revision: r.revision })}
        >
          {period(r)}
        </Link>
      ),
    },
    { key: 'kind', label: t('reports.columns.kind'), render: (r) => kindText(t, r.period.kind) },
    {
      key: 'place',
      label: t('reports.columns.place'),
      render: (r) => placeText(t, r.place),
    },
    {
      key: 'revision',
      label: t('reports.columns.revision'),
      render: (r) => t('reports.revision', { revision: r.revision }),
    },
    { key: 'status', label: t('reports.columns.status'), render: (r) => <ReportStatus report={r} /> },
    {
      key: 'requested',
      label: t('reports.columns.requested'),
      render: (r) => t('reports.requestedAt', { who: who(r), time: formatDateTime(r.requestedAt, lang) }),
    },
    {
      key: 'corrections',
      label: t('reports.columns.corrections'),
      render: (r) => {
        const notes = [
          r.supersedes != null ? t('reports.correctionOf', { revision: r.supersedes }) : null,
          r.supersededBy != null ? t('reports.correctedBy', { revision: r.supersededBy }) : null,
        ].filter((n): n is string => n !== null);
        return notes.length > 0 ? notes.join('; ') : t('reports.noCorrection');
      },
    },
  ];

  return (
    <div className="stack-lg reports-page">
      <header className="stack-sm">
        <h1>{t('reports.title')}</h1>
        <p className="lead">{t('reports.intro')}</p>
        {!canGenerate && <p className="notice notice--info">{t('reports.readOnly')}</p>}
      </header>
      {canGenerate && (
        <section aria-labelledby="reports-request" className="stack">
          <h2 id="reports-request">{t('reports.form.heading')}</h2>
          <ReportRequestForm />
        </section>
      )}
      <section aria-labelledby="reports-list" className="stack">
        <h2 id="reports-list">{t('reports.listHeading')}</h2>
        {list.error ? (
          <ErrorNotice error={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loading />
        ) : list.data.items.length === 0 ? (
          <p>{t('reports.empty')}</p>
        ) : (
          <DataTable
            caption={t('reports.listCaption')}
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.id}
          />
        )}
      </section>
    </div>
  );
}
