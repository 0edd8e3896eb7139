import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';

interface ConflictNoticeProps {
  busy: boolean;
  onReload: () => void;
  onOverwrite: () => void;
  ref?: Ref<HTMLDivElement>;
}

/**
 * Someone saved the course after this page loaded it. Nothing is thrown away on its own: the teacher's text
 * stays on screen until they choose to load the latest version (dropping theirs) or to save theirs over it.
 */
export function ConflictNotice({ busy, onReload, onOverwrite, ref }: ConflictNoticeProps) {
  const { t } = useTranslation();
  return (
    <div className="notice notice--warning stack-sm" role="alert" tabIndex={-1} ref={ref}>
      <p className="notice__title">{t('teaching.conflict.title')}</p>
      <p>{t('teaching.conflict.body')}</p>
      <p>{t('teaching.conflict.choose')}</p>
      <div className="button-grid">
        <button type="button" className="button button--secondary" disabled={busy} onClick={onReload}>
          {t('teaching.conflict.reload')}
        </button>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onOverwrite}>
          {t('teaching.conflict.overwrite')}
        </button>
      </div>
    </div>
  );
}
