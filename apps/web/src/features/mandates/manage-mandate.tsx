import type { Mandate } from '@hocvuso/contracts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin-api';
import { adminChangedBy } from '../../api/admin-queries';
import { isApiError } from '../../api/client';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/text-field';

const KNOWN = ['MANDATE_VERSION_STALE', 'MANDATE_EXTEND_NOT_LATER', 'MANDATE_CANCELLED'] as const;
type Known = (typeof KNOWN)[number];
const isKnown = (code: string): code is Known => (KNOWN as readonly string[]).includes(code);

/**
 * Extending and cancelling a mandate (for those holding mandate.create): each with a reason, sent with the
 * version shown, so a change someone else made meanwhile answers 409 and the page reloads instead of
 * overwriting it. The answer says how many people were told, on which channel.
 */
export function ManageMandate({ mandate }: { mandate: Mandate }) {
  const { t } = useTranslation();
  const invalidate = useInvalidate();
  const [dueOn, setDueOn] = useState('');
  const [extendReason, setExtendReason] = useState('');
  const [cancelReason, setCancelReason] = useState('');
  const [confirm, setConfirm] = useState(false);
  const [problem, setProblem] = useState<{ form: 'extend' | 'cancel'; text: string }>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  async function run(form: 'extend' | 'cancel', work: () => Promise<Mandate>, doneText: string) {
    setProblem(undefined);
    setDone(undefined);
    setError(undefined);
    setBusy(true);
    try {
      const m = await work();
      const n = m.notices;
      setDone(`${doneText}${n ? ` ${t('admin.mandateManage.notices', n)}` : ''}`);
      invalidate(...adminChangedBy.mandateChange());
    } catch (e) {
      if (isApiError(e) && isKnown(e.code)) {
        setProblem({ form, text: t(`admin.mandateManage.errors.${e.code}`) });
        if (e.code === 'MANDATE_VERSION_STALE') invalidate(...adminChangedBy.mandateChange());
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  function onExtend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!dueOn || dueOn <= mandate.dueOn)
      return setProblem({ form: 'extend', text: t('admin.mandateManage.problems.dueOn') });
    if (extendReason.trim().length < 3)
      return setProblem({ form: 'extend', text: t('admin.mandateManage.problems.reason') });
    void run(
      'extend',
      () => adminApi.extendMandate(mandate.id, { version: mandate.version, reason: extendReason, dueOn }),
      t('admin.mandateManage.extended'),
    );
  }

  function onCancel(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (cancelReason.trim().length < 3)
      return setProblem({ form: 'cancel', text: t('admin.mandateManage.problems.reason') });
    if (!confirm) return setProblem({ form: 'cancel', text: t('admin.mandateManage.problems.confirm') });
    void run(
      'cancel',
      () => adminApi.cancelMandate(mandate.id, { version: mandate.version, reason: cancelReason }),
      t('admin.mandateManage.cancelledDone'),
    );
  }

  const problemFor = (form: 'extend' | 'cancel') =>
    problem?.form === form ? (
      <p className="field__error" role="alert">
        {problem.text}
      </p>
    ) : null;

  return (
    <section className="stack" aria-labelledby="manage-heading">
      <h2 id="manage-heading">{t('admin.mandateManage.heading')}</h2>
      {done && (
        <p className="notice notice--success" role="status">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      )}
      {error !== undefined && <ErrorNotice error={error} />}
      {mandate.status === 'active' && (
        <>
          <form className="panel stack-sm" noValidate onSubmit={onExtend} aria-labelledby="extend-heading">
            <h3 id="extend-heading">{t('admin.mandateManage.extendHeading')}</h3>
            <TextField
              id="mandate-extend-due"
              type="date"
              label={t('admin.mandateManage.newDue')}
              min={mandate.dueOn}
              value={dueOn}
              onChange={(e) => setDueOn(e.target.value)}
              required
            />
            <TextField
              id="mandate-extend-reason"
              label={t('admin.mandateManage.reason')}
              value={extendReason}
              maxLength={500}
              onChange={(e) => setExtendReason(e.target.value)}
              required
            />
            {problemFor('extend')}
            <p>
              <button className="button" type="submit" disabled={busy}>
                {t('admin.mandateManage.extend')}
              </button>
            </p>
          </form>
          <form className="panel stack-sm" noValidate onSubmit={onCancel} aria-labelledby="cancel-heading">
            <h3 id="cancel-heading">{t('admin.mandateManage.cancelHeading')}</h3>
            <TextField
              id="mandate-cancel-reason"
              label={t('admin.mandateManage.reason')}
              value={cancelReason}
              maxLength={500}
              onChange={(e) => setCancelReason(e.target.value)}
              required
            />
            <div className="checkbox">
              <input
                id="mandate-cancel-confirm"
                type="checkbox"
                checked={confirm}
                onChange={(e) => setConfirm(e.target.checked)}
              />
              <label htmlFor="mandate-cancel-confirm">{t('admin.mandateManage.cancelConfirm')}</label>
            </div>
            {problemFor('cancel')}
            <p>
              <button className="button button--danger" type="submit" disabled={busy}>
                {t('admin.mandateManage.cancel')}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
