import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { authQueries } from '../../api/auth-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorSummary } from '../../components/error-summary';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { AuthForm } from './auth-form';
import { OidcLinkConfirm } from './oidc-link-confirm';
import { OidcProviderLinks } from './oidc-provider-links';
import { findProvider, type OidcReturnError, readOidcReturn } from './oidc-return';
import type { PasswordResetState } from './reset-password-page';

/**
 * /sign-in — the password form, the other ways in (identity providers, a one-time code) and the way back
 * from a provider: a link to confirm (`oidcLink`) or an error to explain (`oidcError`).
 */
export function SignInPage() {
  const [params] = useSearchParams();
  const oidc = readOidcReturn(params);
  if (oidc.kind === 'link') {
    return (
      <OidcLinkConfirm
        pendingLinkId={oidc.pendingLinkId}
        providerId={oidc.providerId}
        next={params.get('next')}
      />
    );
  }
  return <PasswordSignIn oidcError={oidc.kind === 'error' ? oidc : undefined} />;
}

interface PasswordSignInProps {
  oidcError?: { code: OidcReturnError; providerId: string | undefined };
}

function PasswordSignIn({ oidcError }: PasswordSignInProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const providers = useApiQuery(authQueries.oidcProviders());
  usePageTitle(t('auth.signInTitle'));
  const next = params.get('next');
  const withNext = (path: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  const passwordReset = (location.state as PasswordResetState | null)?.passwordReset === true;
  const providerName =
    findProvider(providers.data?.items, oidcError?.providerId)?.name ?? t('oidc.providerFallback');

  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('auth.signInTitle')}</h1>
        <p className="lead">{t('auth.signInIntro')}</p>
      </header>
      <LiveMessage>{passwordReset ? t('signInMore.passwordResetDone') : undefined}</LiveMessage>
      {oidcError && !providers.loading && (
        <ErrorSummary
          problems={[]}
          title={t('oidc.errorTitle')}
          message={t(`oidc.errors.${oidcError.code}`, { provider: providerName })}
          focusKey={0}
        />
      )}
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
      <OidcProviderLinks providers={providers.data?.items ?? []} next={next} />
      <p>
        <Link to={withNext('/sign-in-code')}>{t('signInMore.haveCode')}</Link>
      </p>
    </div>
  );
}
