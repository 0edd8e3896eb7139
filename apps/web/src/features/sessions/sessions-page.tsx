import type { SessionItem } from '@hocvuso/contracts';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { accountApi } from '../../api/account-api';
import { isApiError } from '../../api/client';
import { accountQueries } from '../../api/account-queries';
import { useApiQuery } from '../../api/use-api-query';
import type { ShellState } from '../../session/shell-state';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type LinkedProvider, signInMethodOf } from './sign-in-method';
import { describeUserAgent } from './user-agent';

/** "Chrome trên Android", or what little can be told. */
function deviceName(t: TFunction, userAgent: string | null): string {
  const { browser, os } = describeUserAgent(userAgent);
  if (browser && os) return t('sessions.device', { browser, os });
  return browser ?? os ?? t('sessions.unknownDevice');
}

/** An already signed-out session is as good as signed out now. */
const alreadyGone = (e: unknown) => isApiError(e) && e.code === 'SESSION_NOT_FOUND';

/**
 * The phones and computers signed in to the account: what they are, when and how they signed in, and a way
 * to sign out one of them, all the others, or everywhere.
 */
export function SessionsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const sessions = useApiQuery(accountQueries.sessions());
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();
  const listHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(t('sessions.title'));

  const items = [...(sessions.data?.items ?? [])].sort((a, b) => Number(b.current) - Number(a.current));
  const others = items.filter((s) => !s.current);

  function start(what: string) {
    setBusy(what);
    setError(undefined);
    setAnnouncement(undefined);
  }

  async function signOutOne(session: SessionItem) {
    start(session.id);
    const name = deviceName(t, session.userAgent);
    try {
      await accountApi.signOutSession(session.id).catch((e: unknown) => {
        if (!alreadyGone(e)) throw e;
      });
      sessions.setData({ items: items.filter((s) => s.id !== session.id) });
      setAnnouncement(t('sessions.signedOutOne', { device: name }));
      // Its button is gone: keep the keyboard where it was, at the list.
      listHeading.current?.focus();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  async function signOutOthers() {
    start('others');
    try {
      const { signedOut } = await accountApi.signOutOthers();
      setAnnouncement(t('sessions.signedOutOthers', { count: signedOut }));
    } catch (e) {
      setError(e);
    }
    sessions.reload();
    setBusy(undefined);
    // The button goes away with the other devices: keep the keyboard at the list.
    listHeading.current?.focus();
  }

  async function signOutEverywhere() {
    start('everywhere');
    try {
      await accountApi.signOutEverywhere();
      const state: ShellState = { flash: 'signedOutEverywhere', sessionEnded: true };
      await navigate('/', { replace: true, state });
    } catch (e) {
      setError(e);
      setBusy(undefined);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('sessions.title')}</h1>
        <p className="lead">{t('sessions.intro')}</p>
      </header>
      {sessions.error !== undefined && <ErrorNotice error={sessions.error} onRetry={sessions.reload} />}
      {!sessions.data && sessions.error === undefined && <Loading />}
      {error !== undefined && <ErrorNotice error={error} />}
      <LiveMessage>{announcement}</LiveMessage>
      {sessions.data && (
        <>
          <section className="stack" aria-labelledby="sessions-list-heading">
            <div className="stack-xs">
              <h2 id="sessions-list-heading" ref={listHeading} tabIndex={-1}>
                {t('sessions.listHeading')}
              </h2>
              <p>{t('sessions.count', { count: items.length })}</p>
            </div>
            <ul className="card-list" role="list">
              {items.map((session) => (
                <SessionCard
                  key={session.id}
                  session={session}
                  linked={me?.linkedProviders ?? []}
                  busy={busy === session.id}
                  disabled={busy !== undefined}
                  onSignOut={() => void signOutOne(session)}
                />
              ))}
            </ul>
          </section>

          <section className="panel stack-sm" aria-labelledby="sessions-others-heading">
            <h2 id="sessions-others-heading">{t('sessions.othersHeading')}</h2>
            <p>{t('sessions.othersIntro')}</p>
            {others.length === 0 ? (
              <p className="muted">{t('sessions.noOthers')}</p>
            ) : (
              <p>
                <button
                  type="button"
                  className="button"
                  disabled={busy !== undefined}
                  onClick={() => void signOutOthers()}
                >
                  {busy === 'others' ? t('sessions.signingOut') : t('sessions.signOutOthers')}
                </button>
              </p>
            )}
          </section>

          <section className="panel stack-sm" aria-labelledby="sessions-everywhere-heading">
            <h2 id="sessions-everywhere-heading">{t('sessions.everywhereHeading')}</h2>
            <p>{t('sessions.everywhereIntro')}</p>
            <p>
              <button
                type="button"
                className="button button--secondary"
                disabled={busy !== undefined}
                onClick={() => void signOutEverywhere()}
              >
                {busy === 'everywhere' ? t('sessions.signingOut') : t('sessions.signOutEverywhere')}
              </button>
            </p>
          </section>
        </>
      )}
    </div>
  );
}

interface SessionCardProps {
  session: SessionItem;
  linked: readonly LinkedProvider[];
  busy: boolean;
  disabled: boolean;
  onSignOut: () => void;
}

function SessionCard({ session, linked, busy, disabled, onSignOut }: SessionCardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const name = deviceName(t, session.userAgent);
  const kind = describeUserAgent(session.userAgent).kind ?? 'unknown';
  const method = signInMethodOf(session, linked);
  return (
    <li className="card stack-sm">
      <h3 className="card__title">{name}</h3>
      {session.current && (
        <p className="status status--completed">
          <span aria-hidden="true">✓ </span>
          {t('sessions.thisDevice')}
        </p>
      )}
      <dl className="facts facts--compact">
        <div>
          <dt>{t('sessions.kindLabel')}</dt>
          <dd>{t(`sessions.kind.${kind}`)}</dd>
        </div>
        <div>
          <dt>{t('sessions.method')}</dt>
          <dd>
            {method.kind !== 'oidc'
              ? t(`sessions.methods.${method.kind}`)
              : method.provider
                ? t('sessions.methods.oidc', { provider: method.provider.name })
                : t('sessions.methods.oidcUnknown')}
            {method.kind === 'oidc' && method.assurance && (
              <>
                <br />
                {t('sessions.assurance', { acr: method.assurance.acr ?? t('sessions.noAcr') })}
                {method.assurance.authTime && (
                  <>
                    <br />
                    {t('sessions.authTime', { time: formatDateTime(method.assurance.authTime, lang) })}
                  </>
                )}
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('sessions.signedInAt')}</dt>
          <dd>{formatDateTime(session.createdAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('sessions.lastSeen')}</dt>
          <dd>{formatDateTime(session.lastSeenAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('sessions.expiresAt')}</dt>
          <dd>{formatDate(session.expiresAt, lang)}</dd>
        </div>
      </dl>
      {!session.current && (
        <p>
          <button type="button" className="button button--secondary" disabled={disabled} onClick={onSignOut}>
            {busy ? t('sessions.signingOut') : t('sessions.signOut')}
            <span className="visually-hidden">: {name}</span>
          </button>
        </p>
      )}
    </li>
  );
}
