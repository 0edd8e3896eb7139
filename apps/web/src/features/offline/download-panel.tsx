import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../components/error-notice';
import {
  canDownload,
  type DownloadProgress,
  downloadCourse,
  removeDownload,
  storageEstimate,
} from './course-download';
import { type DownloadedCourse, offlineDb } from './offline-db';
import { usePendingCount } from './use-pending-count';

/** Megabytes, one decimal, in the page's language. */
const mb = (bytes: number, lang: string) =>
  new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(bytes / 1_000_000);

/**
 * "Học không cần mạng" on the course page of an enrolled learner: download the course (with a progress bar and
 * the storage used before and after), see when it was downloaded, and remove it. Nothing is downloaded until
 * the learner presses the button.
 */
export function OfflineDownloadPanel({ courseId }: { courseId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { me } = useSession();
  const userId = me?.id;
  const [record, setRecord] = useState<DownloadedCourse | null>();
  const [progress, setProgress] = useState<DownloadProgress>();
  const [before, setBefore] = useState<{ usage: number; quota: number }>();
  const [after, setAfter] = useState<{ usage: number; quota: number }>();
  const [error, setError] = useState<unknown>();
  const pending = usePendingCount(userId);
  const supported = canDownload();

  useEffect(() => {
    if (!userId || !supported) return;
    let live = true;
    void offlineDb.course(userId, courseId).then((r) => live && setRecord(r ?? null));
    void storageEstimate().then((e) => live && setBefore(e));
    return () => {
      live = false;
    };
  }, [userId, courseId, supported]);

  const onDownload = useCallback(async () => {
    if (!userId) return;
    setError(undefined);
    setBefore(await storageEstimate());
    setProgress({ done: 0, total: 1 });
    try {
      setRecord(await downloadCourse(userId, courseId, lang, setProgress));
      setAfter(await storageEstimate());
    } catch (e) {
      setError(e);
    } finally {
      setProgress(undefined);
    }
  }, [userId, courseId, lang]);

  const onRemove = useCallback(async () => {
    if (!userId) return;
    await removeDownload(userId, courseId);
    setRecord(null);
    setAfter(await storageEstimate());
  }, [userId, courseId]);

  if (!userId || !supported) return null;
  const downloading = progress !== undefined;
  const estimate = after ?? before;

  return (
    <section className="panel stack-sm offline-panel" aria-labelledby="offline-heading">
      <h2 id="offline-heading">{t('offline.heading')}</h2>
      <p className="hint">{t('offline.intro')}</p>
      {estimate && (
        <p>
          {t(after ? 'offline.storageAfter' : 'offline.storageBefore', {
            used: mb(estimate.usage, lang),
            quota: mb(estimate.quota, lang),
          })}
        </p>
      )}
      {downloading && (
        <div className="stack-sm">
          <label htmlFor="offline-progress">{t('offline.downloading')}</label>
          <progress id="offline-progress" max={progress.total} value={progress.done}>
            {t('offline.progressText', { done: progress.done, total: progress.total })}
          </progress>
        </div>
      )}
      <div role="status">
        {record && !downloading && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('offline.downloaded', {
              time: formatDateTime(record.downloadedAt, lang),
              size: mb(record.bytes, lang),
            })}
          </p>
        )}
        {pending > 0 && <p className="notice notice--info">{t('offline.pending', { count: pending })}</p>}
      </div>
      {error !== undefined && <ErrorNotice error={error} />}
      {!downloading && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => void onDownload()}>
            {record ? t('offline.downloadAgain') : t('offline.download')}
          </button>
          {record && (
            <button type="button" className="button button--secondary" onClick={() => void onRemove()}>
              {t('offline.remove')}
            </button>
          )}
        </div>
      )}
    </section>
  );
}
