import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { authApi } from '../../api/auth-api';
import { isApiError } from '../../api/client';
import { useSession } from '../../session/session';
import { usePageTitle } from '../../components/page-title';
import { NewPasswordForm } from './new-password-form';
import { readResetToken } from './password-reset';

/** Where the sign-in page learns that the password was just changed. */
export interface PasswordResetState {
  passwordReset?: boolean;
}

/**
 * /reset-password?token=… — the page of the e-mailed link (the api writes exactly this address): choose a new
 * password, then sign in with it. A used or expired link says so and offers a new one.
 */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { me, signOut } = useSession();
  const token = readResetToken(params);
  usePageTitle(t('resetPassword.title'));

  const askAgain = (
    <p>
      <Link className="button button--secondary" to="/forgot-password">
        {t('resetPassword.askAgain')}
      </Link>
    </p>
  );

  if (!token) {
    return (
      <div className="stack-lg narrow">
        <h1>{t('resetPassword.title')}</h1>
        <div className="notice notice--error" role="alert">
          <p>
            <span aria-hidden="true">⚠ </span>
            {t('resetPassword.noToken')}
          </p>
        </div>
        {askAgain}
      </div>
    );
  }

  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('resetPassword.title')}</h1>
        <p className="lead">{t('resetPassword.intro')}</p>
      </header>
      <NewPasswordForm
        idPrefix="reset"
        submitLabel={t('resetPassword.submit')}
        submittingLabel={t('resetPassword.saving')}
        submit={(password) => authApi.confirmPasswordReset(token, password)}
        onSaved={async () => {
          // The api signed the account out everywhere; this browser forgets it too.
          if (me) await signOut().catch(() => undefined);
          const state: PasswordResetState = { passwordReset: true };
          await navigate('/sign-in', { replace: true, state });
        }}
        errorHelp={(error) =>
          isApiError(error) && (error.code === 'RESET_TOKEN_INVALID' || error.code === 'VALIDATION_FAILED')
            ? askAgain
            : null
        }
      />
    </div>
  );
}
