import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { LeagueTable } from '@hocvuso/contracts';
import './campaigns.css';
import { campaignsApi } from '../../api/campaigns-api';
import { campaignsChangedBy, campaignsQueries } from '../../api/campaigns-queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { campaignsError } from './campaigns-error';

const formatNumber = (n: number | null, lang: string) =>
  n === null
    ? '—'
    : new Intl.NumberFormat(lang === 'en' ? 'en' : 'vi', { maximumFractionDigits: 2 }).format(n);

/**
 * A campaign's league table (rank, points, each indicator's value and points), computed live; once the period is
 * over a manager closes it, and the awards (units, and people with their Open Badges) appear below.
 */
export function LeaguePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { campaignId = '' } = useParams();
  const invalidate = useInvalidate();
  // The same page serves the admin area and learners of a participating unit (/thi-dua/:campaignId).
  const inAdmin = useLocation().pathname.startsWith('/admin/');
  const campaign = useApiQuery(campaignsQueries.one(campaignId));
  const league = useApiQuery(campaignsQueries.league(campaignId), { fresh: true });
  const awards = useApiQuery(campaignsQueries.awards(campaignId), {
    enabled: campaign.data?.phase === 'closed',
  });
  const [confirming, setConfirming] = useState(false);
  const [closing, setClosing] = useState(false);
  const [error, setError] = useState<string>();
  const name = campaign.data ? (lang === 'en' ? campaign.data.name.en : campaign.data.name.vi) : '';
  usePageTitle(name || t('campaigns.league.title'));

  async function onClose() {
    setClosing(true);
    setError(undefined);
    try {
      awards.setData(await campaignsApi.close(campaignId));
      invalidate(...campaignsChangedBy.any());
      setConfirming(false);
    } catch (e) {
      setError(campaignsError(t, e));
      setConfirming(false);
    } finally {
      setClosing(false);
    }
  }

  if (campaign.error !== undefined) return <ErrorNotice error={campaign.error} onRetry={campaign.reload} />;
  if (!campaign.data) return <Loading />;
  const c = campaign.data;
  const indicators = c.rule.terms.map((term) => term.indicator);
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{name}</h1>
        <p className="lead">
          {t('campaigns.period', { from: c.startsOn, to: c.endsOn })} · {t(`campaigns.phase.${c.phase}`)}
        </p>
        <p className="muted">
          {t('campaigns.league.rule', {
            terms: c.rule.terms
              .map(
                (term) =>
                  `${t(`campaigns.indicators.${term.indicator}`)} × ${formatNumber(term.weight, lang)}` +
                  (term.cap === null
                    ? ''
                    : ` (${t('campaigns.league.capShort', { cap: formatNumber(term.cap, lang) })})`),
              )
              .join('; '),
          })}
        </p>
      </header>
      <section className="stack" aria-labelledby="league-title">
        <h2 id="league-title">{t('campaigns.league.title')}</h2>
        {league.loading && !league.data && <Loading />}
        {league.error !== undefined && <ErrorNotice error={league.error} onRetry={league.reload} />}
        {league.data && (
          <p className="muted">
            {t('campaigns.league.computedAt', { at: new Date(league.data.computedAt).toLocaleString(lang) })}
          </p>
        )}
        {league.data && (
          <DataTable
            caption={t('campaigns.league.caption', {
              name,
              at: new Date(league.data.computedAt).toLocaleString(lang),
            })}
            rows={league.data.rows}
            rowKey={(row) => row.unitId}
            columns={[
              {
                key: 'unit',
                label: t('campaigns.league.unit'),
                primary: true,
                render: (row) => row.unitName,
              },
              { key: 'rank', label: t('campaigns.league.rank'), render: (row) => row.rank },
              {
                key: 'points',
                label: t('campaigns.league.points'),
                render: (row) => formatNumber(row.points, lang),
              },
              ...indicators.map((indicator, i) => ({
                key: indicator,
                label: t(`campaigns.indicators.${indicator}`),
                render: (row: LeagueTable['rows'][number]) => {
                  const score = row.scores[i];
                  if (!score) return '—';
                  const value =
                    score.value === null
                      ? t('campaigns.league.noPopulation')
                      : indicator === 'trained_share' || indicator === 'trained_growth'
                        ? `${formatNumber(score.value, lang)} %`
                        : formatNumber(score.value, lang);
                  return (
                    t('campaigns.league.cell', { value, points: formatNumber(score.points, lang) }) +
                    (score.capped ? ` ${t('campaigns.league.capped')}` : '')
                  );
                },
              })),
            ]}
          />
        )}
      </section>
      {c.canManage && c.phase === 'ended' && (
        <section className="panel stack-sm" aria-labelledby="close-title">
          <h2 id="close-title">{t('campaigns.close.title')}</h2>
          <p>{t('campaigns.close.intro', { units: c.topUnits, people: c.topPeople })}</p>
          <p>
            <button type="button" className="button button--large" onClick={() => setConfirming(true)}>
              {t('campaigns.close.button')}
            </button>
          </p>
        </section>
      )}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('campaigns.close.confirmTitle')}
        description={t('campaigns.close.confirmBody')}
        confirmLabel={t('campaigns.close.button')}
        busyLabel={t('campaigns.close.busy')}
        cancelLabel={t('campaigns.close.cancel')}
        busy={closing}
        onConfirm={() => void onClose()}
        onCancel={() => setConfirming(false)}
      />
      {awards.data && awards.data.closedAt !== null && (
        <section className="stack" aria-labelledby="awards-title">
          <h2 id="awards-title">{t('campaigns.awards.title')}</h2>
          <h3>{t('campaigns.awards.units')}</h3>
          {awards.data.units.length === 0 ? (
            <p>{t('campaigns.awards.none')}</p>
          ) : (
            <ol className="stack-sm">
              {awards.data.units.map((u) => (
                <li key={u.unitId}>
                  {t('campaigns.awards.unit', {
                    rank: u.rank,
                    name: u.unitName,
                    points: formatNumber(u.points, lang),
                  })}
                  {u.signatureValid && ` · ${t('campaigns.awards.signed')}`}
                </li>
              ))}
            </ol>
          )}
          <h3>{t('campaigns.awards.people')}</h3>
          {awards.data.people.length === 0 ? (
            <p>{t('campaigns.awards.none')}</p>
          ) : (
            <ol className="stack-sm">
              {awards.data.people.map((p, i) => (
                <li key={`${p.rank}-${i}`}>
                  {t('campaigns.awards.person', { rank: p.rank, name: p.displayName, count: p.guided })}{' '}
                  {p.certificateId ? (
                    <Link to={`/verify/${p.certificateId}`}>{t('campaigns.awards.badge')}</Link>
                  ) : (
                    <span className="muted">{t('campaigns.awards.badgePending')}</span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
      {inAdmin && (
        <p>
          <Link to="/admin/campaigns">{t('campaigns.back')}</Link>
        </p>
      )}
    </div>
  );
}
