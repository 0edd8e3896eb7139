import type { MeResponse } from '@hocvuso/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { authApi } from '../../api/auth-api';
import { api, isApiError } from '../../api/client';
import { authQueries } from '../../api/auth-queries';
import { useApiQuery } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { ErrorSummary, type FieldProblem } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { type FieldErrors, fieldErrorsFromApi, validateAuthForm } from './auth-errors';
import { IdentifierField, PasswordField } from './credential-fields';
import { safeNextPath, signInPath } from '../../session/next-path';
import { findProvider, oidcStartHref } from './oidc-return';

const FIELD_IDS = { identifier: 'link-identifier', password: 'link-password' } as const;
/** Errors after which only a new round trip through the provider helps. */
const START_AGAIN = new Set(['OIDC_LINK_NOT_FOUND', 'REAUTHENTICATION_REQUIRED']);

interface OidcLinkConfirmProps {
  pendingLinkId: string;
  providerId: string | undefined;
  /** Where the person was going when they started the provider's sign-in (`next`), for after the link. */
  next: string | null;
}

/**
 * /sign-in?oidcLink=…&provider=… — the provider vouched for an e-mail address that belongs to an existing
 * account. Nothing is linked until the owner proves it is theirs: they sign in with that account's password
 * here, in the browser that came back from the provider, and the link is confirmed (POST /api/auth/oidc/link).
 */
export function OidcLinkConfirm({ pendingLinkId, providerId, next }: OidcLinkConfirmProps) {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const providers = useApiQuery(authQueries.oidcProviders());
  const provider = findProvider(providers.data?.items, providerId);
  const name = provider?.name ?? t('oidc.providerFallback');
  const [values, setValues] = useState({ identifier: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const [linked, setLinked] = useState(false);
  const linkedHeading = useRef<HTMLHeadingElement>(null);
  usePageTitle(linked ? t('oidc.linkedTitle', { provider: name }) : t('oidc.linkTitle', { provider: name }));

  // Signing in resets the cached answers (another account), so the provider list loads again and the page
  // shows "loading" for a moment: focus the heading once it is really there.
  const ready = !providers.loading;
  useEffect(() => {
    if (linked && ready) linkedHeading.current?.focus();
  }, [linked, ready]);

  // The provider's name is the point of the page: wait for it (the list is small and quick).
  if (providers.loading) return <Loading />;

  if (linked) {
    return (
      <div className="stack-lg narrow">
        <h1 ref={linkedHeading} tabIndex={-1}>
          {t('oidc.linkedTitle', { provider: name })}
        </h1>
        <div className="panel stack">
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('oidc.linkedBody', { provider: name })}
          </p>
          <p>
            <Link className="button button--large" to={safeNextPath(next)}>
              {t('oidc.continue')}
            </Link>
          </p>
        </div>
      </div>
    );
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    const found = validateAuthForm(t, values, 'sign-in');
    setErrors(found);
    if (found.identifier || found.password) {
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    let me: MeResponse | undefined;
    try {
      me = await api.signIn({ identifier: values.identifier.trim(), password: values.password });
      signedIn(await authApi.confirmOidcLink(pendingLinkId));
      setLinked(true);
    } catch (e) {
      // Signed in with the password even though the link could not be confirmed: the header should say so.
      if (me) signedIn(me);
      const onFields = me ? {} : fieldErrorsFromApi(t, e);
      if (onFields.identifier || onFields.password) setErrors(onFields);
      else setFormError(e);
      setAttempt((n) => n + 1);
    } finally {
      setSubmitting(false);
    }
  }

  const problems: FieldProblem[] = (['identifier', 'password'] as const).flatMap((field) => {
    const message = errors[field];
    return message ? [{ fieldId: FIELD_IDS[field], message }] : [];
  });
  const startAgain =
    provider && isApiError(formError) && START_AGAIN.has(formError.code) ? (
      <p>
        <a className="button button--secondary" href={oidcStartHref(provider.startUrl, next)}>
          {t('oidc.linkRetry', { provider: name })}
        </a>
      </p>
    ) : null;
  const set = (field: 'identifier' | 'password') => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1>{t('oidc.linkTitle', { provider: name })}</h1>
        <p className="lead">{t('oidc.linkIntro', { provider: name })}</p>
        <p className="muted">{t('oidc.linkValidity')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <ErrorSummary problems={problems} error={formError} focusKey={attempt}>
          {startAgain}
        </ErrorSummary>
        <IdentifierField
          id={FIELD_IDS.identifier}
          error={errors.identifier}
          value={values.identifier}
          onChange={set('identifier')}
        />
        <PasswordField
          id={FIELD_IDS.password}
          toggleId="link-show-password"
          label={t('auth.password')}
          error={errors.password}
          autoComplete="current-password"
          value={values.password}
          onChange={set('password')}
        />
        <button type="submit" className="button button--large" disabled={submitting}>
          {submitting ? t('oidc.linking') : t('oidc.linkSubmit')}
        </button>
        <p>
          <Link to={signInPath(next ?? undefined)}>{t('oidc.linkSkip')}</Link>
        </p>
      </form>
    </div>
  );
}
