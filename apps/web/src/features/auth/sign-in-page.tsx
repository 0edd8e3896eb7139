import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { AuthForm } from './auth-form';
import type { PasswordResetState } from './reset-password-page';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  usePageTitle(t('auth.signInTitle'));
  const next = params.get('next');
  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  const passwordReset = (location.state as PasswordResetState | null)?.passwordReset === true;
  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('auth.signInTitle')}</h1>
        <p className="lead">{t('auth.signInIntro')}</p>
      </header>
      <LiveMessage>{passwordReset ? t('signInMore.passwordResetDone') : undefined}</LiveMessage>
      <AuthForm
        mode="sign-in"
        submitLabel={t('auth.signInSubmit')}
        submittingLabel={t('auth.signingIn')}
        submit={(v) => api.signIn({ identifier: v.identifier.trim(), password: v.password })}
        passwordHelp={
          <p>
            <Link to="/forgot-password">{t('signInMore.forgotPassword')}</Link>
          </p>
        }
        footer={
          <p>
            {t('auth.noAccount')} <Link to={withNext('/sign-up')}>{t('auth.createAccount')}</Link>
          </p>
        }
      />
      <p>
        <Link to={withNext('/sign-in-code')}>{t('signInMore.haveCode')}</Link>
      </p>
    </div>
  );
}
