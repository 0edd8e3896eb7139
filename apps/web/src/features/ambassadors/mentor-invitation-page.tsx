import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ambassadorsApi } from '../../api/ambassadors-api';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { CommunityError } from './community-error';

/**
 * The page an ambassador's link or QR code opens (the token is in the address's fragment, never sent to a
 * server log). The person reads who invites them and what that person will see, then accepts or declines.
 */
export function MentorInvitationPage() {
  const { t } = useTranslation();
  const { hash } = useLocation();
  const token = decodeURIComponent(hash.replace(/^#/, ''));
  const [preview, setPreview] = useState<{ ambassadorName: string }>();
  const [error, setError] = useState<unknown>();
  const [answer, setAnswer] = useState<'accepted' | 'declined'>();
  const [busy, setBusy] = useState(false);
  usePageTitle(t('ambassadors.mentorInvite.title'));

  useEffect(() => {
    if (!token) return;
    let live = true;
    ambassadorsApi.preview(token).then(
      (p) => live && setPreview(p),
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [token]);

  async function accept() {
    setBusy(true);
    setError(undefined);
    try {
      await ambassadorsApi.accept(token);
      setAnswer('accepted');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const name = preview?.ambassadorName ?? '';
  return (
    <div className="stack-lg">
      <h1>{t('ambassadors.mentorInvite.title')}</h1>
      <LiveMessage>
        {answer === 'accepted'
          ? t('ambassadors.mentorInvite.accepted', { name })
          : answer === 'declined'
            ? t('ambassadors.mentorInvite.declined')
            : undefined}
      </LiveMessage>
      {!token && <p className="notice notice--error">{t('ambassadors.mentorInvite.noToken')}</p>}
      {error !== undefined && <CommunityError error={error} />}
      {token && !preview && error === undefined && <Loading />}
      {preview && !answer && (
        <div className="panel stack-sm">
          <p className="lead">{t('ambassadors.mentorInvite.from', { name })}</p>
          <p>{t('ambassadors.mentorInvite.what', { name })}</p>
          <p className="cluster">
            <button type="button" className="button" disabled={busy} onClick={() => void accept()}>
              {t('ambassadors.mentorInvite.accept')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => setAnswer('declined')}
            >
              {t('ambassadors.mentorInvite.decline')}
            </button>
          </p>
        </div>
      )}
      {answer === 'accepted' && (
        <p>
          <Link to="/dai-su-so">{t('ambassadors.ambassador.title')}</Link>
        </p>
      )}
    </div>
  );
}
