import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorNotice } from '../../components/error-notice';

/**
 * An error of the ambassador and household pages: their own codes (invitation used, expired, caps…) in plain
 * words from this section, anything else as the shell's notice.
 */
export function CommunityError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  const key = isApiError(error) ? `ambassadors.errors.${error.code}` : undefined;
  if (!key || !i18n.exists(key)) return <ErrorNotice error={error} />;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">
        <span aria-hidden="true">⚠ </span>
        {t('errors.title')}
      </p>
      <p>{t(key as never)}</p>
    </div>
  );
}
