import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyUpdate, onUpdateWaiting } from './service-worker-registration';

/** "Có phiên bản mới — Tải lại": shown when a new version of the app is installed and waiting. */
export function UpdatePrompt() {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState<ServiceWorker>();
  useEffect(() => onUpdateWaiting(setWaiting), []);
  if (!waiting) return null;
  return (
    <div className="update-prompt notice notice--info" role="status">
      <span>{t('offline.updateAvailable')}</span>{' '}
      <button type="button" className="button" onClick={() => applyUpdate(waiting)}>
        {t('offline.reload')}
      </button>
    </div>
  );
}
