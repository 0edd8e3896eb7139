import { useTranslation } from 'react-i18next';

/** A calm loading line; the status role lets screen readers know something is happening. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      <span className="loading__dot" aria-hidden="true" />
      {label ?? t('app.loading')}
    </p>
  );
}
