import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { credentialDownloadUrl } from '../../api/account-api';
import { isApiError } from '../../api/client';
import { accountQueries } from '../../api/account-queries';
import { useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { canChangeCertificateStatus } from '../admin';
import { CertificateStatusForm } from './certificate-status-form';
import { VerificationResult } from './verification-result';
import './certificates.css';

/**
 * /verify/:id — the public page a certificate's QR code and share link open. Anyone can read it without an
 * account. Province and system administrators also get the form to revoke, suspend or reinstate.
 */
export function VerifyPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const { me } = useSession();
  const result = useApiQuery(accountQueries.verifyCertificate(id, lang));
  const changed = useRef(false);
  usePageTitle(t('verify.title'));

  // After a status change the verdict is read again; take the reader to the new verdict.
  useEffect(() => {
    if (changed.current && result.data && !result.loading) {
      changed.current = false;
      document.getElementById('verdict-heading')?.focus();
    }
  }, [result.data, result.loading]);

  const code = isApiError(result.error) ? result.error.code : undefined;
  if (code === 'CERTIFICATE_NOT_FOUND' || code === 'ROUTE_NOT_FOUND') return <CertificateNotFound />;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('verify.title')}</h1>
        <p className="lead">{t('verify.intro')}</p>
      </header>
      {code === 'CERTIFICATE_NOT_ISSUED' ? (
        <div className="notice notice--info stack-sm">
          <p className="notice__title">{t('verify.issuingTitle')}</p>
          <p>{t('verify.issuingBody')}</p>
          <button type="button" className="button button--secondary" onClick={result.reload}>
            {t('verify.checkAgain')}
          </button>
        </div>
      ) : (
        result.error !== undefined && <ErrorNotice error={result.error} onRetry={result.reload} />
      )}
      {!result.data && result.error === undefined && <Loading label={t('verify.checking')} />}
      {result.data && (
        <div aria-busy={result.loading}>
          <VerificationResult
            result={result.data}
            downloads={
              <p className="button-row">
                <a className="button button--secondary" href={credentialDownloadUrl(id)} download>
                  {t('certificates.downloadJson')}
                </a>
                <a
                  className="button button--secondary"
                  href={`/api/credentials/${encodeURIComponent(id)}/pdf`}
                  download
                >
                  {t('certificates.downloadPdf')}
                </a>
              </p>
            }
          />
        </div>
      )}
      {result.data && canChangeCertificateStatus(me) && (
        <CertificateStatusForm
          certificateId={id}
          status={result.data.checks.status}
          onChanged={() => {
            changed.current = true;
            result.reload();
          }}
        />
      )}
      <p>
        <Link to="/verify">{t('verify.checkAnother')}</Link>
      </p>
    </div>
  );
}

function CertificateNotFound() {
  const { t } = useTranslation();
  usePageTitle(t('verify.notFoundTitle'));
  return (
    <section className="stack">
      <h1>{t('verify.notFoundTitle')}</h1>
      <div className="notice notice--warning stack-sm">
        <p className="notice__title">
          <span aria-hidden="true">? </span>
          {t('verify.notFoundLead')}
        </p>
        <p>{t('verify.notFoundBody')}</p>
      </div>
      <p className="button-row">
        <Link className="button" to="/verify">
          {t('verify.pasteInstead')}
        </Link>
        <Link className="button button--secondary" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
