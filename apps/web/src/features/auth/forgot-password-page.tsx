import { parseLoginIdentifier, PHONE_CODE_RESEND_SECONDS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { authApi } from '../../api/auth-api';
import { ErrorSummary } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { IdentifierField } from './credential-fields';
import { PhoneCodeStep } from './phone-code-step';
import { type ResetRequestProblem, resetRequestProblem } from './password-reset';

const FIELD_ID = 'forgot-identifier';

/** The E.164 number typed, when the identifier is a phone number (a reset by SMS code). */
function phoneOf(identifier: string): string | undefined {
  try {
    const id = parseLoginIdentifier(identifier);
    return id.kind === 'phone' ? id.value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * /forgot-password — asks for a reset by e-mail (a link) or phone number (a six-digit code by SMS, then the
 * new password on /reset-password). The answer is the same whether or not an account matches (nobody learns
 * who has an account here): a phone number always leads to "Nhập mã".
 */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [identifier, setIdentifier] = useState('');
  const [problem, setProblem] = useState<ResetRequestProblem>();
  const [formError, setFormError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [codePhone, setCodePhone] = useState<string>();
  const navigate = useNavigate();
  const sentHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(
    codePhone ? t('phoneCode.resetTitle') : sent ? t('forgotPassword.sentTitle') : t('forgotPassword.title'),
  );

  useEffect(() => {
    if (sent) sentHeading.current?.focus();
  }, [sent]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = resetRequestProblem(identifier);
    setProblem(found);
    setFormError(undefined);
    if (found) {
      setAttempt((n) => n + 1);
      return;
    }
    setSending(true);
    try {
      const typed = identifier.normalize('NFC').trim();
      await authApi.requestPasswordReset(typed);
      const phone = phoneOf(typed);
      if (phone) setCodePhone(phone);
      else setSent(true);
    } catch (e) {
      setFormError(e);
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  // Where to go instead, under the code step and under "sent".
  const otherWays = (
    <ul className="link-list" role="list">
      <li>
        <Link to="/sign-in">{t('forgotPassword.backToSignIn')}</Link>
      </li>
      <li>
        <Link to="/sign-in-code">{t('signInMore.haveCode')}</Link>
      </li>
    </ul>
  );

  if (codePhone) {
    return (
      <PhoneCodeStep
        phone={codePhone}
        title={t('phoneCode.resetTitle')}
        submitLabel={t('phoneCode.continue')}
        submit={async (code) => {
          const { token } = await authApi.exchangeResetCode(codePhone, code);
          await navigate(`/reset-password?token=${encodeURIComponent(token)}`, { replace: true });
        }}
        resend={async () => {
          await authApi.requestPasswordReset(codePhone);
          return { resendAfterSeconds: PHONE_CODE_RESEND_SECONDS };
        }}
        footer={otherWays}
      />
    );
  }

  if (sent) {
    return (
      <div className="stack-lg narrow">
        <h1 ref={sentHeading} tabIndex={-1}>
          {t('forgotPassword.sentTitle')}
        </h1>
        <div className="panel stack">
          <p>{t('forgotPassword.sentBody')}</p>
          <p>{t('forgotPassword.phoneOnly')}</p>
          {otherWays}
        </div>
      </div>
    );
  }

  const message = problem
    ? problem === 'identifierRequired'
      ? t('auth.identifierRequired')
      : t(`errors.${problem}`)
    : undefined;
  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('forgotPassword.title')}</h1>
        <p className="lead">{t('forgotPassword.intro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary
          problems={message ? [{ fieldId: FIELD_ID, message }] : []}
          error={formError}
          focusKey={attempt}
        />
        <IdentifierField
          id={FIELD_ID}
          error={message}
          value={identifier}
          onChange={(e) => setIdentifier(e.target.value)}
        />
        <button type="submit" className="button button--large" disabled={sending}>
          {sending ? t('forgotPassword.sending') : t('forgotPassword.submit')}
        </button>
        <p>
          {t('forgotPassword.remembered')} <Link to="/sign-in">{t('auth.goSignIn')}</Link>
        </p>
      </form>
    </div>
  );
}
