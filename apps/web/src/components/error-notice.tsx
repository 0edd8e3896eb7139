import { useTranslation } from 'react-i18next';
import { errorId, errorMessage } from './error-message';

interface ErrorNoticeProps {
  error: unknown;
  /** Shows a "Try again" button when given. */
  onRetry?: () => void;
}

/** A translated, friendly error with an optional retry; announced to screen readers at once. */
export function ErrorNotice({ error, onRetry }: ErrorNoticeProps) {
  const { t } = useTranslation();
  const id = errorId(error);
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">
        <span aria-hidden="true">⚠ </span>
        {t('errors.title')}
      </p>
      <p>{errorMessage(t, error)}</p>
      {id && <p className="muted">{t('errors.errorId', { id })}</p>}
      {onRetry && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      )}
    </div>
  );
}
