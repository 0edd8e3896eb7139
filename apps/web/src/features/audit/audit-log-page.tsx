import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from '../../api/admin-api';
import type { AuditEntry } from '../../api/access-types';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { SelectField } from '../../components/select-field';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { AUDIT_FILTERS, auditActionKey, auditValue } from './audit-actions';

const PAGE = 30;

/**
 * The audit log of the administrator's area, newest first: who did what to whom, when, and why, with the
 * values before and after. Read-only; older entries load on request.
 */
export function AuditLogPage() {
  const { t } = useTranslation();
  const lang = useLang();
  usePageTitle(t('admin.audit.title'));
  const [filter, setFilter] = useState<string>('');
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  // Every request of the current filter, first page and older ones alike: changing the filter aborts them all,
  // so a late older page never lands in another filter's list.
  const requests = useRef<AbortController>(new AbortController());

  const load = useCallback(
    async (before: string | undefined) => {
      const signal = requests.current.signal;
      setLoading(true);
      setError(undefined);
      try {
        const page = await adminApi.auditLog({ action: filter || undefined, before, limit: PAGE }, signal);
        if (signal.aborted) return;
        setItems((current) => (before ? [...current, ...page.items] : page.items));
        setNext(page.next);
      } catch (e) {
        if (!signal.aborted) setError(e);
      } finally {
        if (!signal.aborted) setLoading(false);
      }
    },
    [filter],
  );

  useEffect(() => {
    const controller = new AbortController();
    requests.current = controller;
    void load(undefined);
    return () => controller.abort();
  }, [load]);

  const label = (action: string) => {
    const key = auditActionKey(action);
    return key ? t(`admin.audit.actions.${key}`) : action;
  };

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.audit.title')}</h1>
        <p className="lead">{t('admin.audit.intro')}</p>
      </header>
      <SelectField
        id="audit-filter"
        label={t('admin.audit.filter')}
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        options={AUDIT_FILTERS.map((f) => ({ value: f.value, label: t(`admin.audit.filters.${f.key}`) }))}
      />
      {error !== undefined && <ErrorNotice error={error} onRetry={() => void load(undefined)} />}
      {items.length === 0 && loading && <Loading />}
      {items.length === 0 && !loading && error === undefined && (
        <div className="panel">
          <p>{t('admin.audit.empty')}</p>
        </div>
      )}
      {items.length > 0 && (
        <ol className="card-list" role="list" aria-label={t('admin.audit.listLabel')}>
          {items.map((entry) => (
            <AuditCard key={entry.id} entry={entry} label={label(entry.action)} lang={lang} />
          ))}
        </ol>
      )}
      {next && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            disabled={loading}
            onClick={() => void load(next)}
          >
            {loading ? t('admin.loading') : t('admin.audit.older')}
          </button>
        </p>
      )}
    </div>
  );
}

function AuditCard({ entry, label, lang }: { entry: AuditEntry; label: string; lang: string }) {
  const { t } = useTranslation();
  const before = auditValue(entry.before);
  const after = auditValue(entry.after);
  return (
    <li className="card stack-sm">
      <h2 className="card__title">{label}</h2>
      <dl className="facts facts--compact">
        <div>
          <dt>{t('admin.audit.when')}</dt>
          <dd>{formatDateTime(entry.at, lang)}</dd>
        </div>
        <div>
          <dt>{t('admin.audit.who')}</dt>
          <dd>
            {entry.actor
              ? (entry.actor.displayName ?? t('admin.audit.deletedPerson'))
              : t('admin.audit.system')}
          </dd>
        </div>
        <div>
          <dt>{t('admin.audit.subject')}</dt>
          <dd className="break-all">
            {t(`admin.audit.subjects.${entry.subjectType}`, { defaultValue: entry.subjectType })}:{' '}
            {entry.subjectId}
          </dd>
        </div>
        {entry.reason && (
          <div>
            <dt>{t('admin.audit.reason')}</dt>
            <dd>{entry.reason}</dd>
          </div>
        )}
      </dl>
      {(before || after) && (
        <details className="disclosure-details">
          <summary>
            {t('admin.audit.changes')}
            <span className="visually-hidden">: {label}</span>
          </summary>
          {before && (
            <>
              <h3>{t('admin.audit.before')}</h3>
              <pre className="mail-text">{before}</pre>
            </>
          )}
          {after && (
            <>
              <h3>{t('admin.audit.after')}</h3>
              <pre className="mail-text">{after}</pre>
            </>
          )}
        </details>
      )}
    </li>
  );
}
