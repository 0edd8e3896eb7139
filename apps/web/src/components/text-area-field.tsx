import type { Ref, TextareaHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line input whose hint and error are tied to it with aria-describedby (see FieldFrame). */
export function TextAreaField({ id, label, hint, error, ref, className, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          ref={ref}
          className={['input', 'textarea', className].filter(Boolean).join(' ')}
          {...control}
          {...textarea}
        />
      )}
    </FieldFrame>
  );
}
