import { useTranslation } from 'react-i18next';
import { adminQueries } from '../../api/admin-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDateTime } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

/**
 * The latest e-mails the platform sent or tried to send: without SMTP (a small deployment), the only place
 * to read them. Each shows to whom, when, whether it went out, and its text on request. Only system
 * administrators reach it: the admin area shows the others NoAccess (ADMIN_AREAS in admin-areas.ts).
 */
export function MailOutboxPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const outbox = useApiQuery(adminQueries.mailOutbox());
  usePageTitle(t('admin.outbox.title'));
  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.outbox.title')}</h1>
        <p className="lead">{t('admin.outbox.intro')}</p>
      </header>
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={outbox.reload}
          disabled={outbox.loading}
        >
          {t('admin.outbox.refresh')}
        </button>
      </p>
      {outbox.error !== undefined && <ErrorNotice error={outbox.error} onRetry={outbox.reload} />}
      {!outbox.data && outbox.error === undefined && <Loading />}
      {outbox.data &&
        (outbox.data.items.length === 0 ? (
          <div className="panel">
            <p>{t('admin.outbox.empty')}</p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {outbox.data.items.map((mail) => (
              <li key={mail.id} className="card stack-sm">
                <h2 className="card__title">{mail.subject}</h2>
                <p
                  className={
                    mail.sentAt
                      ? 'status status--completed'
                      : mail.error
                        ? 'status status--wrong'
                        : 'status status--in_progress'
                  }
                >
                  <span aria-hidden="true">{mail.sentAt ? '✓ ' : mail.error ? '✗ ' : '◐ '}</span>
                  {mail.sentAt
                    ? t('admin.outbox.sent', { date: formatDateTime(mail.sentAt, lang) })
                    : mail.error
                      ? t('admin.outbox.failed', { count: mail.attempts })
                      : t('admin.outbox.waiting')}
                </p>
                <dl className="facts facts--compact">
                  <div>
                    <dt>{t('admin.outbox.to')}</dt>
                    <dd className="break-all">{mail.toAddress}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.outbox.created')}</dt>
                    <dd>{formatDateTime(mail.createdAt, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('admin.outbox.transport')}</dt>
                    <dd>{t(`admin.outbox.transports.${mail.transport}`)}</dd>
                  </div>
                  {mail.error && (
                    <div>
                      <dt>{t('admin.outbox.error')}</dt>
                      <dd lang="en">{mail.error}</dd>
                    </div>
                  )}
                </dl>
                <details className="disclosure-details">
                  <summary>
                    {t('admin.outbox.showText')}
                    <span className="visually-hidden">: {mail.subject}</span>
                  </summary>
                  <pre className="mail-text">{mail.text}</pre>
                </details>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
