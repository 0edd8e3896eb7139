import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessibilityPreferences } from '../api/access-types';
import {
  applyDisplayPreferences,
  deviceDisplayPreferences,
  READING_PREFERENCES,
  type ReadingPreference,
  rememberDisplayPreferences,
} from '../session/display-preferences';
import { useSession } from '../session/session';
import { setLowData, useLowData } from '../session/use-low-data';

/**
 * Large text, high contrast and reduced motion for everyone, signed in or not: a small "Aa" button in the header
 * opens three switches that apply at once and are remembered on this device (localStorage), and the low-data
 * switch (docs/low-data.md). Saving them to the
 * account, for every device, stays on the profile page; see docs/reading-settings.md for how both meet at sign-in.
 */
export function ReadingSettings() {
  const { t } = useTranslation();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  const [preferences, setPreferences] = useState<Partial<AccessibilityPreferences>>({});
  const button = useRef<HTMLButtonElement>(null);
  const lowData = useLowData();

  function toggle() {
    // Read afresh on opening: the profile page (or a sign-in) may have changed them since.
    if (!open) setPreferences(deviceDisplayPreferences());
    setOpen(!open);
  }

  function change(key: ReadingPreference, on: boolean) {
    const next = { ...preferences, [key]: on };
    setPreferences(next);
    applyDisplayPreferences(next);
    rememberDisplayPreferences(me?.id ?? null, next);
  }

  return (
    <>
      <button
        ref={button}
        type="button"
        className="reading-toggle"
        aria-expanded={open}
        aria-controls="reading-settings"
        aria-label={t('reading.button')}
        title={t('reading.button')}
        onClick={toggle}
      >
        <span aria-hidden="true">Aa</span>
      </button>
      <div
        id="reading-settings"
        className="reading-settings"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            setOpen(false);
            button.current?.focus();
          }
        }}
      >
        <fieldset className="stack-xs">
          <legend className="reading-settings__legend">{t('reading.heading')}</legend>
          <p className="muted">{t('reading.intro')}</p>
          {READING_PREFERENCES.map((key) => (
            <label key={key} className="reading-settings__option">
              <input
                type="checkbox"
                name={key}
                checked={Boolean(preferences[key])}
                onChange={(event) => change(key, event.target.checked)}
              />
              {t(`reading.${key}`)}
            </label>
          ))}
          {me && <p className="muted">{t('reading.signedInHint')}</p>}
        </fieldset>
        {/* Low-data mode stays on this device: it is about the connection, not the person (docs/low-data.md). */}
        <fieldset className="stack-xs">
          <legend className="reading-settings__legend">{t('lowData.heading')}</legend>
          <label className="reading-settings__option">
            <input
              type="checkbox"
              name="lowData"
              checked={lowData.on}
              aria-describedby="low-data-hint"
              onChange={(event) => setLowData({ on: event.target.checked, suggestionAnswered: true })}
            />
            {t('lowData.switch')}
          </label>
          <p id="low-data-hint" className="muted">
            {t('lowData.hint')}
          </p>
        </fieldset>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setOpen(false);
            button.current?.focus();
          }}
        >
          {t('reading.close')}
        </button>
      </div>
    </>
  );
}
