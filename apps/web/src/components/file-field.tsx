import type { ChangeEvent, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldError } from './field-error';

interface FileFieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** e.g. "application/json,.json" or ".csv,text/csv". */
  accept: string;
  /** The chosen file's name, shown beside the button. */
  fileName?: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A file input whose button speaks the interface language ("Chọn tệp"), not the browser's: the native input
 * stays in the page (keyboard, screen readers and phone pickers work as usual) but is drawn as the button
 * label beside it, with the focus ring on that button and the chosen file's name after it.
 */
export function FileField({ id, label, hint, error, accept, fileName, onChange, ref }: FileFieldProps) {
  const { t } = useTranslation();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '', `${id}-name`]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <span className="field__label" id={`${id}-label`}>
        {label}
      </span>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && <FieldError id={`${id}-error`}>{error}</FieldError>}
      <div className="file-field">
        <input
          ref={ref}
          id={id}
          className="file-field__input"
          type="file"
          accept={accept}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          onChange={onChange}
        />
        <label htmlFor={id} id={`${id}-button`} className="button button--secondary file-field__button">
          {t('file.choose')}
        </label>
        <span className="file-field__name" id={`${id}-name`}>
          {fileName ?? t('file.none')}
        </span>
      </div>
    </div>
  );
}
