import type { SelectHTMLAttributes } from 'react';
import { FieldFrame } from './field-frame';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  id: string;
  label: string;
  /** `lang`: the language an option's label is written in (a language's own name). */
  options: Array<{ value: string; label: string; lang?: string }>;
  hint?: string;
  /** What is wrong, said before the select and tied to it with aria-describedby (see FieldFrame). */
  error?: string;
}

/** A labelled native select: works with every screen reader, keyboard and phone picker. */
export function SelectField({ id, label, options, hint, error, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <select className="input select" {...control} {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value} lang={option.lang}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
