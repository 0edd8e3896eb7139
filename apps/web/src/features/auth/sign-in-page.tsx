import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { usePageTitle } from '../../components/page-title';
import { AuthForm } from './auth-form';

export function SignInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  usePageTitle(t('auth.signInTitle'));
  const next = params.get('next');
  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('auth.signInTitle')}</h1>
        <p className="lead">{t('auth.signInIntro')}</p>
      </header>
      <AuthForm
        mode="sign-in"
        submitLabel={t('auth.signInSubmit')}
        submittingLabel={t('auth.signingIn')}
        submit={(v) => api.signIn({ identifier: v.identifier.trim(), password: v.password })}
        footer={
          <p>
            {t('auth.noAccount')}{' '}
            <Link to={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}>
              {t('auth.createAccount')}
            </Link>
          </p>
        }
      />
    </div>
  );
}
