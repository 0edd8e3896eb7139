import { SUB_GROUPS, TARGET_GROUPS } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type AssistedRegistrationResult,
  CONSENT_PURPOSES,
  CONSENT_TEXT_VERSION,
} from '../../api/access-types';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { CheckboxField } from '../../components/checkbox-field';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { useFieldProblems } from '../../components/use-field-problems';
import { toggleCode } from '../../components/code-set';
import {
  emptyRegistrationForm,
  type RegistrationField,
  type RegistrationForm,
  registrationProblems,
  toAssistedRegistration,
} from './assisted-registration';
import { FormThenCode, SignInCodeDone } from './sign-in-code-hand-over';
import { adminChangedBy } from '../../api/admin-queries';

/** Where each field's first control is, for the error summary's links and the focus. */
const FIELD_TARGET: Record<RegistrationField, string> = {
  displayName: 'registration-name',
  phone: 'registration-phone',
  unit: 'registration-unit-province',
  targetGroups: `registration-group-${TARGET_GROUPS[0]}`,
  readInPerson: 'registration-in-person',
};

/**
 * A community helper registers a person who has no e-mail (phone only), with the consents the person gave on
 * the spot, and gets a one-time sign-in code to hand over. The code is shown once, large.
 */
export function AssistedRegistrationPage() {
  const { t } = useTranslation();
  return (
    <FormThenCode<AssistedRegistrationResult>
      form={(props) => <RegistrationFormView {...props} />}
      done={(result, onAnother) => (
        <SignInCodeDone
          title={t('admin.registration.doneTitle', { name: result.displayName })}
          displayName={result.displayName}
          phone={result.phone}
          signInCode={result.signInCode}
          anotherLabel={t('admin.registration.another')}
          onAnother={onAnother}
        />
      )}
    />
  );
}

interface RegistrationFormViewProps {
  /** Focus the first field (after "Register another person"). */
  autoFocus: boolean;
  onDone: (result: AssistedRegistrationResult) => void;
}

function RegistrationFormView({ autoFocus, onDone }: RegistrationFormViewProps) {
  const { t } = useTranslation();
  // The helper's own commune is where most people they register live: the pickers start there.
  const own = useApiQuery(queries.profile());
  const invalidate = useInvalidate();
  const [form, setForm] = useState<RegistrationForm>(emptyRegistrationForm);
  const problems = useFieldProblems(FIELD_TARGET);
  const { problemOf, show: showProblems, clear } = problems;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const nameRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('admin.registration.title'));

  useEffect(() => {
    if (autoFocus) nameRef.current?.focus();
  }, [autoFocus]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const found = registrationProblems(form).map(
      ([field, problem]) =>
        [field, t(`admin.registration.problems.${problem}`)] as [RegistrationField, string],
    );
    if (found.length > 0) return showProblems(found);
    problems.clearAll();
    setSaving(true);
    try {
      onDone(await adminApi.registerPerson(toAssistedRegistration(form)));
      invalidate(...adminChangedBy.registration());
    } catch (e) {
      const code = isApiError(e) ? e.code : undefined;
      if (code === 'ACCOUNT_EXISTS') showProblems([['phone', t('admin.registration.problems.phoneTaken')]]);
      else if (code === 'INVALID_PHONE')
        showProblems([['phone', t('admin.registration.problems.phoneInvalid')]]);
      else if (code === 'UNIT_NOT_FOUND')
        showProblems([['unit', t('admin.registration.problems.unitOutOfScope')]]);
      else if (code === 'UNIT_TOO_BROAD')
        showProblems([['unit', t('admin.registration.problems.unitTooBroad')]]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  const setText = (field: 'displayName' | 'phone') => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [field]: e.target.value }));
    clear(field);
  };
  const inPersonProblem = problemOf('readInPerson');

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.registration.title')}</h1>
        <p className="lead">{t('admin.registration.intro')}</p>
        <p>
          {t('admin.registration.newCodeQuestion')}{' '}
          <Link to="/admin/registrations/new-code">{t('admin.registration.newCodeLink')}</Link>
        </p>
      </header>
      <ErrorSummary
        problems={problems.summary}
        title={t('admin.registration.summary')}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          ref={nameRef}
          id="registration-name"
          label={t('admin.registration.displayName')}
          hint={t('admin.registration.displayNameHint')}
          error={problemOf('displayName')}
          autoComplete="off"
          maxLength={120}
          required
          value={form.displayName}
          onChange={setText('displayName')}
        />
        <TextField
          id="registration-phone"
          type="tel"
          inputMode="tel"
          label={t('admin.registration.phone')}
          hint={t('admin.registration.phoneHint')}
          error={problemOf('phone')}
          autoComplete="off"
          maxLength={20}
          required
          value={form.phone}
          onChange={setText('phone')}
        />

        {own.data || own.error !== undefined ? (
          <UnitPicker
            idPrefix="registration-unit"
            legend={t('admin.registration.unit')}
            hint={t('admin.registration.unitHint')}
            error={problemOf('unit')}
            initialPath={own.data?.unit?.path}
            onChange={(unit) => {
              setForm((f) => ({ ...f, unit }));
              if (unit) clear('unit');
            }}
          />
        ) : (
          <Loading />
        )}

        <CodeCheckboxes
          idPrefix="registration-group"
          legend={t('admin.registration.targetGroups')}
          hint={t('admin.registration.targetGroupsHint')}
          error={problemOf('targetGroups')}
          codes={TARGET_GROUPS}
          label={(code) => t(`targetGroup.${code}`)}
          selected={form.targetGroups}
          onChange={(targetGroups) => {
            setForm((f) => ({ ...f, targetGroups }));
            clear('targetGroups');
          }}
        />
        <CodeCheckboxes
          idPrefix="registration-subgroup"
          legend={t('admin.registration.subGroups')}
          hint={t('admin.registration.subGroupsHint')}
          codes={SUB_GROUPS}
          label={(code) => t(`subGroup.${code}`)}
          selected={form.subGroups}
          onChange={(subGroups) => setForm((f) => ({ ...f, subGroups }))}
        />

        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('admin.registration.consentsLegend')}</legend>
          <p className="field__hint">
            {t('admin.registration.consentsIntro', { version: CONSENT_TEXT_VERSION })}
          </p>
          <div className="checkbox-list">
            {CONSENT_PURPOSES.map((purpose) => (
              <CheckboxField
                key={purpose}
                id={`registration-consent-${purpose}`}
                label={t('admin.registration.consentAgreed', { title: t(`consents.${purpose}.title`) })}
                hint={t(`consents.${purpose}.text`)}
                checked={form.agreed.includes(purpose)}
                onChange={(e) => {
                  const on = e.target.checked;
                  setForm((f) => ({
                    ...f,
                    agreed: toggleCode(f.agreed, purpose, on, CONSENT_PURPOSES) as RegistrationForm['agreed'],
                  }));
                }}
              />
            ))}
          </div>
          <CheckboxField
            id="registration-in-person"
            label={t('admin.registration.inPerson')}
            hint={t('admin.registration.inPersonHint')}
            error={inPersonProblem}
            checked={form.readInPerson}
            onChange={(e) => {
              const on = e.target.checked;
              setForm((f) => ({ ...f, readInPerson: on }));
              clear('readInPerson');
            }}
          />
        </fieldset>

        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('admin.registration.saving') : t('admin.registration.submit')}
          </button>
        </p>
      </form>
    </div>
  );
}
