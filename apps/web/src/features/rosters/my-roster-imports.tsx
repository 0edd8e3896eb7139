import { useTranslation } from 'react-i18next';
import { adminQueries } from '../../api/admin-queries';
import type { RosterImportItem } from '../../api/roster-imports-api';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Column, DataTable } from '../../components/data-table';

/**
 * The rosters this administrator uploaded (only their own), newest first, with what each did; read again after
 * each upload (the upload invalidates adminChangedBy.rosterImport()).
 */
export function MyRosterImports() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useApiQuery(adminQueries.myRosterImports());
  const columns: Array<Column<RosterImportItem>> = [
    {
      key: 'at',
      label: t('admin.imports.mine.at'),
      primary: true,
      render: (r) => formatDateTime(r.createdAt, lang),
    },
    { key: 'courses', label: t('admin.imports.mine.courses'), render: (r) => r.courseIds.join(', ') },
    { key: 'created', label: t('admin.imports.counts.created'), render: (r) => r.summary.created ?? 0 },
    { key: 'invited', label: t('admin.imports.counts.invited'), render: (r) => r.summary.invited ?? 0 },
    { key: 'matched', label: t('admin.imports.counts.matched'), render: (r) => r.summary.matched ?? 0 },
    { key: 'rejected', label: t('admin.imports.counts.rejected'), render: (r) => r.summary.rejected ?? 0 },
  ];
  return (
    <section className="stack-sm" aria-labelledby="my-roster-imports-heading">
      <h2 id="my-roster-imports-heading">{t('admin.imports.mine.heading')}</h2>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      {!list.data && list.error === undefined && <Loading />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <p>{t('admin.imports.mine.empty')}</p>
        ) : (
          <DataTable
            caption={t('admin.imports.mine.heading')}
            columns={columns}
            rows={list.data.items}
            rowKey={(r) => r.id}
          />
        ))}
    </section>
  );
}
