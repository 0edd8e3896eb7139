import type { CertificateSummary } from '@hocvuso/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { accountQueries } from '../../api/account-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { canShareLink, shareLink, type ShareData } from '../../components/share/share-link';
import './certificates.css';

const STATUS_ICON: Record<CertificateSummary['status'], string> = {
  issuing: '◐',
  valid: '✓',
  revoked: '✗',
  suspended: '⚠',
  failed: '!',
};

/** The learner's certificates: download the PDF or the signed file, share the verification link. */
export function MyCertificatesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const certificates = useApiQuery(accountQueries.myCertificates(lang));
  // Said next to the button that was pressed, and announced, e.g. "Link copied".
  const [announcement, setAnnouncement] = useState<{ id: string; text: string }>();
  usePageTitle(t('certificates.title'));

  async function share(certificate: CertificateSummary) {
    setAnnouncement(undefined);
    const outcome = await shareLink(shareData(certificate));
    if (outcome === 'cancelled') return;
    setAnnouncement({
      id: certificate.id,
      text:
        outcome === 'shared'
          ? t('certificates.shared', { title: certificate.courseTitle })
          : outcome === 'copied'
            ? t('certificates.copied', { title: certificate.courseTitle })
            : t('certificates.copyFailed', { url: certificate.verifyUrl }),
    });
  }

  function shareData(certificate: CertificateSummary): ShareData {
    return {
      title: certificate.courseTitle,
      text: t('certificates.shareText', { title: certificate.courseTitle }),
      url: certificate.verifyUrl,
    };
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('certificates.title')}</h1>
        <p className="lead">{t('certificates.intro')}</p>
      </header>
      {certificates.error !== undefined && (
        <ErrorNotice error={certificates.error} onRetry={certificates.reload} />
      )}
      {!certificates.data && certificates.error === undefined && <Loading />}
      {certificates.data &&
        (certificates.data.items.length === 0 ? (
          <div className="panel stack-sm">
            <p>{t('certificates.empty')}</p>
            <p>
              <Link className="button" to="/me/learning">
                {t('certificates.goLearning')}
              </Link>
            </p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {certificates.data.items.map((certificate) => (
              <CertificateCard
                key={certificate.id}
                certificate={certificate}
                message={announcement?.id === certificate.id ? announcement.text : undefined}
                onShare={() => void share(certificate)}
                canShare={canShareLink(
                  typeof navigator === 'undefined' ? undefined : navigator,
                  shareData(certificate),
                )}
              />
            ))}
          </ul>
        ))}
      {certificates.data?.items.some((c) => c.status !== 'issuing' && c.status !== 'failed') && (
        <p className="hint">{t('certificates.signedFileHint')}</p>
      )}
      {certificates.data?.items.some((c) => c.status === 'issuing') && (
        <p>
          <button type="button" className="button button--secondary" onClick={certificates.reload}>
            {t('certificates.refresh')}
          </button>
        </p>
      )}
    </div>
  );
}

interface CertificateCardProps {
  certificate: CertificateSummary;
  /** What the last action on this certificate said ("Link copied"), announced politely. */
  message?: string;
  onShare: () => void;
  /** The browser has a share sheet (phones): the button shares; else it copies the link. */
  canShare: boolean;
}

function CertificateCard({ certificate, message, onShare, canShare }: CertificateCardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  // A failed issuance has no signed file or PDF yet, like one still being issued.
  const issued = certificate.status !== 'issuing' && certificate.status !== 'failed';
  const forCourse = <span className="visually-hidden">: {certificate.courseTitle}</span>;
  return (
    <li className={`card stack-sm certificate certificate--${certificate.status}`}>
      <h2 className="card__title">{certificate.courseTitle}</h2>
      <p className={`status status--certificate-${certificate.status}`}>
        <span aria-hidden="true">{STATUS_ICON[certificate.status]} </span>
        {t('certificates.statusLabel', { status: t(`certificates.status.${certificate.status}`) })}
      </p>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('certificates.serial')}</dt>
          <dd translate="no">{certificate.serial}</dd>
        </div>
        <div>
          <dt>{t('certificates.issuedAt')}</dt>
          <dd>{certificate.issuedAt ? formatDate(certificate.issuedAt, lang) : t('certificates.notYet')}</dd>
        </div>
      </dl>
      {issued ? (
        <div className="button-grid">
          <a className="button" href={certificate.pdfUrl} download>
            {t('certificates.downloadPdf')}
            {forCourse}
          </a>
          <a className="button button--secondary" href={`${certificate.credentialUrl}?download=1`} download>
            {t('certificates.downloadJson')}
            {forCourse}
          </a>
          <button type="button" className="button button--secondary" onClick={onShare}>
            {t(canShare ? 'certificates.share' : 'certificates.copyLink')}
            {forCourse}
          </button>
          <Link className="button button--secondary" to={`/verify/${encodeURIComponent(certificate.id)}`}>
            {t('certificates.viewVerification')}
            {forCourse}
          </Link>
        </div>
      ) : (
        <p className="notice notice--info">{t('certificates.issuingHint')}</p>
      )}
      <LiveMessage>{message}</LiveMessage>
    </li>
  );
}
