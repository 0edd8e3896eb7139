import type { CoverageQuery, IndicatorDto } from '@hocvuso/contracts';
import { formatCount, formatShare } from '../../i18n/format';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { coverageQueries } from '../../api/coverage-queries';
import { useApiQuery } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { formatMonth } from './coverage-format';
import { placeQuery } from './coverage-params';
import type { ChartOption } from './echart';
import { Chart } from './lazy-chart';

type Point = { month: string; numerator: number; population: number | null; share: number | null };

/** The indicator month by month for the place, with the target line, then the same figures as a table. */
export function TrendPanel({ query, indicator }: { query: CoverageQuery; indicator: IndicatorDto }) {
  const { t } = useTranslation();
  const lang = useLang();
  const trend = useApiQuery(
    coverageQueries.trend({
      ...placeQuery(query),
      ...(query.plan ? { plan: query.plan } : {}),
      indicator: indicator.code,
    }),
  );
  const byShare = indicator.denominator === 'population';
  const points = useMemo(() => trend.data?.points ?? [], [trend.data]);
  const targets = useMemo(() => trend.data?.targets ?? [], [trend.data]);

  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: points.map((p) => formatMonth(p.month)) },
      yAxis: { type: 'value', max: byShare ? (v: { max: number }) => Math.max(100, v.max) : undefined },
      series: [
        {
          type: 'line',
          data: points.map((p) => (byShare ? Math.round((p.share ?? 0) * 1000) / 10 : p.numerator)),
          lineStyle: { width: 3, color: '#0b4f8a' },
          itemStyle: { color: '#0b4f8a' },
          markLine: {
            symbol: 'none',
            lineStyle: { color: '#a3161a', type: 'dashed', width: 2 },
            data: targets
              .map((target) => (byShare ? target.share : target.count))
              .filter((v): v is number => v != null)
              .map((v) => ({ yAxis: byShare ? Math.round(v * 1000) / 10 : v })),
          },
        },
      ],
    }),
    [points, targets, byShare],
  );

  if (trend.error) return <ErrorNotice error={trend.error} onRetry={trend.reload} />;
  if (!trend.data) return <Loading />;
  if (points.length === 0) return <p>{t('coverage.noTrend')}</p>;

  const columns: Array<Column<Point>> = [
    { key: 'month', label: t('coverage.month'), primary: true, render: (p) => formatMonth(p.month) },
    { key: 'numerator', label: t('coverage.numerator'), render: (p) => formatCount(p.numerator, lang) },
    { key: 'population', label: t('coverage.population'), render: (p) => formatCount(p.population, lang) },
    { key: 'share', label: t('coverage.share'), render: (p) => formatShare(p.share, lang) },
  ];
  const title = localizedText(indicator.title, lang);
  return (
    <>
      <Chart option={option} label={t('coverage.trendChartLabel', { indicator: title })} />
      <details className="coverage-table-toggle">
        <summary>{t('coverage.showTable')}</summary>
        <DataTable
          caption={t('coverage.trendTableCaption', { indicator: title })}
          columns={columns}
          rows={points}
          rowKey={(p) => p.month}
        />
      </details>
    </>
  );
}
