import type { DigitalIdentity, DigitalIdentityInput } from '@hocvuso/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { accountQueries } from '../../api/account-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { ErrorSummary } from '../../components/error-summary';
import { LiveMessage } from '../../components/live-message';
import { Loading } from '../../components/loading';
import { useFieldProblems } from '../../components/use-field-problems';
import { YesNoField } from '../../components/yes-no-field';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import {
  changesDeclarations,
  DECLARATION_KEYS,
  type DeclarationKey,
  declarationState,
  type DigitalIdentityForm,
  digitalIdentityForm,
  digitalIdentityProblems,
  toDigitalIdentityInput,
  withdrawal,
} from './digital-identity';

const FIELD_TARGET: Record<DeclarationKey, string> = {
  vneidLevel2: 'digital-identity-vneidLevel2-yes',
  bankAccount: 'digital-identity-bankAccount-yes',
};

/**
 * "Danh tính số": the learner says whether their VNeID account is at level 2 and whether they have a bank
 * account they use on the phone. Each answer shows who stands behind it (the learner, or a helper who saw it
 * face to face) and since when; a "yes" the learner gave can be withdrawn (the history is kept by the api).
 */
export function DigitalIdentitySection() {
  const { t } = useTranslation();
  const current = useApiQuery(accountQueries.digitalIdentity());
  return (
    <section className="stack" aria-labelledby="digital-identity-heading">
      <div className="stack-xs">
        <h2 id="digital-identity-heading">{t('digitalIdentity.heading')}</h2>
        <p className="muted">{t('digitalIdentity.intro')}</p>
      </div>
      {current.error !== undefined && <ErrorNotice error={current.error} onRetry={current.reload} />}
      {!current.data && current.error === undefined && <Loading />}
      {current.data && <DeclarationsForm current={current.data} onSaved={current.setData} />}
    </section>
  );
}

interface DeclarationsFormProps {
  current: DigitalIdentity;
  onSaved: (identity: DigitalIdentity) => void;
}

function DeclarationsForm({ current, onSaved }: DeclarationsFormProps) {
  const { t } = useTranslation();
  const [form, setForm] = useState<DigitalIdentityForm>(() => digitalIdentityForm(current));
  const problems = useFieldProblems(FIELD_TARGET);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();

  async function save(input: DigitalIdentityInput, done: string) {
    setError(undefined);
    setAnnouncement(undefined);
    setSaving(true);
    try {
      const saved = await accountApi.declareDigitalIdentity(input);
      onSaved(saved);
      setForm(digitalIdentityForm(saved));
      setAnnouncement(done);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAnnouncement(undefined);
    const found = digitalIdentityProblems(form).map(
      ([key, problem]) => [key, t(`digitalIdentity.problems.${problem}`)] as [DeclarationKey, string],
    );
    if (found.length > 0) return problems.show(found);
    problems.clearAll();
    if (!changesDeclarations(form, current)) return setAnnouncement(t('digitalIdentity.unchanged'));
    void save(toDigitalIdentityInput(form), t('digitalIdentity.saved'));
  }

  return (
    <>
      <ErrorSummary
        problems={problems.summary}
        title={t('digitalIdentity.summary')}
        focusKey={problems.focusKey}
      />
      <ul className="card-list" role="list">
        {DECLARATION_KEYS.map((key) => (
          <DeclarationCard
            key={key}
            which={key}
            current={current}
            busy={saving}
            onWithdraw={(input) =>
              void save(input, t('digitalIdentity.withdrawn', { what: t(`digitalIdentity.${key}.title`) }))
            }
          />
        ))}
      </ul>
      <form
        className="panel stack"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="digital-identity-form-heading"
      >
        <h3 id="digital-identity-form-heading">{t('digitalIdentity.formHeading')}</h3>
        {DECLARATION_KEYS.map((key) => (
          <YesNoField
            key={key}
            id={`digital-identity-${key}`}
            legend={t(`digitalIdentity.${key}.question`)}
            hint={t(`digitalIdentity.${key}.hint`)}
            error={problems.problemOf(key)}
            yesLabel={t(`digitalIdentity.${key}.yes`)}
            noLabel={t(`digitalIdentity.${key}.no`)}
            value={form[key]}
            onChange={(value) => {
              problems.clear(key);
              setForm((f) => ({ ...f, [key]: value }));
            }}
          />
        ))}
        {error !== undefined && <ErrorNotice error={error} />}
        <LiveMessage>{announcement}</LiveMessage>
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('digitalIdentity.saving') : t('digitalIdentity.save')}
          </button>
        </p>
      </form>
    </>
  );
}

interface DeclarationCardProps {
  which: DeclarationKey;
  current: DigitalIdentity;
  busy: boolean;
  onWithdraw: (input: DigitalIdentityInput) => void;
}

/** One declaration as it stands: yes or no, declared by the learner or confirmed by a helper, and when. */
function DeclarationCard({ which, current, busy, onWithdraw }: DeclarationCardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const d = current[which];
  const state = declarationState(d);
  const title = t(`digitalIdentity.${which}.title`);
  const withdraw = withdrawal(current, which);
  const yes = state === 'selfYes' || state === 'helperYes';
  return (
    <li className="card stack-sm">
      <h3 className="card__title">{title}</h3>
      <p className={yes ? 'status status--completed' : 'status status--not_started'}>
        <span aria-hidden="true">{yes ? '✓ ' : '○ '}</span>
        {t(`digitalIdentity.state.${state}`, {
          date: d ? formatDate(d.at, lang) : '',
          who: d?.confirmedBy
            ? t('digitalIdentity.helperNamed', { name: d.confirmedBy })
            : t('digitalIdentity.helperUnnamed'),
        })}
      </p>
      {withdraw && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy}
            onClick={() => onWithdraw(withdraw)}
          >
            {t('digitalIdentity.withdraw')}
            <span className="visually-hidden">: {title}</span>
          </button>
        </p>
      )}
    </li>
  );
}
