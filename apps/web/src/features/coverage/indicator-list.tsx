import type { CoverageResponse } from '@hocvuso/contracts';
import { formatCount, formatShare } from '../../i18n/format';
import { useTranslation } from 'react-i18next';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { meterValue, targetParts } from './coverage-format';
import { StatusBadge } from './status-badge';

type Row = CoverageResponse['indicators'][number];

/**
 * Each indicator of the plan for the place: how many people it counts against the official population, the
 * share with a meter marked at the target, the target in words, the gap and the status; registered accounts
 * stand beside it under their own name (they are never the denominator).
 */
export function IndicatorList({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (rows.length === 0) return <p>{t('coverage.noIndicators')}</p>;
  return (
    <ul className="coverage-indicators" aria-label={t('coverage.indicatorsLabel')}>
      {rows.map((row) => {
        const target = row.target ? targetParts(row.target, lang) : null;
        const targetShare = row.target?.share;
        return (
          <li key={row.code} className="coverage-indicator">
            <h3 className="coverage-indicator__title">
              {localizedText(row.indicator.title, lang)}
              {row.indicator.provisional && (
                <span className="badge badge--provisional">{t('coverage.provisional')}</span>
              )}
            </h3>
            <p className="coverage-indicator__figure">
              <strong>
                {row.share != null ? formatShare(row.share, lang) : formatCount(row.numerator, lang)}
              </strong>{' '}
              <StatusBadge status={row.status} />
            </p>
            {row.share != null && (
              <div className="coverage-meter" aria-hidden="true">
                <div className="coverage-meter__fill" style={{ width: `${meterValue(row) * 100}%` }} />
                {targetShare != null && (
                  <div
                    className="coverage-meter__target"
                    style={{ left: `${Math.min(1, targetShare) * 100}%` }}
                  />
                )}
              </div>
            )}
            <dl className="coverage-facts">
              <div>
                <dt>{t('coverage.numerator')}</dt>
                <dd>{formatCount(row.numerator, lang)}</dd>
              </div>
              <div>
                <dt>{t('coverage.population')}</dt>
                <dd>
                  {row.population
                    ? t('coverage.populationValue', {
                        value: formatCount(row.population.value, lang),
                        period: row.population.period,
                        source: row.population.source,
                      })
                    : row.indicator.denominator === 'none'
                      ? t('coverage.noDenominator')
                      : t('coverage.noPopulation')}
                </dd>
              </div>
              <div>
                <dt>{t('coverage.registered')}</dt>
                <dd>{formatCount(row.registered, lang)}</dd>
              </div>
              {target && (
                <div>
                  <dt>{t('coverage.target')}</dt>
                  <dd>
                    {t(`coverage.targetText.${target.comparison}`, { goal: target.goal, by: target.by })}
                  </dd>
                </div>
              )}
              {row.gap != null && row.gap > 0 && (
                <div>
                  <dt>{t('coverage.gap')}</dt>
                  <dd>{t('coverage.gapValue', { count: row.gap, value: formatCount(row.gap, lang) })}</dd>
                </div>
              )}
            </dl>
            {row.exceedsPopulation && (
              <p className="notice notice--warning">{t('coverage.exceedsPopulation')}</p>
            )}
            <p className="coverage-indicator__source">
              {t('coverage.source', {
                document: row.indicator.source.document,
                section: row.indicator.source.section,
              })}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
