import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { AuthForm } from './auth-form';

export function SignUpPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  usePageTitle(t('auth.signUpTitle'));
  const next = params.get('next');
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
        submit={(v) =>
          api.signUp({
            displayName: v.displayName.normalize('NFC').trim(),
            identifier: v.identifier.trim(),
            password: v.password,
            language: lang,
          })
        }
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
