import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** What a control inside a FieldFrame must carry so its label, hint and error reach assistive technology. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  /** Renders the control with the id and aria attributes it must carry. */
  children: (control: FieldControlProps) => ReactNode;
}

/**
 * The label, hint and error around one form control, tied to it with `aria-describedby` (the error first, so
 * screen readers say what is wrong before how to fill it in). TextField and TextAreaField are built on it.
 */
export function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--invalid' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && <FieldError id={errorId}>{error}</FieldError>}
      {children({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
      })}
    </div>
  );
}
