import type { CertificateStatusRequest, VerificationResponse } from '@hocvuso/contracts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountApi } from '../../api/account-api';
import { ErrorNotice } from '../../components/error-notice';
import { FieldError } from '../../components/field-error';
import { LiveMessage } from '../../components/live-message';
import { TextAreaField } from '../../components/text-area-field';
import { statusActions } from './verdict';

type Action = CertificateStatusRequest['action'];

interface CertificateStatusFormProps {
  certificateId: string;
  status: VerificationResponse['checks']['status'];
  onChanged: () => void;
}

const REASON_MIN = 3;
const REASON_MAX = 500;

/**
 * For administrators: revoke (final), suspend, or reinstate a certificate, always with a reason, which goes to
 * the audit log. Only the changes that make sense for the current status are offered.
 */
export function CertificateStatusForm({ certificateId, status, onChanged }: CertificateStatusFormProps) {
  const { t } = useTranslation();
  const actions = statusActions(status);
  const [action, setAction] = useState<Action | undefined>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const firstActionRef = useRef<HTMLInputElement>(null);
  const id = useId();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(undefined);
    const trimmed = reason.trim();
    const missingAction = action === undefined;
    const badReason = trimmed.length < REASON_MIN;
    setActionError(missingAction ? t('certificateStatus.actionRequired') : undefined);
    setReasonError(badReason ? t('certificateStatus.reasonRequired', { min: REASON_MIN }) : undefined);
    if (missingAction) return firstActionRef.current?.focus();
    if (badReason) return reasonRef.current?.focus();
    setSaving(true);
    setError(undefined);
    try {
      await accountApi.changeCertificateStatus(certificateId, { action, reason: trimmed });
      setDone(t(`certificateStatus.done.${action}`));
      setAction(undefined);
      setReason('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="panel stack" aria-labelledby={`${id}-heading`}>
      <div className="stack-xs">
        <h2 id={`${id}-heading`}>{t('certificateStatus.heading')}</h2>
        <p className="muted">{t('certificateStatus.intro')}</p>
      </div>
      <LiveMessage>{done}</LiveMessage>
      {actions.length === 0 ? (
        <p>{t('certificateStatus.revokedFinal')}</p>
      ) : (
        <form className="stack" noValidate onSubmit={(e) => void onSubmit(e)}>
          <fieldset
            className={actionError ? 'fieldset field--invalid' : 'fieldset'}
            aria-describedby={actionError ? `${id}-action-error` : undefined}
          >
            <legend className="fieldset__legend">{t('certificateStatus.actionLegend')}</legend>
            {actionError && <FieldError id={`${id}-action-error`}>{actionError}</FieldError>}
            <div className="choices">
              {actions.map((a, index) => (
                <div className="choice" key={a}>
                  <input
                    ref={index === 0 ? firstActionRef : undefined}
                    type="radio"
                    id={`${id}-${a}`}
                    name={`${id}-action`}
                    value={a}
                    checked={action === a}
                    onChange={() => setAction(a)}
                    aria-describedby={`${id}-${a}-hint`}
                  />
                  <label htmlFor={`${id}-${a}`}>
                    <span className="choice__title">{t(`certificateStatus.action.${a}`)}</span>
                    <span className="choice__hint" id={`${id}-${a}-hint`}>
                      {t(`certificateStatus.actionHint.${a}`)}
                    </span>
                  </label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextAreaField
            ref={reasonRef}
            id={`${id}-reason`}
            label={t('certificateStatus.reason')}
            hint={t('certificateStatus.reasonHint')}
            error={reasonError}
            rows={3}
            required
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          {error !== undefined && <ErrorNotice error={error} />}
          <button
            type="submit"
            className={action === 'revoke' ? 'button button--danger' : 'button'}
            disabled={saving}
          >
            {saving
              ? t('certificateStatus.saving')
              : action
                ? t(`certificateStatus.submit.${action}`)
                : t('certificateStatus.submitPlain')}
          </button>
        </form>
      )}
    </section>
  );
}
