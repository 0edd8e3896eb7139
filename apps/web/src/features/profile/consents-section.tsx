import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CONSENT_PURPOSES,
  CONSENT_TEXT_VERSION,
  type ConsentPurpose,
  type ConsentRecord,
  type ProfileResponse,
} from '../../api/access-types';
import { accountApi } from '../../api/account-api';

import { ErrorNotice } from '../../components/error-notice';
import { LiveMessage } from '../../components/live-message';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

interface ConsentsSectionProps {
  consents: ConsentRecord[];
  onChanged: (profile: ProfileResponse) => void;
}

/**
 * Each use of the learner's data in plain words, what they answered and when, and one button to agree or to
 * withdraw. Every answer is recorded with the version of the text the learner read.
 */
export function ConsentsSection({ consents, onChanged }: ConsentsSectionProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ConsentPurpose>();
  const [error, setError] = useState<unknown>();
  const [announcement, setAnnouncement] = useState<string>();

  async function answer(purpose: ConsentPurpose, granted: boolean) {
    setBusy(purpose);
    setError(undefined);
    setAnnouncement(undefined);
    try {
      onChanged(await accountApi.recordConsent({ purpose, textVersion: CONSENT_TEXT_VERSION, granted }));
      setAnnouncement(
        t(granted ? 'consents.grantedNow' : 'consents.withdrawnNow', {
          title: t(`consents.${purpose}.title`),
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="stack" aria-labelledby="consents-heading">
      <div className="stack-xs">
        <h2 id="consents-heading">{t('consents.heading')}</h2>
        <p className="muted">{t('consents.intro', { version: CONSENT_TEXT_VERSION })}</p>
      </div>
      <LiveMessage>{announcement}</LiveMessage>
      {error !== undefined && <ErrorNotice error={error} />}
      <ul className="card-list" role="list">
        {CONSENT_PURPOSES.map((purpose) => (
          <ConsentCard
            key={purpose}
            purpose={purpose}
            record={consents.find((c) => c.purpose === purpose)}
            busy={busy === purpose}
            onAnswer={(granted) => void answer(purpose, granted)}
          />
        ))}
      </ul>
    </section>
  );
}

interface ConsentCardProps {
  purpose: ConsentPurpose;
  record: ConsentRecord | undefined;
  busy: boolean;
  onAnswer: (granted: boolean) => void;
}

function ConsentCard({ purpose, record, busy, onAnswer }: ConsentCardProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const title = t(`consents.${purpose}.title`);
  const granted = record?.granted === true;
  const outdated = granted && record.textVersion !== CONSENT_TEXT_VERSION;
  let state: string;
  if (!record) state = t('consents.notAnswered');
  else if (record.granted) state = t('consents.grantedOn', { date: formatDate(record.at, lang) });
  else state = t('consents.withdrawnOn', { date: formatDate(record.at, lang) });
  return (
    <li className="card stack-sm">
      <h3 className="card__title">{title}</h3>
      <p>{t(`consents.${purpose}.text`)}</p>
      <p className={granted ? 'status status--completed' : 'status status--not_started'}>
        <span aria-hidden="true">{granted ? '✓ ' : '○ '}</span>
        {state}
      </p>
      {outdated && <p className="notice notice--warning">{t('consents.outdated')}</p>}
      <p>
        <button
          type="button"
          className={granted && !outdated ? 'button button--secondary' : 'button'}
          disabled={busy}
          onClick={() => onAnswer(!granted || outdated)}
        >
          {busy ? t('consents.saving') : granted && !outdated ? t('consents.withdraw') : t('consents.grant')}
          <span className="visually-hidden">: {title}</span>
        </button>
      </p>
    </li>
  );
}
