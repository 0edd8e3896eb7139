import type { Attendee, SessionPerson } from '@hocvuso/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './community.css';
import { Link, useParams } from 'react-router';
import { communityApi } from '../../api/community-api';
import { communityChangedBy } from '../../api/community-queries';
import { isApiError } from '../../api/client';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { useInvalidate } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { formatDateTime, localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CheckInQr } from './check-in-qr';
import { communityError } from './community-error';
import {
  emptyOffline,
  enqueue,
  loadOffline,
  type OfflineSession,
  saveOffline,
  sendQueue,
  type SendResult,
} from './offline-session';

const isOffline = (e: unknown) => isApiError(e) && e.code === 'NETWORK_ERROR';

/**
 * The host's page of one session: the rotating QR, the attendees, and checking in a person without a phone. It
 * keeps a copy of the session and attendees on the phone and queues check-ins made offline (offline-session.ts).
 */
export function SessionHostPage() {
  const { sessionId = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const [state, setState] = useState<OfflineSession | undefined>(() => loadOffline(localStorage, sessionId));
  const [offline, setOffline] = useState(false);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  usePageTitle(state?.session.topic ?? t('community.sessions.title'));

  const update = useCallback((next: OfflineSession) => {
    saveOffline(localStorage, next);
    setState(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const [session, attendees] = await Promise.all([
        communityApi.session(sessionId),
        communityApi.attendees(sessionId),
      ]);
      const stored = loadOffline(localStorage, sessionId) ?? emptyOffline(session);
      let next: OfflineSession = { ...stored, session, attendees: attendees.items };
      next = await sendQueue(next, (item) => send(sessionId, item));
      if (next.queue.length !== stored.queue.length) invalidate(...communityChangedBy.attendance(sessionId));
      update(next);
      setOffline(false);
      setError(undefined);
    } catch (e) {
      if (isOffline(e)) setOffline(true);
      else setError(communityError(t, e));
    }
  }, [sessionId, t, update, invalidate]);

  useEffect(() => {
    void refresh();
    const onOnline = () => void refresh();
    window.addEventListener('online', onOnline);
    const timer = setInterval(() => void refresh(), 30_000);
    return () => {
      window.removeEventListener('online', onOnline);
      clearInterval(timer);
    };
  }, [refresh]);

  async function checkIn(person: SessionPerson) {
    if (!state) return;
    setMessage(undefined);
    setError(undefined);
    const item = {
      userId: person.userId,
      displayName: person.displayName,
      idempotencyKey: newIdempotencyKey(),
      queuedAt: new Date().toISOString(),
    };
    const result = await send(sessionId, item);
    if (result.kind === 'sent') {
      const attendees = state.attendees.some((a) => a.userId === result.attendee.userId)
        ? state.attendees
        : [...state.attendees, result.attendee];
      update({ ...state, attendees });
      invalidate(...communityChangedBy.attendance(sessionId));
      setMessage(t('community.host.checkedIn', { name: person.displayName }));
      // The list also shows whoever scanned the QR meanwhile.
      void refresh();
    } else if (result.kind === 'retry') {
      update(enqueue(state, item));
      setOffline(true);
      setMessage(t('community.host.queued', { name: person.displayName }));
    } else setError(t(`community.errors.${result.code}` as 'community.errors.LEARNER_NOT_FOUND'));
  }

  if (!state)
    return error ? (
      <p className="notice notice--error" role="alert">
        {error}
      </p>
    ) : (
      <Loading />
    );
  const { session } = state;
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{session.topic}</h1>
        <p>
          {formatDateTime(session.startsAt, lang)} – {formatDateTime(session.endsAt, lang)} · {session.place}{' '}
          ({session.unitName})
        </p>
        <p className="muted">{localizedText(session.lessonTitle ?? session.courseTitle, lang)}</p>
      </header>
      {offline && <p className="notice notice--info">{t('community.host.offline')}</p>}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      <section className="panel stack" aria-labelledby="qr-title">
        <h2 id="qr-title">{t('community.host.qrTitle')}</h2>
        {session.cancelled ? (
          <p className="notice notice--info">{t('community.host.phase.cancelled')}</p>
        ) : (
          <CheckInQr sessionId={session.id} topic={session.topic} />
        )}
      </section>
      <LiveMessage>{message}</LiveMessage>
      <PersonSearch sessionId={session.id} onCheckIn={(p) => void checkIn(p)} />
      <AttendeeList state={state} />
      <p>
        <Link to="/admin/community-sessions">{t('community.form.back')}</Link>
      </p>
    </div>
  );
}

