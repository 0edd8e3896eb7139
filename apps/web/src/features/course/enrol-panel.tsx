import type { CourseProgressResponse } from '@hocvuso/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import { changedBy } from '../../api/queries';
import { type ApiState, useInvalidate } from '../../api/use-api-query';
import { useSession } from '../../session/session';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { signInPath } from '../../session/next-path';

interface EnrolPanelProps {
  courseId: string;
  progress: ApiState<CourseProgressResponse>;
}

/** "Enrol" for newcomers, progress and "Continue" for enrolled learners. */
export function EnrolPanel({ courseId, progress }: EnrolPanelProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const navigate = useNavigate();
  const invalidate = useInvalidate();
  const { me, ready } = useSession();
  const [enrolling, setEnrolling] = useState(false);
  const [enrolError, setEnrolError] = useState<unknown>();
  const [justEnrolled, setJustEnrolled] = useState(false);
  const continueLink = useRef<HTMLAnchorElement>(null);
  const coursePath = `/courses/${encodeURIComponent(courseId)}`;

  // The enrol button disappears once enrolled; put focus on what replaces it.
  useEffect(() => {
    if (justEnrolled && progress.data?.enrolled) continueLink.current?.focus();
  }, [justEnrolled, progress.data?.enrolled]);

  async function onEnrol() {
    if (!me) {
      void navigate(signInPath(coursePath));
      return;
    }
    setEnrolling(true);
    setEnrolError(undefined);
    try {
      const enrolment = await api.enrol(courseId, lang);
      // Show the enrolment at once; the reload then brings each lesson's status.
      progress.setData({
        enrolled: true,
        enrolment,
        lessons: progress.data?.lessons ?? [],
        version: progress.data?.version ?? null,
        newVersion: null,
      });
      setJustEnrolled(true);
      // Reloads the progress on this page (each lesson's status), and My learning and the mandates next.
      invalidate(...changedBy.progress(courseId));
    } catch (e) {
      if (isApiError(e) && e.status === 401) void navigate(signInPath(coursePath));
      else setEnrolError(e);
    } finally {
      setEnrolling(false);
    }
  }

  if (!ready || (me && progress.loading && !progress.data)) return <Loading />;
  if (me && progress.error !== undefined)
    return <ErrorNotice error={progress.error} onRetry={progress.reload} />;

  const enrolment = me ? progress.data?.enrolment : undefined;
  const started = Boolean(enrolment && enrolment.completedLessons > 0);
  return (
    <div className="panel stack-sm">
      {/* Always present, so screen readers announce the message when enrolling succeeds. */}
      <div role="status">
        {justEnrolled && enrolment && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('course.enrolled')}
          </p>
        )}
      </div>
      {!enrolment && (
        <>
          <p>{t('course.enrolHint')}</p>
          {enrolError !== undefined && <ErrorNotice error={enrolError} />}
          <button
            type="button"
            className="button button--large"
            onClick={() => void onEnrol()}
            disabled={enrolling}
          >
            {enrolling ? t('course.enrolling') : t('course.enrol')}
          </button>
        </>
      )}
      {enrolment?.status === 'completed' && (
        <div className="notice notice--success">
          <p className="notice__title">
            <span aria-hidden="true">✓ </span>
            {t('course.completed')}
          </p>
          <p>
            {enrolment.completedAt
              ? t('course.completedOn', { date: formatDate(enrolment.completedAt, lang) })
              : t('course.completedStatus')}
          </p>
          <p>
            <Link to="/me/certificates">{t('done.viewCertificates')}</Link>
          </p>
        </div>
      )}
      {enrolment && (
        <>
          <label className="progress-label" htmlFor="course-progress">
            {t('course.progress', {
              completed: enrolment.completedLessons,
              total: enrolment.totalLessons,
              percent: enrolment.percent,
            })}
          </label>
          <progress
            id="course-progress"
            className="progress"
            max={enrolment.totalLessons}
            value={enrolment.completedLessons}
          />
        </>
      )}
      {enrolment?.nextLessonId && (
        <>
          {enrolment.nextLessonTitle && <p>{t('course.nextLesson', { title: enrolment.nextLessonTitle })}</p>}
          <p>
            <Link
              ref={continueLink}
              className="button button--large"
              to={`/lessons/${enrolment.nextLessonId}`}
            >
              {started ? t('course.continue') : t('course.start')}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
