import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * What is wrong with a field, shown before its control and tied to it by `id` (the control's
 * aria-describedby): a warning sign for the eye and "Lỗi:" ("Error:") for screen readers, so the message is
 * never told by colour alone.
 */
export function FieldError({ id, children }: { id?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p className="field__error" id={id}>
      <span aria-hidden="true">⚠ </span>
      <span className="visually-hidden">{t('auth.errorPrefix')} </span>
      {children}
    </p>
  );
}
