import { MANDATE_LIST_SORTS, MANDATE_LIST_STATUSES, type MandatesQuery } from '@hocvuso/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { adminQueries } from '../../api/admin-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { formatDueDate, formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { groupNames } from '../../components/group-names';
import { useAllCourses } from '../../components/use-all-courses';
import { listParams, listSearch } from './mandate-list-params';

/**
 * The mandates (required courses) in the administrator's area: filtered by status and title, sorted, paged
 * (all in the address, so it can be shared and the back button works), each with its progress. A mandate's
 * page keeps the list (`?from=`) to say where it stands in it.
 */
export function MandatesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [search, setSearch] = useSearchParams();
  const params = listParams(search);
  const mandates = useApiQuery(adminQueries.mandates(params));
  const courses = useAllCourses();
  const [q, setQ] = useState(params.q ?? '');
  usePageTitle(t('admin.mandates.title'));
  const titleOf = (id: string) => courses.data?.find((c) => c.id === id)?.title ?? id;
  const go = (next: Partial<MandatesQuery>) => setSearch(listSearch({ ...params, page: 1, ...next }));
  const from = listSearch(params).toString();
  const pages = mandates.data ? Math.max(1, Math.ceil(mandates.data.total / mandates.data.pageSize)) : 1;

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    go({ q: q.trim() || undefined });
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.mandates.title')}</h1>
        <p className="lead">{t('admin.mandates.intro')}</p>
      </header>
      <p>
        <Link className="button" to="/admin/mandates/new">
          <span aria-hidden="true">+ </span>
          {t('admin.mandates.create')}
        </Link>
      </p>
      <form
        className="panel filters"
        role="search"
        onSubmit={onSearch}
        aria-label={t('admin.mandates.filters')}
      >
        <TextField
          id="mandates-q"
          type="search"
          label={t('admin.mandates.search')}
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
        />
        <SelectField
          id="mandates-status"
          label={t('admin.mandates.statusLabel')}
          value={params.status}
          onChange={(e) => go({ status: e.target.value as MandatesQuery['status'] })}
          options={MANDATE_LIST_STATUSES.map((s) => ({ value: s, label: t(`admin.mandates.statuses.${s}`) }))}
        />
        <SelectField
          id="mandates-sort"
          label={t('admin.mandates.sortLabel')}
          value={`${params.sort}:${params.order}`}
          onChange={(e) => {
            const [sort, order] = e.target.value.split(':') as [
              MandatesQuery['sort'],
              MandatesQuery['order'],
            ];
            go({ sort, order });
          }}
          options={MANDATE_LIST_SORTS.flatMap((s) =>
            (['asc', 'desc'] as const).map((o) => ({
              value: `${s}:${o}`,
              label: t(`admin.mandates.sorts.${s}_${o}`),
            })),
          )}
        />
        <button className="button button--secondary" type="submit">
          {t('admin.mandates.apply')}
        </button>
      </form>
      {mandates.error !== undefined && <ErrorNotice error={mandates.error} onRetry={mandates.reload} />}
      {!mandates.data && mandates.error === undefined && <Loading />}
      {mandates.data && (
        <>
          <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
            {t('admin.mandates.count', { count: mandates.data.total })}
          </p>
          {mandates.data.items.length === 0 ? (
            <div className="panel">
              <p>{t('admin.mandates.empty')}</p>
            </div>
          ) : (
            <ul className="card-list" role="list">
              {mandates.data.items.map((m) => (
                <li key={m.id} className="card stack-xs">
                  <h2 className="card__title">
                    <Link to={`/admin/mandates/${m.id}?${new URLSearchParams({ from }).toString()}`}>
                      {m.title}
                    </Link>
                  </h2>
                  {m.status === 'cancelled' && (
                    <p className="status status--cancelled">
                      <span aria-hidden="true">⊘ </span>
                      {t('admin.mandates.cancelled')}
                    </p>
                  )}
                  <p>
                    {t('admin.mandates.due', { date: formatDueDate(m.dueOn, lang) })}
                    {m.graceDays > 0 && ` ${t('admin.mandates.grace', { count: m.graceDays })}`}
                  </p>
                  <p>{t('admin.mandates.courses', { list: formatList(m.courseIds.map(titleOf), lang) })}</p>
                  <p className="muted">
                    {t('admin.mandates.audience', {
                      group: m.targetGroup ? groupNames(t, [m.targetGroup])[0] : t('admin.mandates.everyone'),
                    })}
                  </p>
                  <p>
                    {t('admin.mandates.progress', {
                      completed: m.progress.completed,
                      assigned: m.progress.assigned,
                    })}
                    {m.progress.overdue > 0 && (
                      <strong>
                        {' · '}
                        <span aria-hidden="true">⚠ </span>
                        {t('admin.mandates.overdue', { count: m.progress.overdue })}
                      </strong>
                    )}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <Pagination
            page={params.page}
            pages={pages}
            href={(page) => `/admin/mandates?${listSearch({ ...params, page }).toString()}`}
          />
        </>
      )}
    </div>
  );
}
