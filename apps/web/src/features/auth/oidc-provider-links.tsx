import { useTranslation } from 'react-i18next';
import { type OidcProviderItem, oidcStartHref } from './oidc-return';

interface OidcProviderLinksProps {
  providers: readonly OidcProviderItem[];
  /** Where to come back to after signing in. */
  next: string | null;
}

/**
 * "Or sign in with …": one link per configured identity provider (VNeID, say), or nothing at all when none
 * is configured. Plain links, not router links: the api answers them with a redirect to the provider.
 */
export function OidcProviderLinks({ providers, next }: OidcProviderLinksProps) {
  const { t } = useTranslation();
  if (providers.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby="oidc-providers-heading">
      <h2 id="oidc-providers-heading" className="section-divider">
        {t('oidc.heading')}
      </h2>
      <ul className="link-list" role="list">
        {providers.map((provider) => (
          <li key={provider.id}>
            <a
              className="button button--secondary button--large"
              href={oidcStartHref(provider.startUrl, next)}
            >
              {t('oidc.signInWith', { name: provider.name })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
