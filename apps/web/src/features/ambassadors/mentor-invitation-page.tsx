import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ambassadorsApi } from '../../api/ambassadors-api';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { CommunityError } from './community-error';
import { useInvitation } from './use-invitation';

/**
 * The page an ambassador's link or QR code opens (the token is in the address's fragment, never sent to a
 * server log). The person reads who invites them and what that person will see, then accepts or declines.
 */
export function MentorInvitationPage() {
  const { t } = useTranslation();
  const { token, preview, error, busy, act } = useInvitation(ambassadorsApi.preview);
  const [answer, setAnswer] = useState<'accepted' | 'declined'>();
  usePageTitle(t('ambassadors.mentorInvite.title'));

  async function accept() {
    if (await act(() => ambassadorsApi.accept(token))) setAnswer('accepted');
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
