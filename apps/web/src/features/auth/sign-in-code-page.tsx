import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth-api';
import { useSession } from '../../session/session';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { NewPasswordForm } from './new-password-form';
import { safeNextPath, signInPath } from '../../session/next-path';
import {
  normalizeSignInCode,
  normalizeSignInPhone,
  SIGN_IN_CODE_DIGITS,
  type SignInCodeField,
  type SignInCodeProblem,
  signInCodeProblems,
} from './sign-in-code';

const FIELD_IDS: Record<SignInCodeField, string> = { phone: 'code-phone', code: 'code-code' };

function problemMessage(t: TFunction, problem: SignInCodeProblem): string {
  switch (problem) {
    case 'phoneRequired':
      return t('signInCode.phoneRequired');
    case 'INVALID_PHONE':
      return t('errors.INVALID_PHONE');
    case 'codeRequired':
      return t('signInCode.codeRequired');
    case 'codeInvalid':
      return t('signInCode.codeInvalid');
  }
}

/**
 * /sign-in-code — for people a community helper registered in person (phone only): the phone number and the
 * eight-digit code from the helper, in big inputs. Someone without a password then chooses one, so that the
 * next sign-in needs no helper.
 */
export function SignInCodePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const rawNext = params.get('next');
  const next = safeNextPath(rawNext);
  const navigate = useNavigate();
  const { me, ready, signedIn } = useSession();
  const [step, setStep] = useState<'code' | 'password'>('code');
  const [values, setValues] = useState({ phone: '', code: '' });
  const [problems, setProblems] = useState<Partial<Record<SignInCodeField, SignInCodeProblem>>>({});
  const [formError, setFormError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const passwordHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(step === 'code' ? t('signInCode.title') : t('signInCode.passwordTitle'));

  useEffect(() => {
    if (step === 'password') passwordHeading.current?.focus();
  }, [step]);

  // Signed in already, or just now without needing a password: go where the person was heading.
  if (step === 'code' && ready && me) return <Navigate to={next} replace />;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = signInCodeProblems(values);
    setProblems(found);
    setFormError(undefined);
    if (found.phone || found.code) {
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      const { mustSetPassword, ...signedInAs } = await authApi.signInWithCode({
        phone: normalizeSignInPhone(values.phone),
        code: normalizeSignInCode(values.code),
      });
      if (mustSetPassword) setStep('password');
      signedIn(signedInAs);
    } catch (e) {
      setFormError(e);
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  }

  if (step === 'password') {
    return (
      <div className="stack-lg narrow">
        <header className="stack-sm">
          <h1 ref={passwordHeading} tabIndex={-1}>
            {t('signInCode.passwordTitle')}
          </h1>
          <p className="lead">{t('signInCode.passwordIntro')}</p>
        </header>
        <NewPasswordForm
          idPrefix="first"
          submitLabel={t('signInCode.savePassword')}
          submittingLabel={t('signInCode.saving')}
          submit={(password) => authApi.setPassword(password)}
          onSaved={() => navigate(next, { replace: true })}
          footer={
            <p>
              <Link to={next}>{t('signInCode.later')}</Link>
            </p>
          }
        />
      </div>
    );
  }

  const fieldProblems: FieldProblem[] = (['phone', 'code'] as const).flatMap((field) => {
    const problem = problems[field];
    return problem ? [{ fieldId: FIELD_IDS[field], message: problemMessage(t, problem) }] : [];
  });
  const messageOf = (field: SignInCodeField) => {
    const problem = problems[field];
    return problem ? problemMessage(t, problem) : undefined;
  };
  const set = (field: SignInCodeField) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('signInCode.title')}</h1>
        <p className="lead">{t('signInCode.intro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary problems={fieldProblems} error={formError} focusKey={attempt} />
        <TextField
          id={FIELD_IDS.phone}
          className="input input--large"
          type="tel"
          inputMode="tel"
          label={t('signInCode.phone')}
          hint={t('signInCode.phoneHint')}
          error={messageOf('phone')}
          autoComplete="tel"
          maxLength={20}
          required
          value={values.phone}
          onChange={set('phone')}
        />
        <TextField
          id={FIELD_IDS.code}
          className="input input--large input--code"
          inputMode="numeric"
          label={t('signInCode.code')}
          hint={t('signInCode.codeHint')}
          error={messageOf('code')}
          autoComplete="one-time-code"
          autoCorrect="off"
          spellCheck={false}
          // Room for the spaces or dash of "1234 5678"; they are dropped before sending.
          maxLength={SIGN_IN_CODE_DIGITS + 4}
          required
          value={values.code}
          onChange={set('code')}
        />
        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting ? t('signInCode.signingIn') : t('signInCode.submit')}
        </button>
        <p>{t('signInCode.noCode')}</p>
        <p>
          <Link to={signInPath(rawNext ?? undefined)}>{t('signInCode.usePassword')}</Link>
        </p>
      </form>
    </div>
  );
}
