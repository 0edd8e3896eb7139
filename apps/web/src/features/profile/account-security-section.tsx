import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { identityAssurance } from './identity-assurance';

/**
 * Whether an identity provider verified who the learner is (and at which level), the providers linked to the
 * account, and the way to the signed-in devices and to the learner's data.
 */
export function AccountSecuritySection() {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useSession();
  if (!me) return null;
  const verified = me.identityVerified;
  const assurance = identityAssurance(me);
  return (
    <section className="stack" aria-labelledby="account-security-heading">
      <h2 id="account-security-heading">{t('accountSecurity.heading')}</h2>
      <div className="panel stack-sm">
        <p className={verified ? 'status status--completed' : 'status status--not_started'}>
          <span aria-hidden="true">{verified ? '✓ ' : '○ '}</span>
          {verified ? t('accountSecurity.verified') : t('accountSecurity.notVerified')}
        </p>
        {assurance && <p>{t('accountSecurity.verifiedBy', { ...assurance })}</p>}
        {!verified && <p className="muted">{t('accountSecurity.notVerifiedHint')}</p>}
        {me.linkedProviders.length > 0 && (
          <div className="stack-xs">
            <h3>{t('accountSecurity.linkedHeading')}</h3>
            <ul className="card-list" role="list">
              {me.linkedProviders.map((link) => (
                <li key={link.provider} className="card stack-xs">
                  <p className="card__title">{link.name}</p>
                  <dl className="facts facts--compact">
                    <div>
                      <dt>{t('accountSecurity.lastAssurance')}</dt>
                      <dd>{link.acr ?? t('sessions.noAcr')}</dd>
                    </div>
                    {link.authTime && (
                      <div>
                        <dt>{t('accountSecurity.lastAuthTime')}</dt>
                        <dd>{formatDateTime(link.authTime, lang)}</dd>
                      </div>
                    )}
                    <div>
                      <dt>{t('accountSecurity.linkedAt')}</dt>
                      <dd>{formatDate(link.linkedAt, lang)}</dd>
                    </div>
                  </dl>
                </li>
              ))}
            </ul>
          </div>
        )}
        <ul className="stack-xs">
          <li>
            <Link to="/me/sessions">{t('accountSecurity.sessionsLink')}</Link>
          </li>
          <li>
            <Link to="/me/privacy">{t('accountSecurity.privacyLink')}</Link>
          </li>
        </ul>
      </div>
    </section>
  );
}
