import type { MeResponse } from '@hocvuso/contracts';
import { PASSWORD_MIN_LENGTH } from '@hocvuso/domain';
import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useSession } from '../../session/session';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/text-field';
import {
  type AuthField,
  type FieldErrors,
  fieldErrorsFromApi,
  firstInvalid,
  validateAuthForm,
} from './auth-errors';
import { IdentifierField, PasswordField } from './credential-fields';
import { safeNextPath, signInPath } from '../../session/next-path';

export interface AuthFormProps {
  mode: 'sign-in' | 'sign-up';
  submitLabel: string;
  submittingLabel: string;
  /** Calls the api; resolves with the signed-in learner. */
  submit: (values: Record<AuthField, string>) => Promise<MeResponse>;
  /** Below the button: the link to the other form. */
  footer: ReactNode;
  /** Under the password field, e.g. the "Forgot password?" link. */
  passwordHelp?: ReactNode;
}

/** The shared sign-in/sign-up form: labelled fields, inline errors, focus on the first problem. */
export function AuthForm({
  mode,
  submitLabel,
  submittingLabel,
  submit,
  footer,
  passwordHelp,
}: AuthFormProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const rawNext = params.get('next');
  const next = safeNextPath(rawNext);
  const { me, ready, signedIn } = useSession();
  const [values, setValues] = useState<Record<AuthField, string>>({
    displayName: '',
    identifier: '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>();
  // Each failed submit moves the focus to the server's answer again (ErrorSummary).
  const [failedSubmits, setFailedSubmits] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const inputs = useRef<Partial<Record<AuthField, HTMLInputElement | null>>>({});

  // Signed in (now or already): go where the learner was heading.
  if (ready && me) return <Navigate to={next} replace />;

  function showErrors(found: FieldErrors) {
    setErrors(found);
    const first = firstInvalid(found);
    if (first) inputs.current[first]?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const found = validateAuthForm(t, values, mode);
    if (firstInvalid(found)) {
      showErrors(found);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      signedIn(await submit(values));
    } catch (e) {
      const fieldErrors = fieldErrorsFromApi(t, e);
      if (firstInvalid(fieldErrors)) showErrors(fieldErrors);
      else {
        // The answer is about the whole form (an account that exists, too many tries): shown at the top of the
        // form and focused there, so a phone scrolls to it and a screen reader reads it, instead of leaving the
        // person at the button with the news off screen.
        setFormError(e);
        setFailedSubmits((n) => n + 1);
      }
    } finally {
      setSubmitting(false);
    }
  }

  const set = (field: AuthField) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));
  const hasFieldErrors = Boolean(firstInvalid(errors));

  return (
    <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
      {hasFieldErrors && (
        <p className="notice notice--error" role="alert">
          <span aria-hidden="true">⚠ </span>
          {t('auth.errorSummary')}
        </p>
      )}
      <ErrorSummary problems={[]} error={formError} focusKey={failedSubmits}>
        {mode === 'sign-up' && isApiError(formError) && formError.code === 'ACCOUNT_EXISTS' && (
          <p>
            <Link to={signInPath(rawNext ? next : undefined)}>{t('auth.goSignIn')}</Link>
          </p>
        )}
      </ErrorSummary>

      {mode === 'sign-up' && (
        <TextField
          id="auth-display-name"
          ref={(el) => {
            inputs.current.displayName = el;
          }}
          label={t('auth.displayName')}
          hint={t('auth.displayNameHint')}
          error={errors.displayName}
          autoComplete="name"
          maxLength={120}
          required
          value={values.displayName}
          onChange={set('displayName')}
        />
      )}
      <IdentifierField
        id="auth-identifier"
        ref={(el) => {
          inputs.current.identifier = el;
        }}
        error={errors.identifier}
        value={values.identifier}
        onChange={set('identifier')}
      />
      <PasswordField
        id="auth-password"
        toggleId="auth-show-password"
        ref={(el) => {
          inputs.current.password = el;
        }}
        label={t('auth.password')}
        hint={mode === 'sign-up' ? t('auth.newPasswordHint', { min: PASSWORD_MIN_LENGTH }) : undefined}
        error={errors.password}
        autoComplete={mode === 'sign-up' ? 'new-password' : 'current-password'}
        value={values.password}
        onChange={set('password')}
      />
      {passwordHelp}
      <button type="submit" className="button button--large" disabled={submitting}>
        {submitting ? submittingLabel : submitLabel}
      </button>
      {footer}
    </form>
  );
}
