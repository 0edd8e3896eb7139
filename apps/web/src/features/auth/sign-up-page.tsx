import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { safeNextPath } from '../../session/next-path';
import { AuthForm } from './auth-form';
import { SignUpPlaceStep } from './sign-up-place-step';

/** Creating an account, then one optional step: the target group and the commune or ward (skippable). */
export function SignUpPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  const [created, setCreated] = useState(false);
  usePageTitle(created ? t('placeStep.title') : t('auth.signUpTitle'));
  const next = params.get('next');
  if (created) return <SignUpPlaceStep next={safeNextPath(next)} />;
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
          setCreated(true);
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
