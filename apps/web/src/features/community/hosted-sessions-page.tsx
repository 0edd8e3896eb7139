import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { communityQueries } from '../../api/community-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime, localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/** A host's sessions: upcoming and recent ones of their communes, each a link to its page. */
export function HostedSessionsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const sessions = useApiQuery(communityQueries.hosted(), { fresh: true });
  usePageTitle(t('community.sessions.title'));
  const units = [...new Map((sessions.data?.items ?? []).map((s) => [s.unitId, s.unitName])).entries()];
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('community.sessions.title')}</h1>
        <p className="lead">{t('community.sessions.intro')}</p>
        <p>
          <Link className="button button--large" to="/admin/community-sessions/new">
            {t('community.sessions.new')}
          </Link>
        </p>
      </header>
      <section className="stack" aria-labelledby="sessions-list">
        <h2 id="sessions-list">{t('community.sessions.listTitle')}</h2>
        {sessions.loading && !sessions.data && <Loading />}
        {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
        {sessions.data?.items.length === 0 && <p>{t('community.sessions.empty')}</p>}
        <ul className="stack" role="list">
          {sessions.data?.items.map((s) => (
            <li key={s.id} className="panel stack-sm">
              <h3>
                <Link to={`/admin/community-sessions/${s.id}`}>{s.topic}</Link>
              </h3>
              <p>
                {t('community.sessions.when')}: {formatDateTime(s.startsAt, lang)} ·{' '}
                {t('community.sessions.where')}: {s.place} ({s.unitName})
              </p>
              <p className="muted">
                {localizedText(s.courseTitle, lang)} ·{' '}
                {t('community.sessions.attendees', { count: s.attendees })}
                {s.cancelled && <strong> · {t('community.sessions.cancelled')}</strong>}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {units.length > 0 && (
        <ul role="list">
          {units.map(([unitId, name]) => (
            <li key={unitId}>
              <a href={`/api/units/${unitId}/community-sessions.ics`}>
                {t('community.sessions.calendar')}: {name}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
