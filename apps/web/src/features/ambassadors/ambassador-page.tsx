import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ambassadorsApi, communityQueries } from '../../api/ambassadors-api';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { apiPrefix } from '../../api/query';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CommunityError } from './community-error';
import { InvitationLinkPanel } from './invitation-link-panel';
import { MenteeList } from './mentee-list';

/**
 * "Đại sứ số": the required courses and the way in (apply, or wait for approval); for an ambassador the
 * invitation link with its QR code, the people guided toward the goal of five, the badge and the mentees'
 * progress; for everyone, the ambassadors guiding them, which they may stop.
 */
export function AmbassadorPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const page = useApiQuery(communityQueries.ambassador(lang));
  const mine = useApiQuery(communityQueries.mentorships());
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('ambassadors.ambassador.title'));

  async function act(work: () => Promise<unknown>, done: string) {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      await work();
      setMessage(done);
      invalidate(apiPrefix('/me/ambassador'), apiPrefix('/me/mentorships'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const data = page.data;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('ambassadors.ambassador.title')}</h1>
        <p className="lead">{t('ambassadors.ambassador.intro')}</p>
      </header>
      <LiveMessage>{message}</LiveMessage>
      {error !== undefined && <CommunityError error={error} />}
      {page.error !== undefined && <CommunityError error={page.error} />}
      {!data && page.error === undefined && <Loading />}
      {data && (
        <>
          <section className="panel stack-sm" aria-labelledby="amb-requirements">
            <h2 id="amb-requirements">{t('ambassadors.ambassador.requirementsTitle')}</h2>
            <ul className="stack-xs">
              {data.requirements.map((r) => (
                <li key={r.courseId}>
                  <span aria-hidden="true">{r.completed ? '✓ ' : '○ '}</span>
                  <Link to={`/courses/${r.courseId}`}>{r.title}</Link>{' '}
                  <span className="muted">
                    ({t(r.completed ? 'ambassadors.ambassador.done' : 'ambassadors.ambassador.notDone')})
                  </span>
                </li>
              ))}
            </ul>
            <p>
              <strong>{t(`ambassadors.ambassador.standing.${data.standing}`)}</strong>
            </p>
            {data.standing === 'eligible' &&
              (data.placed ? (
                <p>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() =>
                      void act(() => ambassadorsApi.nominate(), t('ambassadors.ambassador.nominated'))
                    }
                  >
                    {t('ambassadors.ambassador.nominate')}
                  </button>
                </p>
              ) : (
                <p>
                  {t('ambassadors.ambassador.notPlaced')} <Link to="/me/profile">{t('nav.profile')}</Link>
                </p>
              ))}
          </section>

          {data.standing === 'active' && (
            <>
              <section className="panel stack-sm" aria-labelledby="amb-progress">
                <h2 id="amb-progress">{t('ambassadors.ambassador.progressTitle', { goal: data.goal })}</h2>
                <label className="stack-xs">
                  <span>{t('ambassadors.ambassador.progressLabel')}</span>
                  <progress max={data.goal} value={Math.min(data.guided, data.goal)} />
                </label>
                <p>
                  <strong>
                    {t('ambassadors.ambassador.progressText', { guided: data.guided, goal: data.goal })}
                  </strong>
                </p>
                {data.badge && (
                  <div className="stack-xs">
                    <h3>{t('ambassadors.ambassador.badgeTitle')}</h3>
                    <p>{t(`ambassadors.ambassador.badge.${data.badge.status}`)}</p>
                    {data.badge.certificateId && data.badge.status === 'valid' && (
                      <p>
                        <Link to={`/verify/${data.badge.certificateId}`}>
                          {t('ambassadors.ambassador.verifyBadge')}
                        </Link>
                      </p>
                    )}
                  </div>
                )}
              </section>
              <section className="panel stack-sm" aria-labelledby="amb-invite">
                <h2 id="amb-invite">{t('ambassadors.ambassador.inviteTitle')}</h2>
                <p>{t('ambassadors.ambassador.inviteIntro')}</p>
                <p className="muted">
                  {t('ambassadors.ambassador.limits', { perDay: data.limits.perDay, open: data.limits.open })}
                </p>
                <InvitationLinkPanel create={() => ambassadorsApi.invite()} />
              </section>
              <MenteeList />
            </>
          )}
        </>
      )}
      {mine.data && mine.data.items.length > 0 && (
        <section className="panel stack-sm" aria-labelledby="amb-mine">
          <h2 id="amb-mine">{t('ambassadors.ambassador.myAmbassadorsTitle')}</h2>
          <ul className="card-list" role="list">
            {mine.data.items.map((m) => (
              <li key={m.id} className="card stack-xs">
                <h3 className="card__title">{m.ambassadorName}</h3>
                <p className="muted">
                  {m.endedAt
                    ? t('ambassadors.ambassador.ended', { date: formatDate(m.endedAt, lang) })
                    : t('ambassadors.ambassador.since', { date: formatDate(m.acceptedAt, lang) })}
                </p>
                {!m.endedAt && (
                  <p>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={busy}
                      onClick={() =>
                        void act(
                          () => ambassadorsApi.endMentorship(m.id),
                          t('ambassadors.ambassador.endedNotice'),
                        )
                      }
                    >
                      {t('ambassadors.ambassador.end')}
                      <span className="visually-hidden">: {m.ambassadorName}</span>
                    </button>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
