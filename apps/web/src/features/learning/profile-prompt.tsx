import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';

/**
 * A gentle prompt for a learner whose profile lacks a target group or a place: without them their commune
 * cannot count them. "Not now" hides it on every device for some days (the api remembers it); it comes back
 * while they are still missing (docs/learners.md).
 */
export function ProfilePrompt() {
  const { t } = useTranslation();
  const prompt = useApiQuery(queries.profilePrompt(), { fresh: true });
  const [dismissing, setDismissing] = useState(false);
  const [error, setError] = useState<unknown>();

  if (!prompt.data?.show) return null;

  async function dismiss() {
    setDismissing(true);
    setError(undefined);
    try {
      prompt.setData(await api.dismissProfilePrompt());
      document.getElementById('main')?.focus();
    } catch (e) {
      setError(e);
    } finally {
      setDismissing(false);
    }
  }

  return (
    <section className="notice notice--info stack-sm" aria-labelledby="profile-prompt-heading">
      <h2 id="profile-prompt-heading" className="notice__title">
        {t('profilePrompt.heading')}
      </h2>
      <p>{t('profilePrompt.body')}</p>
      {error !== undefined && <ErrorNotice error={error} />}
      <p className="button-row">
        <Link className="button" to="/me/profile">
          {t('profilePrompt.open')}
        </Link>
        <button
          type="button"
          className="button button--secondary"
          disabled={dismissing}
          onClick={() => void dismiss()}
        >
          {t('profilePrompt.later')}
        </button>
      </p>
    </section>
  );
}
