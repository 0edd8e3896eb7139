import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ComplianceStatus, MyMandate } from '../../api/access-types';
import { ErrorNotice } from '../../components/error-notice';
import { formatDueDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { useMyMandates } from '../../components/mandates/use-my-mandates';

const STATE_ICON: Record<ComplianceStatus, string> = {
  completed: '✓',
  overdue: '⚠',
  in_progress: '◐',
  not_started: '○',
};

const COURSE_ICON: Record<string, string> = { completed: '✓', active: '◐', not_enrolled: '○' };

/**
 * "Bắt buộc": the courses the learner's commune, ward or organisation requires, each mandate with its due
 * date (in the interface language), where the learner stands, and every course with its own status. An overdue
 * mandate says so in words and with an icon, not only in colour. Nothing shows when no mandate applies.
 */
export function MandatesSection() {
  const { t } = useTranslation();
  const { mandates, error, reload } = useMyMandates(true);
  if (error === undefined && (!mandates || mandates.length === 0)) return null;
  return (
    <section className="stack" aria-labelledby="mandates-heading">
      <div className="stack-xs">
        <h2 id="mandates-heading">{t('mandates.heading')}</h2>
        <p className="muted">{t('mandates.intro')}</p>
      </div>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      {mandates && mandates.length > 0 && (
        <ul className="card-list" role="list">
          {mandates.map((mandate) => (
            <MandateCard key={mandate.id} mandate={mandate} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MandateCard({ mandate }: { mandate: MyMandate }) {
  const { t } = useTranslation();
  const lang = useLang();
  // The api decides the status on the Vietnam date; the web shows it.
  const state = mandate.status;
  const overdue = state === 'overdue';
  return (
    <li className={`card mandate mandate--${state} stack-sm`}>
      <h3 className="card__title">{mandate.title}</h3>
      <p className="mandate__due">
        {t('mandates.due', { date: formatDueDate(mandate.dueOn, lang) })}
        {mandate.graceDays > 0 && ` ${t('mandates.grace', { count: mandate.graceDays })}`}
      </p>
      <p className={`status status--mandate-${state}`}>
        <span aria-hidden="true">{STATE_ICON[state]} </span>
        {t(`mandates.state.${state}`)}
      </p>
      {state !== 'completed' && <DaysLeft daysLeft={mandate.daysLeft} overdue={overdue} />}
      <ul className="mandate__courses" role="list">
        {mandate.courses.map((course) => {
          const status = course.status in COURSE_ICON ? course.status : 'not_enrolled';
          const late = overdue && status !== 'completed';
          return (
            <li key={course.id} className="mandate__course">
              <Link to={`/courses/${encodeURIComponent(course.id)}`}>{course.title}</Link>
              <span className={`status status--course-${status}${late ? ' status--late' : ''}`}>
                <span aria-hidden="true">{COURSE_ICON[status]} </span>
                {t(`mandates.courseStatus.${status as 'completed' | 'active' | 'not_enrolled'}`)}
                {late && ` – ${t('mandates.lateCourse')}`}
              </span>
            </li>
          );
        })}
      </ul>
    </li>
  );
}

/**
 * "Còn N ngày" (Vietnam calendar days, counted by the api), "due today", or plainly how many days late once the
 * api says overdue (within the grace days it still counts down to the due date, never a negative number).
 */
function DaysLeft({ daysLeft, overdue }: { daysLeft: number; overdue: boolean }) {
  const { t } = useTranslation();
  const text = overdue
    ? t('mandates.daysLate', { count: Math.max(1, -daysLeft) })
    : daysLeft > 0
      ? t('mandates.daysLeft', { count: daysLeft })
      : daysLeft === 0
        ? t('mandates.dueToday')
        : t('mandates.inGrace');
  return <p className={`mandate__days${overdue ? ' mandate__days--late' : ''}`}>{text}</p>;
}
