import type { NotificationPreferences } from '@hocvuso/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountApi } from '../../api/account-api';

import { accountQueries } from '../../api/account-queries';
import { useApiQuery } from '../../api/use-api-query';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';

const SWITCHES = ['inAppEnabled', 'emailEnabled', 'remindersEnabled'] as const satisfies Array<
  keyof NotificationPreferences
>;

/** How the learner wants to hear from Học vụ số: three plain choices and one "Save". */
export function SettingsPage() {
  const { t } = useTranslation();
  const saved = useApiQuery(accountQueries.notificationPreferences());
  usePageTitle(t('settings.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('settings.title')}</h1>
        <p className="lead">{t('settings.intro')}</p>
      </header>
      {saved.error !== undefined && <ErrorNotice error={saved.error} onRetry={saved.reload} />}
      {!saved.data && saved.error === undefined && <Loading />}
      {saved.data && <SettingsForm initial={saved.data} />}
      <p>
        <Link to="/me/profile">{t('settings.profileLink')}</Link>
      </p>
    </div>
  );
}

/** The choices, starting from what is saved; a save shows what the api stored. */
function SettingsForm({ initial }: { initial: NotificationPreferences }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaving(true);
    setError(undefined);
    setAnnouncement(undefined);
    try {
      setForm(await accountApi.saveNotificationPreferences(form));
      setAnnouncement(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="panel stack" onSubmit={(e) => void onSubmit(e)}>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">{t('settings.legend')}</legend>
        <div className="stack-sm">
          {SWITCHES.map((key) => (
            <CheckboxField
              key={key}
              id={`setting-${key}`}
              label={t(`settings.${key}.label`)}
              hint={t(`settings.${key}.hint`)}
              checked={form[key]}
              onChange={(e) => {
                const checked = e.target.checked;
                setForm((f) => ({ ...f, [key]: checked }));
              }}
            />
          ))}
        </div>
      </fieldset>
      {error !== undefined && <ErrorNotice error={error} />}
      <LiveMessage>{announcement}</LiveMessage>
      <p>
        <button type="submit" className="button button--large" disabled={saving}>
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
      </p>
    </form>
  );
}
