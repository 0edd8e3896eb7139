import type { CheckInCode } from '@hocvuso/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { communityApi } from '../../api/community-api';
import { isApiError } from '../../api/client';
import { groupedCode } from './session-time';

/**
 * The host's rotating check-in code: a big high-contrast QR of the check-in page's address on this origin, and
 * the code as text for typing. It asks for the next code when the current one rotates (the server says when).
 */
export function CheckInQr({ sessionId, topic }: { sessionId: string; topic: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<CheckInCode>();
  const [svg, setSvg] = useState<string>();
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    communityApi.checkInCode(sessionId, controller.signal).then(
      (next) => {
        setCode(next);
        const wait = Math.min(Math.max(new Date(next.rotatesAt).getTime() - Date.now() + 250, 1000), 60_000);
        timer = setTimeout(() => setTick((n) => n + 1), next.phase === 'open' ? wait : 60_000);
      },
      (e: unknown) => {
        if (isApiError(e) && e.code === 'NETWORK_ERROR')
          timer = setTimeout(() => setTick((n) => n + 1), 10_000);
      },
    );
    return () => {
      controller.abort();
      if (timer) clearTimeout(timer);
    };
  }, [sessionId, tick]);

  useEffect(() => {
    let live = true;
    if (!code?.path) {
      setSvg(undefined);
      return;
    }
    const url = `${window.location.origin}${code.path}`;
    void import('qrcode').then(async (QR) => {
      const text = await QR.toString(url, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
        color: { dark: '#000000', light: '#ffffff' },
      });
      if (live) setSvg(text);
    });
    return () => {
      live = false;
    };
  }, [code?.path]);

  if (!code) return null;
  if (code.phase !== 'open')
    return <p className="notice notice--info">{t(`community.host.phase.${code.phase}`)}</p>;
  return (
    <div className="stack-sm check-in-qr">
      {svg && (
        <img
          className="check-in-qr__image"
          src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
          alt={t('community.host.qrAlt', { topic })}
          data-check-in-path={code.path}
          width={320}
          height={320}
        />
      )}
      <p>
        {t('community.host.codeLabel')}:{' '}
        <strong className="check-in-qr__code" data-testid="check-in-code">
          {groupedCode(code.code)}
        </strong>
      </p>
      <p className="muted">{t('community.host.rotates')}</p>
    </div>
  );
}
