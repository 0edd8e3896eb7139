import type { HouseholdIndicator } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { communityQueries } from '../../api/ambassadors-api';
import { useApiQuery } from '../../api/use-api-query';
import { type Column, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatCount, formatShare } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

type Row = HouseholdIndicator['unit'];

const shareOf = (row: Row) => (row.households === 0 ? null : row.withTrainedGuide / row.households);

/**
 * The digital-family figure beside the plan's indicators (docs/ambassadors-and-families.md): households with at least
 * one trained member who guides others, for the place and each unit right below it. A household is not a person,
 * so this is a separate figure, counts only, never names.
 */
export function HouseholdsPanel({ unitId }: { unitId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const figure = useApiQuery(communityQueries.householdIndicator(unitId));
  if (figure.error) return <ErrorNotice error={figure.error} onRetry={figure.reload} />;
  if (!figure.data) return <Loading />;
  const { unit, children } = figure.data;
  const columns: Array<Column<Row>> = [
    { key: 'place', label: t('coverage.place'), primary: true, render: (row) => row.name },
    {
      key: 'households',
      label: t('coverage.households.households'),
      render: (row) => formatCount(row.households, lang),
    },
    {
      key: 'guided',
      label: t('coverage.households.withTrainedGuide'),
      render: (row) => formatCount(row.withTrainedGuide, lang),
    },
    { key: 'share', label: t('coverage.share'), render: (row) => formatShare(shareOf(row), lang) },
  ];
  return (
    <div className="stack-sm">
      <p>
        {unit.households === 0
          ? t('coverage.households.none', { place: unit.name })
          : t('coverage.households.summary', {
              place: unit.name,
              guided: formatCount(unit.withTrainedGuide, lang),
              households: formatCount(unit.households, lang),
              share: formatShare(shareOf(unit), lang),
            })}
      </p>
      {children.length > 0 && (
        <DataTable
          caption={t('coverage.households.caption')}
          showCaption
          columns={columns}
          rows={children}
          rowKey={(row) => row.unitId}
        />
      )}
    </div>
  );
}
