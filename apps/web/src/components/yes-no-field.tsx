import { FieldError } from './field-error';

export type YesNo = 'yes' | 'no' | '';

interface YesNoFieldProps {
  /** The radios are `${id}-yes` and `${id}-no`; the error is `${id}-error`. */
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  yesLabel: string;
  noLabel: string;
  value: YesNo;
  onChange: (value: 'yes' | 'no') => void;
}

/**
 * A question answered "yes" or "no" with two large native radios in a fieldset (its legend is the question,
 * read out with each choice); nothing is picked until the person answers. The hint and the error are tied to
 * the group with aria-describedby, the error first, as FieldFrame does for a text field.
 */
export function YesNoField({ id, legend, hint, error, yesLabel, noLabel, value, onChange }: YesNoFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      className={error ? 'fieldset field--invalid' : 'fieldset'}
      aria-describedby={[errorId, hintId].filter(Boolean).join(' ') || undefined}
    >
      <legend className="fieldset__legend">{legend}</legend>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && <FieldError id={errorId}>{error}</FieldError>}
      <div className="choices">
        {(['yes', 'no'] as const).map((answer) => (
          <div className="choice" key={answer}>
            <input
              type="radio"
              id={`${id}-${answer}`}
              name={id}
              value={answer}
              checked={value === answer}
              aria-invalid={error ? true : undefined}
              onChange={() => onChange(answer)}
            />
            <label htmlFor={`${id}-${answer}`}>
              <span className="choice__title">{answer === 'yes' ? yesLabel : noLabel}</span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