async function send(
  sessionId: string,
  item: { userId: string; idempotencyKey: string; displayName: string },
): Promise<SendResult> {
  try {
    const a = await communityApi.hostCheckIn(sessionId, {
      userId: item.userId,
      idempotencyKey: item.idempotencyKey,
    });
    const attendee: Attendee = {
      userId: a.userId,
      displayName: item.displayName,
      method: a.method,
      at: a.at,
    };
    return { kind: 'sent', attendee };
  } catch (e) {
    if (isOffline(e) || (isApiError(e) && e.status >= 500)) return { kind: 'retry' };
    return { kind: 'refused', code: isApiError(e) ? e.code : 'UNEXPECTED' };
  }
}

function PersonSearch({
  sessionId,
  onCheckIn,
}: {
  sessionId: string;
  onCheckIn: (p: SessionPerson) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SessionPerson[]>();
  const [error, setError] = useState<string>();

  async function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    if (q.trim().length < 2) return;
    try {
      setFound((await communityApi.people(sessionId, q.trim())).items);
    } catch (e) {
      setError(communityError(t, e));
    }
  }

  return (
    <section className="panel stack" aria-labelledby="help-title">
      <h2 id="help-title">{t('community.host.helpTitle')}</h2>
      <p>{t('community.host.helpIntro')}</p>
      <form className="stack-sm" role="search" onSubmit={(e) => void onSearch(e)}>
        <TextField
          id="session-person-search"
          type="search"
          label={t('community.host.search')}
          value={q}
          maxLength={100}
          onChange={(e) => setQ(e.target.value)}
        />
        <p>
          <button type="submit" className="button button--secondary">
            {t('community.host.searchButton')}
          </button>
        </p>
      </form>
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {found?.length === 0 && <p>{t('community.host.searchEmpty')}</p>}
      {found && found.length > 0 && (
        <ul className="stack-sm" role="list">
          {found.map((p) => (
            <li key={p.userId}>
              <button type="button" className="button" onClick={() => onCheckIn(p)}>
                {t('community.host.checkIn', { name: p.displayName })}
                {p.phoneEnd && ` (${t('community.host.phoneEnd', { digits: p.phoneEnd })})`}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/admin/registrations">{t('community.host.register')}</Link>
      </p>
    </section>
  );
}

function AttendeeList({ state }: { state: OfflineSession }) {
  const { t } = useTranslation();
  const lang = useLang();
  const count = state.attendees.length;
  return (
    <section className="stack" aria-labelledby="attendees-title">
      <h2 id="attendees-title">{t('community.host.attendeesTitle', { count })}</h2>
      {count === 0 && state.queue.length === 0 && <p>{t('community.host.noAttendees')}</p>}
      <ul className="stack-sm" role="list" data-testid="attendees">
        {state.attendees.map((a) => (
          <li key={a.userId}>
            {a.displayName} — {t(`community.host.method.${a.method}`)} · {formatDateTime(a.at, lang)}
          </li>
        ))}
        {state.queue.map((q) => (
          <li key={q.idempotencyKey}>
            {q.displayName} — <strong>{t('community.host.pending')}</strong>
          </li>
        ))}
        {state.refused.map((q) => (
          <li key={q.idempotencyKey}>
            {q.displayName} — <strong>{t('community.host.refused')}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
