import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AdminLearner } from '../../api/access-types';
import { adminQueries } from '../../api/admin-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Column, DataTable } from '../../components/data-table';
import { groupNames } from '../../components/group-names';
import { pageCount, Pagination, usePageOf } from '../../components/pagination';

const PAGE_SIZE = 25;

/** The learners in the administrator's area: search by name, e-mail or phone; a table that fits a phone. */
export function LearnersPage() {
  const { t } = useTranslation();
  const pageOf = usePageOf();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [search, setSearch] = useState(q);
  const learners = useApiQuery(adminQueries.learners({ q: q || undefined, page, limit: PAGE_SIZE }));
  usePageTitle(t('admin.learners.title'));

  useEffect(() => setSearch(q), [q]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (search.trim()) next.set('q', search.trim());
    setParams(next);
  }

  const data = learners.data;
  const pages = data ? pageCount(data.total, data.limit) : 1;
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return `/admin/learners?${next.toString()}`;
  };

  const columns: Array<Column<AdminLearner>> = [
    { key: 'name', label: t('admin.learners.name'), primary: true, render: (l) => l.displayName },
    {
      key: 'contact',
      label: t('admin.learners.contact'),
      render: (l) => [l.email, l.phone].filter(Boolean).join(', ') || t('admin.none'),
    },
    { key: 'unit', label: t('admin.learners.unit'), render: (l) => l.unit ?? t('admin.none') },
    {
      key: 'organisation',
      label: t('admin.learners.organisation'),
      render: (l) => l.organisation ?? t('admin.none'),
    },
    {
      key: 'groups',
      label: t('admin.learners.groups'),
      render: (l) => formatList(groupNames(t, l.targetGroups), lang) || t('admin.none'),
    },
    {
      key: 'courses',
      label: t('admin.learners.courses'),
      render: (l) => t('admin.learners.coursesValue', { completed: l.completed, enrolled: l.enrolments }),
    },
  ];

  let status = '';
  if (learners.loading) status = t('admin.loading');
  else if (data) {
    status = q
      ? t('admin.learners.foundFor', { count: data.total, q })
      : t('admin.learners.found', { count: data.total });
    status += pageOf(data.page, pages);
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.learners.title')}</h1>
        <p className="lead">{t('admin.learners.intro')}</p>
        {(data?.notNamed ?? 0) > 0 && <p>{t('admin.learners.notNamed', { count: data?.notNamed ?? 0 })}</p>}
      </header>
      <form role="search" className="panel stack-sm" onSubmit={onSubmit}>
        <TextField
          id="learner-q"
          type="search"
          label={t('admin.learners.search')}
          hint={t('admin.learners.searchHint')}
          maxLength={100}
          autoComplete="off"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <p>
          <button type="submit" className="button">
            {t('admin.learners.searchSubmit')}
          </button>
        </p>
      </form>
      <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
        {status}
      </p>
      {learners.error !== undefined && <ErrorNotice error={learners.error} onRetry={learners.reload} />}
      {data && data.items.length > 0 && (
        <DataTable
          caption={t('admin.learners.caption')}
          columns={columns}
          rows={data.items}
          rowKey={(l) => l.id}
        />
      )}
      {data && <Pagination page={data.page} pages={pages} href={pageHref} />}
    </div>
  );
}
