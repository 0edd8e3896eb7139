import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import './campaigns.css';
import { campaignsQueries } from '../../api/campaigns-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { useCan } from '../../session/capabilities';

/** The campaigns of the reader's area (or of their own unit), newest first; managers start new ones here. */
export function CampaignListPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const canManage = useCan('campaign.manage');
  const campaigns = useApiQuery(campaignsQueries.list(), { fresh: true });
  usePageTitle(t('campaigns.list.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('campaigns.list.title')}</h1>
        <p className="lead">{t('campaigns.list.intro')}</p>
        {canManage && (
          <p className="cluster">
            <Link
              className="button button--large"
              to="/admin/campaigns/new?template=national-digital-learning-day"
            >
              {t('campaigns.list.fromFestival')}
            </Link>{' '}
            <Link className="button button--secondary" to="/admin/campaigns/new">
              {t('campaigns.list.blank')}
            </Link>
          </p>
        )}
      </header>
      <section className="stack" aria-labelledby="campaigns-list">
        <h2 id="campaigns-list">{t('campaigns.list.listTitle')}</h2>
        {campaigns.loading && !campaigns.data && <Loading />}
        {campaigns.error !== undefined && <ErrorNotice error={campaigns.error} onRetry={campaigns.reload} />}
        {campaigns.data?.items.length === 0 && <p>{t('campaigns.list.empty')}</p>}
        <ul className="stack" role="list">
          {campaigns.data?.items.map((c) => (
            <li key={c.id} className="panel stack-sm">
              <h3>
                <Link to={`/admin/campaigns/${c.id}`}>{lang === 'en' ? c.name.en : c.name.vi}</Link>
              </h3>
              <p>
                {t('campaigns.period', { from: c.startsOn, to: c.endsOn })} ·{' '}
                {t(`campaigns.phase.${c.phase}`)}
              </p>
              <p className="muted">{t('campaigns.list.units', { count: c.units.length })}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
