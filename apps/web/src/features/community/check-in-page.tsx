import type { Attendance, CommunitySession } from '@hocvuso/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { communityApi } from '../../api/community-api';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { communityError } from './community-error';

/** The phone's position, or null when it cannot be had (denied, unavailable, too slow). */
function currentPosition(): Promise<{ latitude: number; longitude: number; accuracy: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) =>
        resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

/**
 * A learner checks in: from the host's QR (the address carries the session and the code) or by typing the
 * code. Where the session has the coordinates of its place, the phone's position goes with it.
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const sessionId = params.get('s') ?? undefined;
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [session, setSession] = useState<CommunitySession>();
  const [busy, setBusy] = useState<'locating' | 'saving'>();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<Attendance>();
  usePageTitle(t('community.checkIn.title'));

  useEffect(() => {
    if (!sessionId) return;
    const controller = new AbortController();
    communityApi.session(sessionId, controller.signal).then(setSession, () => undefined);
    return () => controller.abort();
  }, [sessionId]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    let position = null;
    if (session && session.latitude !== null) {
      setBusy('locating');
      position = await currentPosition();
      if (!position) {
        setBusy(undefined);
        setError(t('community.checkIn.locationDenied'));
        return;
      }
    }
    setBusy('saving');
    try {
      setDone(await communityApi.checkIn({ ...(sessionId ? { sessionId } : {}), code, position }));
    } catch (e) {
      setError(communityError(t, e));
    } finally {
      setBusy(undefined);
    }
  }

  if (done)
    return (
      <div className="stack-lg">
        <h1>{t('community.checkIn.title')}</h1>
        <div className="notice notice--success" role="status">
          <p className="notice__title">
            <span aria-hidden="true">✓ </span>
            {t(done.created ? 'community.checkIn.done' : 'community.checkIn.already', {
              topic: done.session.topic,
            })}
          </p>
          <p>
            {formatDateTime(done.session.startsAt, lang)} · {done.session.place}
          </p>
          <p>{t('community.checkIn.doneBody')}</p>
        </div>
      </div>
    );

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('community.checkIn.title')}</h1>
        {session ? (
          <p className="lead">
            {session.topic} · {formatDateTime(session.startsAt, lang)} · {session.place}
          </p>
        ) : (
          <p className="lead">{t('community.checkIn.intro')}</p>
        )}
      </header>
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          id="check-in-code"
          label={t('community.checkIn.code')}
          hint={t('community.checkIn.codeHint')}
          autoComplete="off"
          autoCapitalize="characters"
          maxLength={12}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <p>
          <button type="submit" className="button button--large" disabled={busy !== undefined}>
            {busy === 'locating'
              ? t('community.checkIn.locating')
              : busy === 'saving'
                ? t('community.checkIn.saving')
                : t('community.checkIn.submit')}
          </button>
        </p>
      </form>
    </div>
  );
}
