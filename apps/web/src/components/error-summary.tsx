import { type ReactNode, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { errorId, errorMessage } from './error-message';

/** A field's problem: the field's id (the summary links to it) and the message shown next to it. */
export interface FieldProblem {
  fieldId: string;
  message: string;
}

interface ErrorSummaryProps {
  /** The problems next to fields, in the order the form shows them. */
  problems: FieldProblem[];
  /** Something about the whole form: an api error (translated like ErrorNotice) … */
  error?: unknown;
  /** … or a message of the page's own. */
  message?: string;
  /** The title; "something is not right, fix the marked fields" or "something went wrong" by default. */
  title?: string;
  /** Changes on every failed submit, so that focus comes back here each time. */
  focusKey: number;
  /** What the person can do next, e.g. a link to ask for a new reset link. */
  children?: ReactNode;
}

/**
 * What went wrong, at the top of a form. It takes the focus when it appears (screen readers read it out,
 * keyboard users start from it); each field's problem is a link that moves the focus to that field, where the
 * same message is tied to the input with aria-describedby (TextField).
 */
export function ErrorSummary({ problems, error, message, title, focusKey, children }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const shown = problems.length > 0 || error !== undefined || message !== undefined;

  useEffect(() => {
    if (shown) ref.current?.focus();
    // Only a new submit (or the first render) moves the focus, not every re-render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `shown` is read at that moment on purpose
  }, [focusKey]);

  if (!shown) return null;
  const supportId = problems.length === 0 && message === undefined ? errorId(error) : undefined;
  return (
    <div
      ref={ref}
      className="notice notice--error error-summary"
      role="alert"
      tabIndex={-1}
      aria-labelledby={titleId}
    >
      <h2 className="notice__title error-summary__title" id={titleId}>
        <span aria-hidden="true">⚠ </span>
        {title ?? (problems.length > 0 ? t('auth.errorSummary') : t('errors.title'))}
      </h2>
      {problems.length > 0 ? (
        <ul className="error-summary__list">
          {problems.map((problem) => (
            <li key={problem.fieldId}>
              <a
                href={`#${problem.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(problem.fieldId)?.focus();
                }}
              >
                {problem.message}
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p>{message ?? errorMessage(t, error)}</p>
      )}
      {supportId && <p className="muted">{t('errors.errorId', { id: supportId })}</p>}
      {children}
    </div>
  );
}
