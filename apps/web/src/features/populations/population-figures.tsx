import type { PopulationFigureRow } from '@hocvuso/contracts';
import { formatCount } from '../../i18n/format';
import { POPULATION_SUB_GROUPS } from '@hocvuso/domain';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitItem } from '../../api/access-types';
import { isApiError } from '../../api/client';
import { populationsQueries } from '../../api/populations-queries';
import { useApiQuery } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { groupNames } from '../../components/group-names';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { UnitPicker } from '../../components/unit-picker';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { figuresInOrder, periodsOf, subGroupKey, supersededRevisions } from './population-sheet';

/** A target group's name, or the code as written when it is not one. */
export const groupLabel = (t: TFunction, group: string): string => groupNames(t, [group])[0]!;

function subGroupLabel(t: TFunction, code: string): string {
  if (code === '') return t('populations.figures.wholeGroup');
  return POPULATION_SUB_GROUPS.includes(code) ? t(subGroupKey(code)) : code;
}

/**
 * The figures in force of one place (chosen with the unit picker), filterable by period: per group, sub-group,
 * period and source, the current value and revision, and the earlier revisions it superseded. Read-only: the
 * api answers a place outside the reader's area with 404, said here as such.
 */
export function PopulationFigures() {
  const { t } = useTranslation();
  const lang = useLang();
  const ids = useId();
  const [unit, setUnit] = useState<UnitItem>();
  const [period, setPeriod] = useState('');
  const figures = useApiQuery(populationsQueries.figures({ unitId: unit?.id ?? '' }), {
    enabled: unit !== undefined,
  });
  const data = unit && figures.data?.place.id === unit.id ? figures.data : undefined;
  const periods = data ? periodsOf(data.items) : [];
  const rows = data ? figuresInOrder(data.items, periods.includes(period) ? period : undefined) : [];

  const columns: Array<Column<PopulationFigureRow>> = [
    {
      key: 'group',
      label: t('populations.figures.group'),
      primary: true,
      render: (r) => `${groupLabel(t, r.targetGroup)} — ${subGroupLabel(t, r.subGroup)}`,
    },
    { key: 'period', label: t('populations.figures.period'), render: (r) => r.period },
    { key: 'value', label: t('populations.figures.value'), render: (r) => formatCount(r.value, lang) },
    { key: 'source', label: t('populations.figures.source'), render: (r) => r.source },
    {
      key: 'revision',
      label: t('populations.figures.revision'),
      render: (r) => t('populations.figures.revisionValue', { revision: r.revision }),
    },
    {
      key: 'history',
      label: t('populations.figures.history'),
      render: (r) => {
        const earlier = supersededRevisions(r);
        return earlier.length === 0 ? (
          t('populations.figures.noHistory')
        ) : (
          <ul className="population-revisions">
            {earlier.map((rev) => (
              <li key={rev.revision}>
                {t('populations.figures.superseded', {
                  revision: rev.revision,
                  value: formatCount(rev.value, lang),
                  date: formatDate(rev.createdAt, lang),
                })}
              </li>
            ))}
          </ul>
        );
      },
    },
  ];

  const notFound = isApiError(figures.error) && figures.error.status === 404;
  return (
    <section className="stack" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>{t('populations.figures.heading')}</h2>
      <div className="panel stack">
        <UnitPicker
          idPrefix={`${ids}-place`}
          legend={t('populations.figures.place')}
          hint={t('populations.figures.placeHint')}
          onChange={(chosen) => {
            setUnit(chosen);
            setPeriod('');
          }}
        />
        {periods.length > 1 && (
          <SelectField
            id={`${ids}-period`}
            label={t('populations.figures.period')}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            options={[
              { value: '', label: t('populations.figures.allPeriods') },
              ...periods.map((p) => ({ value: p, label: p })),
            ]}
          />
        )}
      </div>
      {!unit ? (
        <p className="muted">{t('populations.figures.choosePlace')}</p>
      ) : notFound ? (
        <p className="notice notice--info">{t('populations.figures.notFound')}</p>
      ) : figures.error !== undefined ? (
        <ErrorNotice error={figures.error} onRetry={figures.reload} />
      ) : !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>{t('populations.figures.empty')}</p>
      ) : (
        <DataTable
          caption={t('populations.figures.caption', { place: data.place.name })}
          showCaption
          columns={columns}
          rows={rows}
          rowKey={(r) => `${r.targetGroup}|${r.subGroup}|${r.period}|${r.source}`}
        />
      )}
    </section>
  );
}

/** The figures alone, for those who read the coverage dashboards but do not import (report.read). */
export function PopulationFiguresPage() {
  const { t } = useTranslation();
  usePageTitle(t('populations.figuresTitle'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('populations.figuresTitle')}</h1>
        <p className="lead">{t('populations.figuresIntro')}</p>
      </header>
      <PopulationFigures />
    </div>
  );
}
