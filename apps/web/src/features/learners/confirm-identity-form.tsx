import type { AdminLearner, DigitalIdentity } from '@hocvuso/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin-api';
import { adminQueries } from '../../api/admin-queries';
import { isApiError } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { CheckboxField } from '../../components/checkbox-field';
import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { type ConfirmForm, confirmProblems, toConfirmInput } from './in-person-form';

const KEYS = ['vneidLevel2', 'bankAccount'] as const;
const KNOWN = ['IDENTITY_CONFIRM_SELF', 'LEARNER_NOT_FOUND'] as const;
const isKnown = (code: string): code is (typeof KNOWN)[number] => (KNOWN as readonly string[]).includes(code);

/**
 * "Xác nhận trực tiếp": the helper ticks what they saw with their own eyes (the VNeID app at level 2, a bank
 * app in use) and confirms. A box left empty says nothing; confirming twice changes nothing (the api keeps one
 * record). The answer shows the learner's declarations as they now stand.
 */
export function ConfirmIdentityForm({ learner }: { learner: AdminLearner }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form, setForm] = useState<ConfirmForm>({ vneidLevel2: false, bankAccount: false });
  const [problem, setProblem] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const current = useApiQuery(adminQueries.learnerDigitalIdentity(learner.id));

  const stateOf = (identity: DigitalIdentity, key: (typeof KEYS)[number]) => {
    const d = identity[key];
    const what = t(`admin.confirmIdentity.${key}.short`);
    if (!d) return t('admin.confirmIdentity.stateNone', { what });
    return t(`admin.confirmIdentity.state.${d.source}.${d.value ? 'yes' : 'no'}`, {
      what,
      date: formatDate(d.at, lang),
      who: d.confirmedBy ?? '',
    });
  };
  const describe = (identity: DigitalIdentity) => KEYS.map((key) => stateOf(identity, key)).join(' ');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setDone(false);
    if (confirmProblems(form).length > 0) {
      setProblem(t('admin.confirmIdentity.problems.nothingTicked'));
      document.getElementById('confirm-vneidLevel2')?.focus();
      return;
    }
    setProblem(undefined);
    setBusy(true);
    try {
      current.setData(await adminApi.confirmDigitalIdentity(learner.id, toConfirmInput(form)));
      setDone(true);
      setForm({ vneidLevel2: false, bankAccount: false });
    } catch (e) {
      if (isApiError(e) && isKnown(e.code)) setProblem(t(`admin.confirmIdentity.errors.${e.code}`));
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="stack" aria-labelledby="confirm-identity-heading">
      <div className="stack-xs">
        <h2 id="confirm-identity-heading">{t('admin.confirmIdentity.heading')}</h2>
        <p className="muted">{t('admin.confirmIdentity.intro', { name: learner.displayName })}</p>
      </div>
      {current.error !== undefined && <ErrorNotice error={current.error} onRetry={current.reload} />}
      {!current.data && current.error === undefined && <Loading />}
      {current.data && (
        <div className="stack-xs">
          <h3 id="confirm-identity-now">{t('admin.confirmIdentity.now')}</h3>
          <ul>
            {KEYS.map((key) => (
              <li key={key}>{stateOf(current.data!, key)}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset className="fieldset">
          <legend className="fieldset__legend">{t('admin.confirmIdentity.legend')}</legend>
          <div className="checkbox-list">
            {KEYS.map((key, index) => (
              <CheckboxField
                key={key}
                id={`confirm-${key}`}
                label={t(`admin.confirmIdentity.${key}.label`)}
                hint={t(`admin.confirmIdentity.${key}.hint`)}
                error={index === 0 ? problem : undefined}
                checked={form[key]}
                onChange={(e) => {
                  const checked = e.target.checked;
                  setProblem(undefined);
                  setForm((f) => ({ ...f, [key]: checked }));
                }}
              />
            ))}
          </div>
        </fieldset>
        {error !== undefined && <ErrorNotice error={error} />}
        <LiveMessage>
          {done && current.data && `${t('admin.confirmIdentity.done')} ${describe(current.data)}`}
        </LiveMessage>
        <p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? t('admin.confirmIdentity.saving') : t('admin.confirmIdentity.submit')}
          </button>
        </p>
      </form>
    </section>
  );
}
