import type { InputHTMLAttributes } from 'react';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  id: string;
  label: string;
  hint?: string;
}

/** A native checkbox with its label beside it (the whole label is a big target) and an optional hint. */
export function CheckboxField({ id, label, hint, ...input }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="checkbox-field">
      <div className="checkbox">
        <input id={id} type="checkbox" aria-describedby={hintId} {...input} />
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
