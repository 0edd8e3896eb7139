import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ProfileResponse } from '../../api/access-types';
import { accountApi } from '../../api/account-api';
import { isApiError } from '../../api/client';
import { changedBy, queries } from '../../api/queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { applyDisplayPreferences, rememberDisplayPreferences } from '../../session/display-preferences';
import { useSession } from '../../session/session';
import { CheckboxField } from '../../components/checkbox-field';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { OrganisationPicker } from '../../components/organisation-picker';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { UnitPicker } from '../../components/unit-picker';
import { switchLanguage } from '../../i18n/i18n';
import { useLanguages } from '../../i18n/use-languages';
import { useLang } from '../../i18n/use-lang';
import { AccountSecuritySection } from './account-security-section';
import { ConsentsSection } from './consents-section';
import { DigitalIdentitySection } from './digital-identity-section';
import {
  ACCESSIBILITY_KEYS,
  organisationUnitId,
  placeChanged,
  type ProfileForm,
  profileForm,
  profileFormErrors,
  shownOrganisation,
  toProfileUpdate,
} from './profile-form';

export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useApiQuery(queries.profile());
  usePageTitle(t('profile.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('profile.title')}</h1>
        <p className="lead">{t('profile.intro')}</p>
        <p>
          <Link to="/me/learning#lo-trinh">{t('placement.profileLink')}</Link>
        </p>
      </header>
      {profile.error !== undefined && <ErrorNotice error={profile.error} onRetry={profile.reload} />}
      {!profile.data && profile.error === undefined && <Loading />}
      {profile.data && (
        <>
          <ProfileFormSection profile={profile.data} onSaved={profile.setData} />
          <ConsentsSection consents={profile.data.consents} onChanged={profile.setData} />
        </>
      )}
      <DigitalIdentitySection />
      <AccountSecuritySection />
    </div>
  );
}

interface ProfileFormSectionProps {
  profile: ProfileResponse;
  onSaved: (profile: ProfileResponse) => void;
}

/**
 * Who the learner is (target groups, sub-groups), where they live (province → commune → village), their
 * language and how the app should look. Large text, high contrast and reduced motion apply as soon as they
 * are ticked, so the learner sees the effect before saving; they are remembered on this device only once saved,
 * and leaving the page unsaved puts the saved ones back.
 */
