import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { householdsApi } from '../../api/ambassadors-api';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { CommunityError, useInvitation } from '../ambassadors';

/** The page a household invitation link opens: who invites, what members will see, and the person's own answer. */
export function HouseholdInvitationPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { token, preview, error, busy, act } = useInvitation(householdsApi.preview);
  const [accepted, setAccepted] = useState(false);
  usePageTitle(t('ambassadors.householdInvite.title'));

  async function accept() {
    if (await act(() => householdsApi.accept(lang, token))) setAccepted(true);
  }

  return (
    <div className="stack-lg">
      <h1>{t('ambassadors.householdInvite.title')}</h1>
      <LiveMessage>{accepted ? t('ambassadors.householdInvite.accepted') : undefined}</LiveMessage>
      {!token && <p className="notice notice--error">{t('ambassadors.mentorInvite.noToken')}</p>}
      {error !== undefined && <CommunityError error={error} />}
      {token && !preview && error === undefined && <Loading />}
      {preview && !accepted && (
        <div className="panel stack-sm">
          <p className="lead">
            {t('ambassadors.householdInvite.from', { name: preview.inviterName, unit: preview.unitName })}
          </p>
          <p>{t('ambassadors.householdInvite.what')}</p>
          <p>
            <button type="button" className="button" disabled={busy} onClick={() => void accept()}>
              {t('ambassadors.householdInvite.accept')}
            </button>
          </p>
        </div>
      )}
      {accepted && (
        <p>
          <Link to="/gia-dinh-so">{t('ambassadors.householdInvite.open')}</Link>
        </p>
      )}
    </div>
  );
}
