import type { HelpLogInput } from '@hocvuso/contracts';
import { HELP_OUTCOMES, type HelpOutcome } from '@hocvuso/domain';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitItem } from '../../api/access-types';
import { communityApi } from '../../api/community-api';
import { communityChangedBy, communityQueries } from '../../api/community-queries';
import { newIdempotencyKey } from '../../api/idempotency-key';
import { useApiQuery, useInvalidate } from '../../api/use-api-query';
import { LiveMessage } from '../../components/live-message';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { UnitPicker } from '../../components/unit-picker';
import { localizedText } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { communityError } from './community-error';
import { vietnamToday } from './session-time';

const REMEMBERED = 'hvs.community.helpLog';

interface Remembered {
  unitPath?: string;
  service?: string;
  outcome?: HelpOutcome;
}

function remembered(): Remembered {
  try {
    return JSON.parse(localStorage.getItem(REMEMBERED) ?? '{}') as Remembered;
  } catch {
    return {};
  }
}

/**
 * A help officer logs help given, from a phone, in one short form: the commune, service and outcome of the last
 * log are remembered, the date is today and the count is one, so a usual log is one tap on "Log".
 */
export function HelpLogPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const services = useApiQuery(communityQueries.services());
  const recent = useApiQuery(communityQueries.myHelpLogs());
  const [last] = useState(remembered);
  const [unit, setUnit] = useState<UnitItem>();
  const [service, setService] = useState(last.service ?? 'public-service-portal');
  const [outcome, setOutcome] = useState<HelpOutcome>(last.outcome ?? 'guided');
  const [people, setPeople] = useState('1');
  const [on, setOn] = useState(vietnamToday());
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [message, setMessage] = useState<string>();
  usePageTitle(t('community.help.title'));
  const serviceName = (id: string) =>
    localizedText(services.data?.items.find((s) => s.id === id)?.name, lang) || id;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setMessage(undefined);
    const count = Number(people);
    if (!Number.isInteger(count) || count < 1 || count > 500)
      return setError(t('community.help.peopleInvalid'));
    if (!unit) return setError(t('community.form.unitRequired'));
    setSaving(true);
    const body: HelpLogInput = {
      unitId: unit.id,
      people: count,
      service: service as HelpLogInput['service'],
      outcome,
      on,
      idempotencyKey: newIdempotencyKey(),
    };
    try {
      const saved = await communityApi.logHelp(body);
      localStorage.setItem(REMEMBERED, JSON.stringify({ unitPath: unit.path, service, outcome }));
      invalidate(...communityChangedBy.helpLog());
      setMessage(t('community.help.saved', { count: saved.people, service: serviceName(saved.service) }));
      setPeople('1');
    } catch (e) {
      setError(communityError(t, e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('community.help.title')}</h1>
        <p className="lead">{t('community.help.intro')}</p>
      </header>
      <form className="panel stack" noValidate onSubmit={(e) => void onSubmit(e)}>
        <UnitPicker
          idPrefix="help-unit"
          legend={t('community.help.unit')}
          withVillages={false}
          initialPath={last.unitPath}
          onChange={setUnit}
        />
        <SelectField
          id="help-service"
          label={t('community.help.service')}
          value={service}
          options={(services.data?.items ?? [{ id: service, name: { vi: service } }]).map((s) => ({
            value: s.id,
            label: localizedText(s.name, lang),
          }))}
          onChange={(e) => setService(e.target.value)}
        />
        <SelectField
          id="help-outcome"
          label={t('community.help.outcome')}
          value={outcome}
          options={HELP_OUTCOMES.map((o) => ({ value: o, label: t(`community.help.outcomes.${o}`) }))}
          onChange={(e) => setOutcome(e.target.value as HelpOutcome)}
        />
        <TextField
          id="help-people"
          type="number"
          inputMode="numeric"
          min={1}
          max={500}
          label={t('community.help.people')}
          hint={t('community.help.peopleHint')}
          value={people}
          onChange={(e) => setPeople(e.target.value)}
        />
        <TextField
          id="help-on"
          type="date"
          label={t('community.help.on')}
          value={on}
          onChange={(e) => setOn(e.target.value)}
        />
        <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>
        <p>
          <button type="submit" className="button button--large" disabled={saving}>
            {saving ? t('community.help.saving') : t('community.help.submit')}
          </button>
        </p>
      </form>
      <LiveMessage>{message}</LiveMessage>
      <section className="stack-sm" aria-labelledby="help-recent">
        <h2 id="help-recent">{t('community.help.recentTitle')}</h2>
        {recent.data?.items.length === 0 && <p>{t('community.help.recentEmpty')}</p>}
        <ul role="list">
          {recent.data?.items.map((log) => (
            <li key={log.id}>
              {log.on} · {serviceName(log.service)} · {t(`community.help.outcomes.${log.outcome}`)} ·{' '}
              {log.people}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
