import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorSummary } from '../../components/error-summary';
import { TextField } from '../../components/text-field';
import {
  displayPhone,
  normalizePhoneCode,
  PHONE_CODE_DIGITS,
  type PhoneCodeProblem,
  phoneCodeProblem,
  secondsLeft,
} from './phone-code';

const FIELD_ID = 'phone-code';
/** The first code was sent just now: the first resend waits this long (the api's own wait is the same). */
const FIRST_WAIT_SECONDS = 60;

export interface PhoneCodeStepProps {
  /** E.164: where the code went. */
  phone: string;
  title: string;
  submitLabel: string;
  /** Checks the six digits with the api; a refusal is shown above the field. */
  submit: (code: string) => Promise<void>;
  /** Asks the api for a new code; resolves with how long until the next may be asked for. */
  resend: () => Promise<{ resendAfterSeconds: number }>;
  /** Below the form: e.g. "later" or "back". */
  footer?: ReactNode;
}

/**
 * "Nhập mã": the six-digit code sent by SMS, in one large field that takes the focus and that phones fill from
 * the message (`autocomplete="one-time-code"`); a resend button that counts down the minute the api makes
 * people wait between codes (and the wait a refusal names). The countdown is in the button's own text, not in
 * a live region, so a screen reader is not interrupted every second; a new code sent is announced once.
 */
export function PhoneCodeStep({ phone, title, submitLabel, submit, resend, footer }: PhoneCodeStepProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<PhoneCodeProblem>();
  const [formError, setFormError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [resending, setResending] = useState(false);
  const [resent, setResent] = useState(false);
  const [resendAt, setResendAt] = useState(() => Date.now() + FIRST_WAIT_SECONDS * 1000);
  const [now, setNow] = useState(() => Date.now());
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);
  const wait = secondsLeft(resendAt, now);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [wait]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = phoneCodeProblem(code);
    setProblem(found);
    setFormError(undefined);
    if (found) {
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      await submit(normalizePhoneCode(code));
    } catch (e) {
      setFormError(e);
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  }

  async function onResend() {
    setFormError(undefined);
    setResent(false);
    setResending(true);
    try {
      const { resendAfterSeconds } = await resend();
      setResendAt(Date.now() + resendAfterSeconds * 1000);
      setNow(Date.now());
      setResent(true);
      setCode('');
      input.current?.focus();
    } catch (e) {
      // A refusal that names its wait (too soon, the day's messages used) holds the button that long.
      if (isApiError(e) && e.retryAfterSeconds !== undefined) {
        setResendAt(Date.now() + e.retryAfterSeconds * 1000);
        setNow(Date.now());
      }
      setFormError(e);
      setAttempt((n) => n + 1);
    } finally {
      setResending(false);
    }
  }

  const message = problem ? t(`phoneCode.${problem}`, { digits: PHONE_CODE_DIGITS }) : undefined;
  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{title}</h1>
        <p className="lead">{t('phoneCode.sentTo', { phone: displayPhone(phone) })}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary
          problems={message ? [{ fieldId: FIELD_ID, message }] : []}
          error={formError}
          focusKey={attempt}
        />
        <TextField
          ref={input}
          id={FIELD_ID}
          className="input input--large input--code"
          inputMode="numeric"
          label={t('phoneCode.label')}
          hint={t('phoneCode.hint', { digits: PHONE_CODE_DIGITS })}
          error={message}
          autoComplete="one-time-code"
          autoCorrect="off"
          spellCheck={false}
          maxLength={PHONE_CODE_DIGITS + 4}
          required
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting ? t('phoneCode.checking') : submitLabel}
        </button>
        <p role="status">{resent ? t('phoneCode.resent') : ''}</p>
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={wait > 0 || resending}
            onClick={() => void onResend()}
          >
            {resending
              ? t('phoneCode.resending')
              : wait > 0
                ? t('phoneCode.resendIn', { count: wait })
                : t('phoneCode.resend')}
          </button>
        </p>
        {footer}
      </form>
    </div>
  );
}
