import type { CoverageQuery, CoverageRankingResponse, IndicatorDto } from '@hocvuso/contracts';
import { formatCount, formatShare } from '../../i18n/format';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { coverageQueries } from '../../api/coverage-queries';
import { useApiQuery } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type CoverageView, hrefFor, placeQuery } from './coverage-params';
import { StatusBadge } from './status-badge';

type RankRow = CoverageRankingResponse['rows'][number];

/** The emulation table: the places one level down ranked on the indicator (ties share a rank). */
export function RankingPanel({
  query,
  indicator,
  view,
}: {
  query: CoverageQuery;
  indicator: IndicatorDto;
  view: CoverageView;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const ranking = useApiQuery(
    coverageQueries.ranking({
      ...placeQuery(query),
      ...(query.plan ? { plan: query.plan } : {}),
      indicator: indicator.code,
    }),
  );
  if (ranking.error) return <ErrorNotice error={ranking.error} onRetry={ranking.reload} />;
  if (!ranking.data) return <Loading />;
  if (ranking.data.rows.length === 0) return <p>{t('coverage.noChildren')}</p>;
  const columns: Array<Column<RankRow>> = [
    { key: 'rank', label: t('coverage.rank'), render: (r) => String(r.rank) },
    {
      key: 'place',
      label: t('coverage.place'),
      primary: true,
      render: (r) => <Link to={hrefFor(r, view)}>{r.name}</Link>,
    },
    { key: 'share', label: t('coverage.share'), render: (r) => formatShare(r.share, lang) },
    { key: 'numerator', label: t('coverage.numerator'), render: (r) => formatCount(r.numerator, lang) },
    { key: 'population', label: t('coverage.population'), render: (r) => formatCount(r.population, lang) },
    { key: 'status', label: t('coverage.statusLabel'), render: (r) => <StatusBadge status={r.status} /> },
  ];
  return (
    <DataTable
      caption={t('coverage.rankingCaption', { indicator: localizedText(indicator.title, lang) })}
      showCaption
      columns={columns}
      rows={ranking.data.rows}
      rowKey={(r) => `${r.kind}:${r.id ?? ''}`}
    />
  );
}
