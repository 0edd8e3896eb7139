import type { ReportDataDto } from '@hocvuso/contracts';
import { formatCount, formatDay, formatShare } from '../../i18n/format';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Column, DataTable } from '../../components/data-table';
import { SelectField } from '../../components/select-field';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/**
 * The frozen figures as a table: one row per indicator (target, people counted, official population, registered
 * accounts, share) for the report's place, or for one of the places one level down chosen above it.
 */
export function ReportFigures({ data, period }: { data: ReportDataDto; period: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ids = useId();
  const [row, setRow] = useState(0);
  const chosen = data.rows[row] ?? data.rows[0];
  if (!chosen) return null;
  const placeName = chosen.place.kind === 'all' ? t('reports.form.everywhere') : chosen.place.name;

  const targetText = (target: ReportDataDto['indicators'][number]['target']) => {
    if (!target) return t('reports.detail.target.none');
    const goal =
      target.share != null ? formatShare(target.share, lang) : formatCount(target.count ?? 0, lang);
    return t(`reports.detail.target.${target.strictlyAbove ? 'strictlyAbove' : 'atLeast'}`, {
      goal,
      by: formatDay(target.by),
    });
  };

  type Indicator = ReportDataDto['indicators'][number];
  const cellOf = (indicator: Indicator) => chosen.cells.find((c) => c.code === indicator.code);
  const columns: Array<Column<Indicator>> = [
    {
      key: 'indicator',
      label: t('reports.detail.columns.indicator'),
      primary: true,
      render: (indicator) => localizedText(indicator.title, lang),
    },
    { key: 'target', label: t('reports.detail.columns.target'), render: (i) => targetText(i.target) },
    {
      key: 'numerator',
      label: t('reports.detail.columns.numerator'),
      render: (i) => formatCount(cellOf(i)?.numerator, lang),
    },
    {
      key: 'population',
      label: t('reports.detail.columns.population'),
      render: (i) => {
        const population = cellOf(i)?.population;
        if (i.denominator === 'none') return t('reports.detail.notApplicable');
        return population ? formatCount(population.value, lang) : t('reports.detail.noPopulation');
      },
    },
    {
      key: 'registered',
      label: t('reports.detail.columns.registered'),
      render: (i) => formatCount(cellOf(i)?.registered, lang),
    },
    {
      key: 'share',
      label: t('reports.detail.columns.share'),
      render: (i) => formatShare(cellOf(i)?.share, lang),
    },
  ];

  return (
    <div className="stack">
      {data.rows.length > 1 && (
        <SelectField
          id={`${ids}-place`}
          label={t('reports.detail.placeRow')}
          value={String(row)}
          onChange={(e) => setRow(Number(e.target.value))}
          options={data.rows.map((r, i) => ({
            value: String(i),
            label: r.place.kind === 'all' ? t('reports.form.everywhere') : r.place.name,
          }))}
        />
      )}
      <DataTable
        caption={t('reports.detail.figuresCaption', { place: placeName, period })}
        columns={columns}
        rows={data.indicators}
        rowKey={(indicator) => indicator.code}
      />
    </div>
  );
}
