import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveMessage } from '../../components/live-message';
import { copyText } from '../../components/share/copy-text';
import { canShareLink, shareLink, type ShareData } from '../../components/share/share-link';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { CommunityError } from './community-error';

export interface InvitationLink {
  url: string;
  expiresAt: string;
}

/**
 * Makes an invitation link on demand and shows it three ways: the address (to copy), a QR code (to scan from
 * the screen; the QR library loads only here) and the phone's own share sheet (Web Share API) where there is one.
 */
export function InvitationLinkPanel({ create }: { create: () => Promise<InvitationLink> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const fieldId = useId();
  const [link, setLink] = useState<InvitationLink>();
  const [qr, setQr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    if (!link) return;
    let live = true;
    void import('qrcode').then(async (QRCode) => {
      const svg = await QRCode.toString(link.url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
      if (live) setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    });
    return () => {
      live = false;
    };
  }, [link]);

  async function make() {
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    setQr(undefined);
    try {
      setLink(await create());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const shareData = (url: string): ShareData => ({
    title: t('ambassadors.link.shareTitle'),
    text: t('ambassadors.link.shareText'),
    url,
  });

  async function share(url: string) {
    // The share sheet where there is one (closing it is not a failure), else the clipboard: shareLink's rule.
    const outcome = await shareLink(shareData(url));
    if (outcome === 'copied') setMessage(t('ambassadors.link.copied'));
    if (outcome === 'failed') document.getElementById(fieldId)?.focus();
  }

  async function copy(url: string) {
    // Where neither the clipboard nor the fallback works, the address stays selectable in the field above.
    if (await copyText(url)) setMessage(t('ambassadors.link.copied'));
    else document.getElementById(fieldId)?.focus();
  }

  return (
    <div className="stack-sm">
      <p>
        <button type="button" className="button" disabled={busy} onClick={() => void make()}>
          {t('ambassadors.link.create')}
        </button>
      </p>
      {error !== undefined && <CommunityError error={error} />}
      <LiveMessage>{message}</LiveMessage>
      {link && (
        <div className="panel stack-sm">
          <label htmlFor={fieldId}>{t('ambassadors.link.label')}</label>
          <input
            id={fieldId}
            className="input"
            type="text"
            readOnly
            value={link.url}
            onFocus={(e) => e.target.select()}
          />
          <p className="muted">
            {t('ambassadors.link.expires', { time: formatDateTime(link.expiresAt, lang) })}
          </p>
          {qr && (
            <img
              src={qr}
              alt={t('ambassadors.link.qrAlt')}
              width={220}
              height={220}
              className="invitation-qr"
            />
          )}
          <p className="cluster">
            {canShareLink(navigator, shareData(link.url)) && (
              <button type="button" className="button button--secondary" onClick={() => void share(link.url)}>
                {t('ambassadors.link.share')}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void copy(link.url)}>
              {t('ambassadors.link.copy')}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
