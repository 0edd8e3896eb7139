import type { EnrolmentSummary } from '@hocvuso/contracts';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { isApiError } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { usePageTitle } from '../../components/page-title';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { signInPath } from '../../session/next-path';
import { PathSection } from '../placement';
import { MandatesSection } from './mandates-section';
import { ProfilePrompt } from './profile-prompt';

/** The learner's enrolments with progress and a way back in. */
export function MyLearningPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const learning = useApiQuery(queries.myLearning(lang));
  usePageTitle(t('learning.title'));

  if (isApiError(learning.error) && learning.error.status === 401)
    return <Navigate to={signInPath('/me/learning')} replace />;

  return (
    <div className="stack-lg">
      <header className="stack-sm">
        <h1>{t('learning.title')}</h1>
        <p className="lead">{t('learning.intro')}</p>
      </header>
      <ProfilePrompt />
      <PathSection />
      <MandatesSection />
      {learning.error !== undefined && <ErrorNotice error={learning.error} onRetry={learning.reload} />}
      {!learning.data && learning.error === undefined && <Loading />}
      {learning.data &&
        (learning.data.items.length === 0 ? (
          <div className="panel stack-sm">
            <p>{t('learning.empty')}</p>
            <p>
              <Link className="button" to="/">
                {t('learning.browse')}
              </Link>
            </p>
          </div>
        ) : (
          <ul className="card-list" role="list">
            {learning.data.items.map((enrolment) => (
              <EnrolmentCard key={enrolment.courseId} enrolment={enrolment} />
            ))}
          </ul>
        ))}
    </div>
  );
}

function EnrolmentCard({ enrolment }: { enrolment: EnrolmentSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const progressId = `progress-${enrolment.courseId}`;
  const coursePath = `/courses/${encodeURIComponent(enrolment.courseId)}`;
  const done = enrolment.status === 'completed';
  return (
    <li className={done ? 'card card--completed stack-sm' : 'card stack-sm'}>
      <h2 className="card__title">
        <Link to={coursePath}>{enrolment.courseTitle}</Link>
      </h2>
      <p className={done ? 'status status--completed status--badge' : 'status status--in_progress'}>
        <span aria-hidden="true">{done ? '✓ ' : '◐ '}</span>
        {t('learning.statusLabel', { status: t(`enrolmentStatus.${enrolment.status}`) })}
      </p>
      <div className="stack-xs">
        <label className="progress-label" htmlFor={progressId}>
          {t('learning.progress', {
            completed: enrolment.completedLessons,
            total: enrolment.totalLessons,
            percent: enrolment.percent,
          })}
        </label>
        <progress
          id={progressId}
          className="progress"
          max={enrolment.totalLessons || 1}
          value={enrolment.completedLessons}
        />
      </div>
      <p className="muted">
        {done && enrolment.completedAt
          ? t('learning.completedOn', { date: formatDate(enrolment.completedAt, lang) })
          : t('learning.enrolledOn', { date: formatDate(enrolment.enrolledAt, lang) })}
      </p>
      {enrolment.nextLessonId ? (
        <>
          {enrolment.nextLessonTitle && (
            <p>{t('learning.nextLesson', { title: enrolment.nextLessonTitle })}</p>
          )}
          <p>
            <Link className="button" to={`/lessons/${enrolment.nextLessonId}`}>
              {enrolment.completedLessons > 0 ? t('learning.continue') : t('learning.start')}
              <span className="visually-hidden">: {enrolment.courseTitle}</span>
            </Link>
          </p>
        </>
      ) : (
        <p className="button-row">
          <Link className="button button--secondary" to={coursePath}>
            {t('learning.review')}
            <span className="visually-hidden">: {enrolment.courseTitle}</span>
          </Link>
          {done && (
            <Link className="button button--secondary" to="/me/certificates">
              {t('learning.certificates')}
            </Link>
          )}
        </p>
      )}
    </li>
  );
}