function ProfileFormSection({ profile, onSaved }: ProfileFormSectionProps) {
  const { t } = useTranslation();
  const uiLang = useLang();
  const uiLanguages = useLanguages().ui;
  const { me } = useSession();
  const [form, setForm] = useState<ProfileForm>(() => profileForm(profile));
  const [unitError, setUnitError] = useState<string>();
  const [organisationError, setOrganisationError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();
  const [pickerKey, setPickerKey] = useState(0);
  const unitRef = useRef<HTMLDivElement>(null);
  const userId = me?.id ?? null;
  const invalidate = useInvalidate();

  // What is ticked shows at once (a preview); only a save makes it the account's and this device's choice.
  const display = form.accessibility;
  useEffect(() => applyDisplayPreferences(display), [display]);

  // Leaving the page without saving puts back the display of the saved profile.
  const savedDisplay = useRef(profile.accessibility);
  useEffect(() => {
    savedDisplay.current = profile.accessibility;
  }, [profile.accessibility]);
  useEffect(() => () => applyDisplayPreferences(savedDisplay.current), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAnnouncement(undefined);
    setError(undefined);
    if (profileFormErrors(form).includes('unitTooBroad')) {
      setUnitError(t('profile.unitTooBroad'));
      unitRef.current?.querySelector('select')?.focus();
      return;
    }
    setUnitError(undefined);
    setOrganisationError(undefined);
    setSaving(true);
    const moved = placeChanged(form, profile);
    try {
      const saved = await accountApi.saveProfile(toProfileUpdate(form, profile));
      rememberDisplayPreferences(userId, saved.accessibility);
      onSaved(saved);
      invalidate(...changedBy.profile());
      setForm((f) => ({ ...f, pickedUnit: undefined, pickedOrganisation: undefined }));
      // The pickers start over from the new saved place (they read it once, as they load); unchanged, they
      // keep what they show without asking the api again.
      if (moved) setPickerKey((k) => k + 1);
      if (saved.language !== uiLang) await switchLanguage(saved.language);
      setAnnouncement(t('profile.saved'));
    } catch (e) {
      if (isApiError(e) && (e.code === 'UNIT_TOO_BROAD' || e.code === 'UNIT_NOT_FOUND')) {
        setUnitError(t(`errors.${e.code}`));
        unitRef.current?.querySelector('select')?.focus();
      } else if (isApiError(e) && e.code === 'ORGANISATION_NOT_FOUND') {
        setOrganisationError(t('organisations.notFound'));
        document.getElementById('profile-organisation-select')?.focus();
      } else setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="profile-form-heading">
      <h2 id="profile-form-heading">{t('profile.formHeading')}</h2>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <CodeCheckboxes
          idPrefix="profile-group"
          legend={t('profile.targetGroups')}
          hint={t('profile.targetGroupsHint')}
          codes={TARGET_GROUPS}
          label={(code) => t(`targetGroup.${code}`)}
          selected={form.targetGroups}
          onChange={(targetGroups) => setForm((f) => ({ ...f, targetGroups }))}
        />
        <CodeCheckboxes
          idPrefix="profile-subgroup"
          legend={t('profile.subGroups')}
          hint={t('profile.subGroupsHint')}
          codes={SUB_GROUPS}
          label={(code) => t(`subGroup.${code}`)}
          selected={form.subGroups}
          onChange={(subGroups) => setForm((f) => ({ ...f, subGroups }))}
        />

        <div className="stack-sm" ref={unitRef}>
          <p className="current-unit">
            <strong>{t('profile.currentUnit')}</strong>{' '}
            {profile.unit ? profile.unit.name : t('profile.noUnit')}
          </p>
          <UnitPicker
            key={pickerKey}
            idPrefix="profile-unit"
            legend={profile.unit ? t('profile.changeUnit') : t('profile.chooseUnit')}
            hint={t('profile.unitHint')}
            error={unitError}
            initialPath={profile.unit?.path}
            onChange={(unit) => {
              setUnitError(undefined);
              setForm((f) => ({ ...f, pickedUnit: unit }));
            }}
          />
        </div>

        <div className="stack-sm">
          {profile.organisation && (
            <p>
              <strong>{t('profile.organisation')}</strong> {profile.organisation.name}
            </p>
          )}
          <OrganisationPicker
            key={pickerKey}
            idPrefix="profile-organisation"
            legend={t('profile.organisationPicker')}
            hint={t('profile.organisationHint')}
            error={organisationError}
            unitId={organisationUnitId(form, profile)}
            value={shownOrganisation(form, profile)}
            noneLabel={t('profile.noOrganisation')}
            onChange={(organisation) => {
              setOrganisationError(undefined);
              setForm((f) => ({ ...f, pickedOrganisation: organisation }));
            }}
          />
        </div>

        <SelectField
          id="profile-language"
          label={t('profile.language')}
          value={form.language}
          onChange={(e) => setForm((f) => ({ ...f, language: e.target.value as ProfileForm['language'] }))}
          options={uiLanguages.map((l) => ({ value: l.code, label: l.endonym, lang: l.code }))}
        />

        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('profile.accessibility')}</legend>
          <p className="field__hint">{t('profile.accessibilityHint')}</p>
          <div className="checkbox-list">
            {ACCESSIBILITY_KEYS.map((key) => (
              <CheckboxField
                key={key}
                id={`profile-a11y-${key}`}
                label={t(`profile.a11y.${key}.label`)}
                hint={t(`profile.a11y.${key}.hint`)}
                checked={form.accessibility[key]}
                onChange={(e) => {
                  const checked = e.target.checked;
                  setForm((f) => ({ ...f, accessibility: { ...f.accessibility, [key]: checked } }));
                }}
              />
            ))}
          </div>
        </fieldset>

        {error !== undefined && <ErrorNotice error={error} />}
        <LiveMessage>{announcement}</LiveMessage>
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('profile.saving') : t('profile.save')}
          </button>
        </p>
      </form>
    </section>
  );
}
