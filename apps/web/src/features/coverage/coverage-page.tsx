import { TARGET_GROUPS } from '@hocvuso/domain';
import { formatDay } from '../../i18n/format';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { coverageQueries } from '../../api/coverage-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { formatDateTime, localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { ChildrenPanel } from './children-panel';
import { subGroupKey, subGroupsOf } from './coverage-format';
import { hrefFor, viewOf } from './coverage-params';
import { HouseholdsPanel } from './households-panel';
import { IndicatorList } from './indicator-list';
import { RankingPanel } from './ranking-panel';
import { TrendPanel } from './trend-panel';
import './coverage.css';

/**
 * Coverage against the plan's targets for one place (the caller's own by default): every indicator with its
 * target, then the places one level down (drill-down), the trend month by month and the emulation ranking on a
 * chosen indicator. Each chart has its table; the address keeps the place and filters, so a view can be shared.
 */
export function CoveragePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const ids = useId();
  const [params, setParams] = useSearchParams();
  const view = viewOf(params);
  const coverage = useApiQuery(coverageQueries.coverage(view.query));
  const data = coverage.data;
  usePageTitle(data ? t('coverage.titleOf', { place: data.place.name }) : t('coverage.title'));

  if (isApiError(coverage.error) && coverage.error.status === 404)
    return <NotFound message={t('coverage.notFound')} />;

  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'targetGroup') next.delete('subGroup');
    setParams(next, { replace: true });
  };

  const chosen =
    data?.indicators.find((row) => row.code === view.indicator) ??
    data?.indicators.find((row) => row.indicator.denominator === 'population') ??
    data?.indicators[0];
  const subGroups = subGroupsOf(view.query.targetGroup);

  return (
    <div className="stack coverage-page">
      {data && data.trail.length > 1 && (
        <nav aria-label={t('coverage.trailLabel')} className="coverage-trail">
          <ol>
            {data.trail.map((place, i) => (
              <li key={`${place.kind}:${place.id ?? ''}`}>
                {i < data.trail.length - 1 ? (
                  <Link to={hrefFor(place, view)}>{place.name}</Link>
                ) : (
                  <span aria-current="page">{place.name}</span>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h1>{data ? t('coverage.titleOf', { place: data.place.name }) : t('coverage.title')}</h1>
      {data && (
        <p className="coverage-asof">
          {t('coverage.asOf', { plan: localizedText(data.plan.title, lang), date: formatDay(data.asOf) })}{' '}
          {data.freshAt && t('coverage.freshAt', { time: formatDateTime(data.freshAt, lang) })}
        </p>
      )}
      <p>
        <Link to="/admin/coverage/populations">{t('coverage.populationsLink')}</Link>
      </p>

      <form
        className="panel coverage-filters"
        onSubmit={(e) => e.preventDefault()}
        aria-label={t('coverage.filters')}
      >
        <SelectField
          id={`${ids}-group`}
          label={t('coverage.targetGroup')}
          value={view.query.targetGroup ?? ''}
          onChange={(e) => setParam('targetGroup', e.target.value)}
          options={[
            { value: '', label: t('coverage.planGroups') },
            ...TARGET_GROUPS.map((g) => ({ value: g, label: t(`targetGroup.${g}`) })),
          ]}
        />
        {subGroups.length > 0 && (
          <SelectField
            id={`${ids}-sub`}
            label={t('coverage.subGroup')}
            value={view.query.subGroup ?? ''}
            onChange={(e) => setParam('subGroup', e.target.value)}
            options={[
              { value: '', label: t('coverage.wholeGroup') },
              ...subGroups.map((code) => ({ value: code, label: t(subGroupKey(code)) })),
            ]}
          />
        )}
      </form>

      {coverage.error ? (
        <ErrorNotice error={coverage.error} onRetry={coverage.reload} />
      ) : !data ? (
        <Loading />
      ) : (
        <>
          <section aria-labelledby={`${ids}-indicators`} className="stack">
            <h2 id={`${ids}-indicators`}>{t('coverage.indicatorsHeading')}</h2>
            <IndicatorList rows={data.indicators} />
          </section>
          {chosen && (
            <>
              <div className="panel">
                <SelectField
                  id={`${ids}-indicator`}
                  label={t('coverage.compareOn')}
                  value={chosen.code}
                  onChange={(e) => setParam('indicator', e.target.value)}
                  options={data.indicators.map((row) => ({
                    value: row.code,
                    label: localizedText(row.indicator.title, lang),
                  }))}
                />
              </div>
              <section aria-labelledby={`${ids}-children`} className="stack">
                <h2 id={`${ids}-children`}>{t('coverage.childrenHeading')}</h2>
                <ChildrenPanel
                  places={data.children}
                  indicator={chosen.indicator}
                  targetShare={chosen.target?.share ?? null}
                  view={view}
                />
              </section>
              <section aria-labelledby={`${ids}-trend`} className="stack">
                <h2 id={`${ids}-trend`}>{t('coverage.trendHeading')}</h2>
                <TrendPanel query={view.query} indicator={chosen.indicator} />
              </section>
              <section aria-labelledby={`${ids}-ranking`} className="stack">
                <h2 id={`${ids}-ranking`}>{t('coverage.rankingHeading')}</h2>
                <RankingPanel query={view.query} indicator={chosen.indicator} view={view} />
              </section>
            </>
          )}
          {data.place.kind === 'unit' && data.place.id && (
            <section aria-labelledby={`${ids}-households`} className="stack">
              <h2 id={`${ids}-households`}>{t('coverage.households.heading')}</h2>
              <HouseholdsPanel unitId={data.place.id} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
