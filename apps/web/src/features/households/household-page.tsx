import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyHousehold } from '@hocvuso/contracts';
import { communityQueries, householdsApi } from '../../api/ambassadors-api';
import { useApiQuery } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CommunityError, InvitationLinkPanel } from '../ambassadors';

/**
 * "Gia đình số": the caller's household, for its members only: who learned what, who guides, who guides the
 * caller; an invitation link that the invited person accepts themselves; starting or leaving a household.
 */
export function HouseholdPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const codeId = useId();
  const guideId = useId();
  const mine = useApiQuery(communityQueries.household(lang));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();
  usePageTitle(t('ambassadors.household.title'));

  async function run(work: () => Promise<MyHousehold | unknown>, done: string, reload = false) {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    try {
      const result = await work();
      if (result && typeof result === 'object' && 'household' in result) mine.setData(result as MyHousehold);
      if (reload) mine.reload();
      setMessage(done);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function onCreate(e: FormEvent) {
    e.preventDefault();
    void run(() => householdsApi.create(lang, code.trim() || undefined), t('ambassadors.household.title'));
  }

  const household = mine.data?.household;
  const me = household?.members.find((m) => m.me);
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('ambassadors.household.title')}</h1>
        <p className="lead">{t('ambassadors.household.intro')}</p>
      </header>
      <LiveMessage>{message}</LiveMessage>
      {error !== undefined && <CommunityError error={error} />}
      {mine.error !== undefined && <CommunityError error={mine.error} />}
      {!mine.data && mine.error === undefined && <Loading />}
      {mine.data && !household && (
        <form className="panel stack-sm" onSubmit={onCreate}>
          <p>{t('ambassadors.household.none')}</p>
          <label htmlFor={codeId}>{t('ambassadors.household.codeLabel')}</label>
          <input
            id={codeId}
            className="input"
            type="text"
            maxLength={40}
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <p>
            <button type="submit" className="button" disabled={busy}>
              {t('ambassadors.household.create')}
            </button>
          </p>
          <p className="muted">{t('ambassadors.household.joinHint')}</p>
        </form>
      )}
      {household && (
        <>
          <section className="panel stack-sm" aria-labelledby="hh-summary">
            <h2 id="hh-summary">{t('ambassadors.household.code', { code: household.code })}</h2>
            <p>{t('ambassadors.household.unit', { unit: household.unit.name })}</p>
            <p>
              <strong>
                <span aria-hidden="true">{household.hasTrainedGuide ? '✓ ' : '○ '}</span>
                {t(
                  household.hasTrainedGuide
                    ? 'ambassadors.household.hasGuide'
                    : 'ambassadors.household.noGuide',
                )}
              </strong>
            </p>
          </section>
          <section className="panel stack-sm" aria-labelledby="hh-members">
            <h2 id="hh-members">{t('ambassadors.household.membersTitle')}</h2>
            <ul className="card-list" role="list">
              {household.members.map((m) => (
                <li key={m.userId} className="card stack-xs">
                  <h3 className="card__title">
                    {m.displayName} {m.me && <span className="muted">{t('ambassadors.household.you')}</span>}
                  </h3>
                  <p className="cluster">
                    {m.trained && <span className="tag">{t('ambassadors.household.trained')}</span>}
                    {m.guides && <span className="tag">{t('ambassadors.household.guides')}</span>}
                    {m.ambassador && <span className="tag">{t('ambassadors.household.ambassador')}</span>}
                  </p>
                  <p>
                    {m.completedCourses.length > 0
                      ? t('ambassadors.household.completedCourses', {
                          list: formatList(
                            m.completedCourses.map((c) => c.title),
                            lang,
                          ),
                        })
                      : t('ambassadors.household.noCompleted')}
                  </p>
                  <p className="muted">
                    {t('ambassadors.household.inProgress', { count: m.coursesInProgress })}
                  </p>
                </li>
              ))}
            </ul>
            {me && household.members.length > 1 && (
              <div className="stack-xs">
                <label htmlFor={guideId}>{t('ambassadors.household.guideLabel')}</label>
                <select
                  id={guideId}
                  className="input"
                  value={me.guidedBy ?? ''}
                  disabled={busy}
                  onChange={(e) =>
                    void run(
                      () => householdsApi.guide(lang, e.target.value || null),
                      t('ambassadors.household.guideSaved'),
                    )
                  }
                >
                  <option value="">{t('ambassadors.household.guideNobody')}</option>
                  {household.members
                    .filter((m) => !m.me)
                    .map((m) => (
                      <option key={m.userId} value={m.userId}>
                        {m.displayName}
                      </option>
                    ))}
                </select>
              </div>
            )}
          </section>
          <section className="panel stack-sm" aria-labelledby="hh-invite">
            <h2 id="hh-invite">{t('ambassadors.household.inviteTitle')}</h2>
            <p>{t('ambassadors.household.inviteIntro')}</p>
            <InvitationLinkPanel create={() => householdsApi.invite()} />
          </section>
          <p>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void run(() => householdsApi.leave(), t('ambassadors.household.left'), true)}
            >
              {t('ambassadors.household.leave')}
            </button>
          </p>
        </>
      )}
    </div>
  );
}
