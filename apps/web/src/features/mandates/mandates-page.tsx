import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { adminQueries } from '../../api/admin-queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDueDate, formatList } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { groupNames } from '../../components/group-names';
import { useAllCourses } from '../../components/use-all-courses';

/** The mandates (required courses) in the administrator's area, soonest due first. */
export function MandatesPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const mandates = useApiQuery(adminQueries.mandates());
  const courses = useAllCourses();
  usePageTitle(t('admin.mandates.title'));
  const titleOf = (id: string) => courses.data?.find((c) => c.id === id)?.title ?? id;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('admin.mandates.title')}</h1>
        <p className="lead">{t('admin.mandates.intro')}</p>
      </header>
      <p>
        <Link className="button" to="/admin/mandates/new">
          <span aria-hidden="true">+ </span>
          {t('admin.mandates.create')}
        </Link>
      </p>
      {mandates.error !== undefined && <ErrorNotice error={mandates.error} onRetry={mandates.reload} />}
      {!mandates.data && mandates.error === undefined && <Loading />}
      {mandates.data &&
        (mandates.data.items.length === 0 ? (
          <div className="panel">
            <p>{t('admin.mandates.empty')}</p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {mandates.data.items.map((m) => (
              <li key={m.id} className="card stack-xs">
                <h2 className="card__title">
                  <Link to={`/admin/mandates/${m.id}`}>{m.title}</Link>
                </h2>
                <p>
                  {t('admin.mandates.due', { date: formatDueDate(m.dueOn, lang) })}
                  {m.graceDays > 0 && ` ${t('admin.mandates.grace', { count: m.graceDays })}`}
                </p>
                <p>{t('admin.mandates.courses', { list: formatList(m.courseIds.map(titleOf), lang) })}</p>
                <p className="muted">
                  {t('admin.mandates.audience', {
                    group: m.targetGroup ? groupNames(t, [m.targetGroup])[0] : t('admin.mandates.everyone'),
                  })}
                </p>
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
