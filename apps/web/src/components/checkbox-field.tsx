import type { InputHTMLAttributes } from 'react';
import { FieldError } from './field-error';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  id: string;
  label: string;
  hint?: string;
  /** What is wrong, said before the box and tied to it (`${id}-error`), as FieldFrame does for text fields. */
  error?: string;
}

/** A native checkbox with its label beside it (the whole label is a big target), an optional hint and error. */
export function CheckboxField({ id, label, hint, error, ...input }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'checkbox-field field--invalid' : 'checkbox-field'}>
      {error && <FieldError id={errorId}>{error}</FieldError>}
      <div className="checkbox">
        <input
          id={id}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p className="field__hint checkbox-field__hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
