import type { ReactNode } from 'react';
import { CheckboxField } from './checkbox-field';
import { toggleCode } from './code-set';
import { FieldError } from './field-error';

interface CodeCheckboxesProps<T extends string> {
  /** Each box is `${idPrefix}-${code}`; the hint and error are `${idPrefix}-hint` and `${idPrefix}-error`. */
  idPrefix: string;
  /**
   * The id of a code's box instead of `${idPrefix}-${code}`: for codes anyone may choose (course ids), which
   * could otherwise be "hint" or "error".
   */
  boxId?: (code: T) => string;
  legend: string;
  hint?: string;
  error?: string;
  codes: readonly T[];
  label: (code: T) => string;
  selected: readonly string[];
  /** The new selection, in the order of `codes`. */
  onChange: (selected: T[]) => void;
  /** Shown above the boxes, e.g. while the codes load or when they could not be loaded. */
  children?: ReactNode;
}

/**
 * A set of codes chosen with checkboxes (target groups, sub-groups, courses): a fieldset with its legend, hint
 * and error tied to it, one large-target checkbox per code.
 */
export function CodeCheckboxes<T extends string>({
  idPrefix,
  boxId = (code) => `${idPrefix}-${code}`,
  legend,
  hint,
  error,
  codes,
  label,
  selected,
  onChange,
  children,
}: CodeCheckboxesProps<T>) {
  const hintId = hint ? `${idPrefix}-hint` : undefined;
  const errorId = error ? `${idPrefix}-error` : undefined;
  return (
    <fieldset
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && <FieldError id={errorId}>{error}</FieldError>}
      {children}
      <div className="checkbox-list">
        {codes.map((code) => (
          <CheckboxField
            key={code}
            id={boxId(code)}
            label={label(code)}
            checked={selected.includes(code)}
            onChange={(e) => onChange(toggleCode(selected, code, e.target.checked, codes))}
          />
        ))}
      </div>
    </fieldset>
  );
}
