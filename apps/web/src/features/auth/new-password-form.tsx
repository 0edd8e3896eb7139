import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@hocvuso/domain';
import type { TFunction } from 'i18next';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../../components/error-summary';
import { PasswordField } from './credential-fields';
import { type NewPasswordProblem, newPasswordProblem, newPasswordProblemFromApi } from './password-reset';

function newPasswordMessage(t: TFunction, problem: NewPasswordProblem): string {
  switch (problem) {
    case 'passwordRequired':
      return t('auth.passwordRequired');
    case 'passwordTooShort':
      return t('auth.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
    case 'passwordTooLong':
      return t('newPassword.tooLong', { max: PASSWORD_MAX_LENGTH });
    case 'weakPassword':
      return t('errors.WEAK_PASSWORD');
  }
}

interface NewPasswordFormProps {
  /** Prefix of the ids of the inputs (two forms may share a page's history). */
  idPrefix: string;
  submitLabel: string;
  submittingLabel: string;
  /** Saves the password with the api. */
  submit: (password: string) => Promise<void>;
  /** After saving: where to go next. */
  onSaved: () => void | Promise<void>;
  /** What the person can do about an error of the whole form (a spent reset link: ask for a new one). */
  errorHelp?: (error: unknown) => ReactNode;
  /** Below the button. */
  footer?: ReactNode;
}

/**
 * Choosing a new password (from a reset link, or a first one after a one-time code): one field that password
 * managers recognise (autocomplete new-password), a "show password" switch instead of typing it twice, the
 * rule up front and every problem explained next to the field and in the summary at the top.
 */
export function NewPasswordForm(props: NewPasswordFormProps) {
  const { idPrefix, submitLabel, submittingLabel, submit, onSaved, errorHelp, footer } = props;
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<NewPasswordProblem>();
  const [formError, setFormError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const fieldId = `${idPrefix}-password`;

  function fail(found: NewPasswordProblem | undefined, error?: unknown) {
    setProblem(found);
    setFormError(error);
    setAttempt((n) => n + 1);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = newPasswordProblem(password);
    if (found) {
      fail(found);
      return;
    }
    setProblem(undefined);
    setFormError(undefined);
    setSubmitting(true);
    try {
      await submit(password);
    } catch (e) {
      const onField = newPasswordProblemFromApi(e);
      fail(onField, onField ? undefined : e);
      setSubmitting(false);
      return;
    }
    await onSaved();
  }

  const message = problem ? newPasswordMessage(t, problem) : undefined;
  return (
    <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
      <ErrorSummary problems={message ? [{ fieldId, message }] : []} error={formError} focusKey={attempt}>
        {formError !== undefined && errorHelp?.(formError)}
      </ErrorSummary>
      <PasswordField
        id={fieldId}
        toggleId={`${idPrefix}-show-password`}
        label={t('newPassword.label')}
        hint={t('auth.newPasswordHint', { min: PASSWORD_MIN_LENGTH })}
        error={message}
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <button type="submit" className="button button--large" disabled={submitting}>
        {submitting ? submittingLabel : submitLabel}
      </button>
      {footer}
    </form>
  );
}
