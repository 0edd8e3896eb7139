import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { authApi } from '../../api/auth-api';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { safeNextPath } from '../../session/next-path';
import { useSession } from '../../session/session';
import { AuthForm } from './auth-form';
import { PhoneCodeStep } from './phone-code-step';
import { SignUpPlaceStep } from './sign-up-place-step';

type Step = { kind: 'form' } | { kind: 'code'; phone: string } | { kind: 'place' };

/**
 * Creating an account; with a phone number, then "Nhập mã": the six-digit code sent to it by SMS (or later:
 * the account works meanwhile, docs/sms.md); then one optional step: the target group and the commune or
 * ward (skippable).
 */
export function SignUpPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const { signedIn } = useSession();
  const [step, setStep] = useState<Step>({ kind: 'form' });
  usePageTitle(
    step.kind === 'place'
      ? t('placeStep.title')
      : step.kind === 'code'
        ? t('phoneCode.signUpTitle')
        : t('auth.signUpTitle'),
  );
  const next = params.get('next');
  if (step.kind === 'place') return <SignUpPlaceStep next={safeNextPath(next)} />;
  if (step.kind === 'code')
    return (
      <PhoneCodeStep
        phone={step.phone}
        title={t('phoneCode.signUpTitle')}
        submitLabel={t('phoneCode.confirm')}
        submit={async (code) => {
          const me = await authApi.confirmPhone(code);
          setStep({ kind: 'place' });
          signedIn(me);
        }}
        resend={() => authApi.resendPhoneCode()}
        footer={
          <div className="stack-sm">
            <p>{t('phoneCode.laterWhy')}</p>
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => setStep({ kind: 'place' })}
              >
                {t('phoneCode.later')}
              </button>
            </p>
          </div>
        }
      />
    );
  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('auth.signUpTitle')}</h1>
        <p className="lead">{t('auth.signUpIntro')}</p>
      </header>
      <AuthForm
        mode="sign-up"
        submitLabel={t('auth.signUpSubmit')}
        submittingLabel={t('auth.signingUp')}
        submit={async (v) => {
          const me = await api.signUp({
            displayName: v.displayName.normalize('NFC').trim(),
            identifier: v.identifier.trim(),
            password: v.password,
            language: lang,
          });
          // The next step replaces the form before the session's change would send the learner on.
          setStep(me.phone && !me.phoneVerified ? { kind: 'code', phone: me.phone } : { kind: 'place' });
          return me;
        }}
        footer={
          <p>
            {t('auth.haveAccount')}{' '}
            <Link to={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'}>
              {t('auth.goSignIn')}
            </Link>
          </p>
        }
      />
    </div>
  );
}
