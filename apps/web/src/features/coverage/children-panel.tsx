import type { CoverageResponse, IndicatorDto } from '@hocvuso/contracts';
import { formatCount, formatShare } from '../../i18n/format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type Column, DataTable } from '../../components/data-table';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type CoverageView, hrefFor } from './coverage-params';
import type { ChartOption } from './echart';
import { Chart } from './lazy-chart';
import { StatusBadge } from './status-badge';

type Child = CoverageResponse['children'][number];

interface ChildrenPanelProps {
  places: Child[];
  indicator: IndicatorDto;
  targetShare: number | null;
  view: CoverageView;
}

/** The places one level down on the chosen indicator: a bar chart with the target line, then the same as a table. */
export function ChildrenPanel({ places, indicator, targetShare, view }: ChildrenPanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const byShare = indicator.denominator === 'population';
  const cells = places.map((child) => ({
    child,
    cell: child.indicators.find((c) => c.code === indicator.code),
  }));

  const option = useMemo<ChartOption>(() => {
    const names = cells.map(({ child }) => child.name);
    const values = cells.map(({ cell }) =>
      byShare ? Math.round((cell?.share ?? 0) * 1000) / 10 : (cell?.numerator ?? 0),
    );
    return {
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'value', max: byShare ? (v: { max: number }) => Math.max(100, v.max) : undefined },
      yAxis: { type: 'category', data: names, inverse: true },
      series: [
        {
          type: 'bar',
          data: values,
          itemStyle: { color: '#0b4f8a' },
          markLine:
            byShare && targetShare != null
              ? {
                  symbol: 'none',
                  label: { formatter: t('coverage.targetLine') },
                  lineStyle: { color: '#a3161a', type: 'dashed', width: 2 },
                  data: [{ xAxis: Math.round(targetShare * 1000) / 10 }],
                }
              : undefined,
        },
      ],
    };
  }, [cells, byShare, targetShare, t]);

  if (places.length === 0) return <p>{t('coverage.noChildren')}</p>;

  const columns: Array<Column<(typeof cells)[number]>> = [
    {
      key: 'place',
      label: t('coverage.place'),
      primary: true,
      render: ({ child }) => <Link to={hrefFor(child, view)}>{child.name}</Link>,
    },
    {
      key: 'share',
      label: t('coverage.share'),
      render: ({ cell }) => formatShare(cell?.share, lang),
    },
    {
      key: 'numerator',
      label: t('coverage.numerator'),
      render: ({ cell }) => formatCount(cell?.numerator, lang),
    },
    {
      key: 'population',
      label: t('coverage.population'),
      render: ({ cell }) => formatCount(cell?.population?.value, lang),
    },
    {
      key: 'registered',
      label: t('coverage.registered'),
      render: ({ cell }) => formatCount(cell?.registered, lang),
    },
    {
      key: 'status',
      label: t('coverage.statusLabel'),
      render: ({ cell }) => (cell ? <StatusBadge status={cell.status} /> : '—'),
    },
  ];

  const title = localizedText(indicator.title, lang);
  return (
    <>
      <Chart
        option={option}
        height={Math.max(160, places.length * 32 + 40)}
        label={t('coverage.childrenChartLabel', { indicator: title, count: places.length })}
      />
      <DataTable
        caption={t('coverage.childrenTableCaption', { indicator: title })}
        showCaption
        columns={columns}
        rows={cells}
        rowKey={({ child }) => `${child.kind}:${child.id ?? ''}`}
      />
    </>
  );
}
