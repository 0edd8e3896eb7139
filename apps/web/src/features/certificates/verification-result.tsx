import type { VerificationResponse } from '@hocvuso/contracts';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { competencyLink } from './competency-link';
import { VERDICT_LOOK } from './verdict';
import { VerdictIcon } from './verdict-icon';

interface VerificationResultProps {
  result: VerificationResponse;
  /** Links to download the certificate, under the claims (only for certificates verified by their id). */
  downloads?: ReactNode;
  /** The heading id, so the caller can move focus to the verdict once it arrives. */
  headingId?: string;
  /** The text was not a credential at all (read in the browser): there are no checks to list. */
  notChecked?: boolean;
}

/**
 * A verification answer for anyone (an employer, an official, the learner): the verdict first, big, with an
 * icon and words (never colour alone), then every claim of the certificate in plain language, then what was
 * checked.
 */
export function VerificationResult(props: VerificationResultProps) {
  const { result, downloads, headingId = 'verdict-heading', notChecked = false } = props;
  const { t } = useTranslation();
  const lang = useLang();
  const look = VERDICT_LOOK[result.verdict];
  const claims = result.claims;
  // Signed by an issuer this platform trusts: its competency addresses were written by this platform.
  const trusted = result.checks.signature && result.checks.issuerAllowed;
  const issuerName = claims?.issuer.name ?? t('verify.unknownIssuerName');

  return (
    <div className="stack-lg">
      <section className={`verdict verdict--${look.tone}`} aria-labelledby={headingId}>
        <VerdictIcon icon={look.icon} />
        <div className="stack-xs">
          <p className="verdict__label">{t('verify.resultLabel')}</p>
          <h2 id={headingId} className="verdict__title" tabIndex={-1}>
            {t(`verify.verdict.${result.verdict}.title`)}
          </h2>
          <p>{t(`verify.verdict.${result.verdict}.body`, { issuer: issuerName })}</p>
        </div>
      </section>

      {claims && (
        <section className="panel stack-sm" aria-labelledby="claims-heading">
          <h2 id="claims-heading">{t('verify.claimsHeading')}</h2>
          {result.verdict !== 'valid' && <p className="muted">{t('verify.claimsCaution')}</p>}
          <dl className="facts">
            <div>
              <dt>{t('verify.recipient')}</dt>
              <dd>{claims.recipientName ?? t('verify.noName')}</dd>
            </div>
            <div>
              <dt>{t('verify.achievement')}</dt>
              <dd>{claims.achievement || t('verify.notGiven')}</dd>
            </div>
            {claims.description && (
              <div>
                <dt>{t('verify.description')}</dt>
                <dd>{claims.description}</dd>
              </div>
            )}
            {claims.competencies.length > 0 && (
              <div>
                <dt>{t('verify.competencies')}</dt>
                <dd>
                  <ul className="competencies" role="list">
                    {claims.competencies.map((c) => (
                      <li key={`${c.framework}:${c.code}`}>
                        <CompetencyName competency={c} trusted={trusted} />{' '}
                        <span className="muted">({[c.code, c.level].filter(Boolean).join(', ')})</span>
                        {c.framework && <span className="competency__framework">{c.framework}</span>}
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            )}
            <div>
              <dt>{t('verify.issuer')}</dt>
              <dd>{issuerName}</dd>
            </div>
            <div>
              <dt>{t('verify.validFrom')}</dt>
              <dd>{claims.validFrom ? formatDate(claims.validFrom, lang) : t('verify.notGiven')}</dd>
            </div>
            <div>
              <dt>{t('verify.validUntil')}</dt>
              <dd>{claims.validUntil ? formatDate(claims.validUntil, lang) : t('verify.noExpiry')}</dd>
            </div>
            <div>
              <dt>{t('verify.credentialId')}</dt>
              <dd className="break-all" translate="no">
                {claims.credentialId}
              </dd>
            </div>
          </dl>
          {downloads}
        </section>
      )}

      {!notChecked && (
        <section className="stack-sm" aria-labelledby="checks-heading">
          <h2 id="checks-heading">{t('verify.checksHeading')}</h2>
          <ul className="checks" role="list">
            <Check
              ok={result.checks.signature}
              text={t(`verify.checks.signature.${result.checks.signature}`)}
            />
            <Check
              ok={result.checks.issuerAllowed}
              text={t(`verify.checks.issuer.${result.checks.issuerAllowed}`)}
            />
            <Check
              ok={result.checks.validity === 'ok'}
              text={t(`verify.checks.validity.${result.checks.validity}`)}
            />
            <Check
              ok={
                result.checks.status === 'ok' ? true : result.checks.status === 'unknown' ? undefined : false
              }
              text={t(`verify.checks.status.${result.checks.status}`)}
            />
          </ul>
          {result.errors.length > 0 && (
            <details className="disclosure-details">
              <summary>{t('verify.technicalDetails')}</summary>
              <ul lang="en" className="technical">
                {result.errors.map((error) => (
                  <li key={error}>{error}</li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </div>
  );
}

/** One check, as words with an icon: passed (✓), failed (✗) or not possible to tell (?). */
function Check({ ok, text }: { ok: boolean | undefined; text: string }) {
  const state = ok === undefined ? 'unknown' : ok ? 'ok' : 'bad';
  return (
    <li className={`check check--${state}`}>
      <span className="check__icon" aria-hidden="true">
        {state === 'unknown' ? '?' : ok ? '✓' : '✗'}
      </span>
      <span>{text}</span>
    </li>
  );
}

/** A competency's name, linked to its framework page when the certificate points to this platform's own. */
function CompetencyName({
  competency,
  trusted,
}: {
  competency: { name: string; code: string; url: string | null };
  trusted: boolean;
}) {
  const to = competencyLink(competency.url, window.location.origin, trusted);
  const name = competency.name || competency.code;
  return to ? <Link to={to}>{name}</Link> : <>{name}</>;
}
