import type { NotificationPreferences } from '@hocvuso/contracts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { accountApi } from '../../api/account-api';

import { useApi } from '../../api/use-api';
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
  const saved = useApi((signal) => accountApi.notificationPreferences(signal), []);
  const [form, setForm] = useState<NotificationPreferences>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();
  usePageTitle(t('settings.title'));

  useEffect(() => {
    if (saved.data) setForm(saved.data);
  }, [saved.data]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!form) return;
    setSaving(true);
    setError(undefined);
    setAnnouncement(undefined);
    try {
      const result = await accountApi.saveNotificationPreferences(form);
      setForm(result);
      setAnnouncement(t('settings.saved'));
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('settings.title')}</h1>
        <p className="lead">{t('settings.intro')}</p>
      </header>
      {saved.error !== undefined && <ErrorNotice error={saved.error} onRetry={saved.reload} />}
      {!form && saved.error === undefined && <Loading />}
      {form && (
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
                    setForm((f) => (f ? { ...f, [key]: checked } : f));
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
      )}
      <p>
        <Link to="/me/profile">{t('settings.profileLink')}</Link>
      </p>
    </div>
  );
}
