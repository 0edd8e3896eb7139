import { LEARNER_STATUSES, SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { AdminLearner, LearnerFilter, UnitItem } from '../../api/access-types';
import { learnersCsvUrl } from '../../api/admin-api';
import { adminQueries } from '../../api/admin-queries';
import { isApiError } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type Column, DataTable } from '../../components/data-table';
import { groupNames } from '../../components/group-names';
import { pageCount, Pagination, usePageOf } from '../../components/pagination';
import { learnerFilterFromParams, learnerFilterParams } from './learner-filter';

const PAGE_SIZE = 25;

/**
 * The learners in the administrator's area: search by name (with or without diacritics), e-mail or phone
 * (any way it is typed), filter by place, group and status, download the list as CSV; a table that fits a phone.
 */
export function LearnersPage() {
  const { t } = useTranslation();
  const pageOf = usePageOf();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const applied = learnerFilterFromParams(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [form, setForm] = useState(applied);
  const [pickerKey, setPickerKey] = useState(0);
  const learners = useApiQuery(adminQueries.learners({ ...applied.filter, page, limit: PAGE_SIZE }));
  usePageTitle(t('admin.learners.title'));

  const paramsText = params.toString();
  useEffect(() => setForm(learnerFilterFromParams(new URLSearchParams(paramsText))), [paramsText]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setParams(learnerFilterParams(form));
  }

  function onClear() {
    setParams(new URLSearchParams());
    setPickerKey((k) => k + 1);
  }

  const set = <K extends keyof LearnerFilter>(key: K, value: LearnerFilter[K] | '') =>
    setForm((f) => ({ ...f, filter: { ...f.filter, [key]: value === '' ? undefined : value } }));

  const data = learners.data;
  const pages = data ? pageCount(data.total, data.limit) : 1;
  const pageHref = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    return `/admin/learners?${next.toString()}`;
  };

  const columns: Array<Column<AdminLearner>> = [
    {
      key: 'name',
      label: t('admin.learners.name'),
      primary: true,
      render: (l) => <Link to={`/admin/learners/${encodeURIComponent(l.id)}`}>{l.displayName}</Link>,
    },
    {
      key: 'contact',
      label: t('admin.learners.contact'),
      render: (l) => [l.email, l.phone].filter(Boolean).join(', ') || t('admin.none'),
    },
    {
      key: 'unit',
      label: t('admin.learners.unit'),
      render: (l) => (l.hasProfile ? (l.unit ?? t('admin.none')) : t('admin.learners.noProfile')),
    },
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

  const q = applied.filter.q;
  let status = '';
  if (learners.loading) status = t('admin.loading');
  else if (data) {
    status = q
      ? t('admin.learners.foundFor', { count: data.total, q })
      : t('admin.learners.found', { count: data.total });
    status += pageOf(data.page, pages);
  }
  const outOfArea =
    isApiError(learners.error) &&
    (learners.error.code === 'UNIT_NOT_FOUND' || learners.error.code === 'ORGANISATION_NOT_FOUND');

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.learners.title')}</h1>
        <p className="lead">{t('admin.learners.intro')}</p>
        <p>{t('admin.learners.noProfileNote')}</p>
        {(data?.notNamed ?? 0) > 0 && <p>{t('admin.learners.notNamed', { count: data?.notNamed ?? 0 })}</p>}
      </header>
      <form
        role="search"
        className="panel stack-sm"
        onSubmit={onSubmit}
        aria-labelledby="learner-filters-heading"
      >
        <h2 id="learner-filters-heading" className="visually-hidden">
          {t('admin.learners.filtersHeading')}
        </h2>
        <TextField
          id="learner-q"
          type="search"
          label={t('admin.learners.search')}
          hint={t('admin.learners.searchHint')}
          maxLength={100}
          autoComplete="off"
          value={form.filter.q ?? ''}
          onChange={(e) => set('q', e.target.value)}
        />
        <UnitPicker
          key={pickerKey}
          idPrefix="learner-unit"
          legend={t('admin.learners.unitFilter')}
          hint={t('admin.learners.unitFilterHint')}
          initialPath={applied.unitPath}
          onChange={(unit: UnitItem | undefined) =>
            setForm((f) => ({
              ...f,
              unitPath: unit?.path,
              filter: { ...f.filter, unitId: unit?.id },
            }))
          }
        />
        <div className="filter-grid">
          <SelectField
            id="learner-group"
            label={t('admin.learners.groupFilter')}
            value={form.filter.targetGroup ?? ''}
            onChange={(e) => set('targetGroup', e.target.value as LearnerFilter['targetGroup'])}
            options={[
              { value: '', label: t('admin.learners.any') },
              ...TARGET_GROUPS.map((code) => ({ value: code, label: t(`targetGroup.${code}`) })),
            ]}
          />
          <SelectField
            id="learner-subgroup"
            label={t('admin.learners.subGroupFilter')}
            value={form.filter.subGroup ?? ''}
            onChange={(e) => set('subGroup', e.target.value as LearnerFilter['subGroup'])}
            options={[
              { value: '', label: t('admin.learners.any') },
              ...SUB_GROUPS.map((code) => ({ value: code, label: t(`subGroup.${code}`) })),
            ]}
          />
          <SelectField
            id="learner-status"
            label={t('admin.learners.statusFilter')}
            value={form.filter.status ?? ''}
            onChange={(e) => set('status', e.target.value as LearnerFilter['status'])}
            options={[
              { value: '', label: t('admin.learners.any') },
              ...LEARNER_STATUSES.map((code) => ({ value: code, label: t(`admin.learners.status.${code}`) })),
            ]}
          />
        </div>
        <p className="button-row">
          <button type="submit" className="button">
            {t('admin.learners.searchSubmit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onClear}>
            {t('admin.learners.clear')}
          </button>
        </p>
      </form>
      <p>
        <a className="button button--secondary" href={learnersCsvUrl(applied.filter)} download>
          <span aria-hidden="true">↓ </span>
          {t('admin.learners.csv')}
        </a>
      </p>
      <p className="result-count" role="status" aria-live="polite" aria-atomic="true">
        {status}
      </p>
      {outOfArea ? (
        <p className="notice notice--error" role="alert">
          {t('admin.learners.outOfArea')}
        </p>
      ) : (
        learners.error !== undefined && <ErrorNotice error={learners.error} onRetry={learners.reload} />
      )}
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
