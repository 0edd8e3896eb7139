import { TARGET_GROUPS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ProfileUpdate, UnitItem } from '../../api/access-types';
import { accountApi } from '../../api/account-api';
import { changedBy } from '../../api/queries';
import { isApiError } from '../../api/client';
import { useInvalidate } from '../../api/use-api-query';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { UnitPicker } from '../../components/unit-picker';
import { useLang } from '../../i18n/use-lang';

/**
 * The optional step right after creating an account: the learner's target group and commune or ward, so that
 * their commune can count them. Saved through the profile (PUT /api/me/profile); "Later" skips it, and My
 * learning asks again some days later while they are missing.
 */
export function SignUpPlaceStep({ next }: { next: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const [targetGroups, setTargetGroups] = useState<ProfileUpdate['targetGroups']>([]);
  const [unit, setUnit] = useState<UnitItem>();
  const [unitError, setUnitError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [saving, setSaving] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const unitRef = useRef<HTMLDivElement>(null);

  useEffect(() => heading.current?.focus(), []);

  function unitProblem(message: string) {
    setUnitError(message);
    unitRef.current?.querySelector('select')?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    if (unit?.level === 'province') return unitProblem(t('profile.unitTooBroad'));
    setUnitError(undefined);
    setSaving(true);
    try {
      await accountApi.saveProfile({
        targetGroups,
        subGroups: [],
        unitId: unit?.id ?? null,
        organisationId: null,
        language: lang,
        accessibility: {},
      });
      invalidate(...changedBy.profile());
      void navigate(next, { replace: true });
    } catch (e) {
      if (isApiError(e) && (e.code === 'UNIT_TOO_BROAD' || e.code === 'UNIT_NOT_FOUND'))
        unitProblem(t(`errors.${e.code}`));
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack-lg narrow">
      <header className="stack-sm">
        <h1 ref={heading} tabIndex={-1}>
          {t('placeStep.title')}
        </h1>
        <p className="lead">{t('placeStep.intro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <CodeCheckboxes
          idPrefix="signup-group"
          legend={t('placeStep.groups')}
          hint={t('placeStep.groupsHint')}
          codes={TARGET_GROUPS}
          label={(code) => t(`targetGroup.${code}`)}
          selected={targetGroups}
          onChange={setTargetGroups}
        />
        <div ref={unitRef}>
          <UnitPicker
            idPrefix="signup-unit"
            legend={t('placeStep.unit')}
            hint={t('placeStep.unitHint')}
            error={unitError}
            withVillages={false}
            onChange={(picked) => {
              setUnitError(undefined);
              setUnit(picked);
            }}
          />
        </div>
        {error !== undefined && <ErrorNotice error={error} />}
        <p className="button-row">
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('placeStep.saving') : t('placeStep.save')}
          </button>
          <button
            type="button"
            className="button button--secondary button--large"
            onClick={() => void navigate(next, { replace: true })}
          >
            {t('placeStep.later')}
          </button>
        </p>
      </form>
    </div>
  );
}
