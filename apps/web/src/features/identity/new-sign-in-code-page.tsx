import { normalizeVietnamesePhone } from '@hocvuso/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ReissuedSignInCode } from '../../api/access-types';
import { adminApi } from '../../api/admin-api';
import { isApiError } from '../../api/client';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { usePageTitle } from '../../components/page-title';
import { TextField } from '../../components/text-field';
import { useFieldProblems } from '../../components/use-field-problems';
import { isVietnamesePhone } from '../../components/phone';
import { FormThenCode, SignInCodeDone } from './sign-in-code-hand-over';

type Field = 'phone' | 'identityChecked';
const FIELD_TARGET: Record<Field, string> = { phone: 'new-code-phone', identityChecked: 'new-code-identity' };

/**
 * A community helper gives a new one-time sign-in code to a person of their area who signs in with a phone
 * number only and lost their code or forgot their password, after checking who they are face to face.
 */
export function NewSignInCodePage() {
  const { t } = useTranslation();
  return (
    <FormThenCode<ReissuedSignInCode>
      form={(props) => <NewCodeForm {...props} />}
      done={(result, onAnother) => (
        <SignInCodeDone
          title={t('admin.newCode.doneTitle', { name: result.displayName })}
          lead={t(result.recovery ? 'admin.newCode.doneRecovery' : 'admin.newCode.doneLostCode')}
          displayName={result.displayName}
          phone={result.phone}
          signInCode={result.signInCode}
          recovery={result.recovery}
          anotherLabel={t('admin.newCode.another')}
          onAnother={onAnother}
        />
      )}
    />
  );
}

function NewCodeForm({ autoFocus, onDone }: { autoFocus: boolean; onDone: (r: ReissuedSignInCode) => void }) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [identityChecked, setIdentityChecked] = useState(false);
  const problems = useFieldProblems(FIELD_TARGET);
  const { problemOf, show, clear } = problems;
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const phoneRef = useRef<HTMLInputElement>(null);
  usePageTitle(t('admin.newCode.title'));
  useEffect(() => {
    if (autoFocus) phoneRef.current?.focus();
  }, [autoFocus]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    const found: Array<[Field, string]> = [];
    if (!isVietnamesePhone(phone)) found.push(['phone', t('admin.registration.problems.phoneInvalid')]);
    if (!identityChecked) found.push(['identityChecked', t('admin.newCode.problems.identityRequired')]);
    if (found.length > 0) return show(found);
    problems.clearAll();
    setSaving(true);
    try {
      onDone(
        await adminApi.reissueSignInCode({ phone: normalizeVietnamesePhone(phone), identityChecked: true }),
      );
    } catch (e) {
      const code = isApiError(e) ? e.code : undefined;
      if (code === 'PERSON_NOT_FOUND') show([['phone', t('admin.newCode.problems.notFound')]]);
      else if (code === 'SIGN_IN_CODE_NOT_ALLOWED') show([['phone', t('admin.newCode.problems.notAllowed')]]);
      else setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.newCode.title')}</h1>
        <p className="lead">{t('admin.newCode.intro')}</p>
      </header>
      <ErrorSummary
        problems={problems.summary}
        title={t('admin.newCode.summary')}
        focusKey={problems.focusKey}
      />
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <TextField
          ref={phoneRef}
          id="new-code-phone"
          type="tel"
          inputMode="tel"
          label={t('admin.registration.phone')}
          hint={t('admin.newCode.phoneHint')}
          error={problemOf('phone')}
          autoComplete="off"
          maxLength={20}
          required
          value={phone}
          onChange={(e) => {
            setPhone(e.target.value);
            clear('phone');
          }}
        />
        <CheckboxField
          id="new-code-identity"
          label={t('admin.newCode.identityChecked')}
          hint={t('admin.newCode.identityCheckedHint')}
          error={problemOf('identityChecked')}
          checked={identityChecked}
          onChange={(e) => {
            setIdentityChecked(e.target.checked);
            clear('identityChecked');
          }}
        />
        {error !== undefined && <ErrorNotice error={error} />}
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('admin.newCode.saving') : t('admin.newCode.submit')}
          </button>
        </p>
      </form>
      <p>
        <Link to="/admin/registrations">{t('admin.newCode.backToRegistration')}</Link>
      </p>
    </div>
  );
}
