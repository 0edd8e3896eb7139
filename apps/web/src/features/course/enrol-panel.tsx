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
import { type IntentStorage, rememberEnrolIntent, takeEnrolIntent } from './enrol-intent';

/** This tab's sessionStorage, when the browser lets the page use it. */
function tabStorage(): IntentStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

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
  // Enrolling because the person pressed "Enrol" before signing in (enrol-intent.ts), not by a press here.
  const [resuming, setResuming] = useState(false);
  /** The course whose waiting wish was looked for already (once per course shown). */
  const intentChecked = useRef<string>(undefined);
  const continueLink = useRef<HTMLAnchorElement>(null);
  const coursePath = `/courses/${encodeURIComponent(courseId)}`;

  /** Sign in (or up) first; the wish to enrol waits in this tab and is carried out on coming back. */
  function signInToEnrol() {
    const storage = tabStorage();
    if (storage) rememberEnrolIntent(storage, courseId, Date.now());
    void navigate(signInPath(coursePath));
  }

  // The enrol button disappears once enrolled; put focus on what replaces it.
  useEffect(() => {
    if (justEnrolled && progress.data?.enrolled) continueLink.current?.focus();
  }, [justEnrolled, progress.data?.enrolled]);

  async function onEnrol() {
    if (!me) {
      signInToEnrol();
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
      if (isApiError(e) && e.status === 401) signInToEnrol();
      else setEnrolError(e);
    } finally {
      setEnrolling(false);
      setResuming(false);
    }
  }

  // Back from signing in or up after pressing "Enrol": finish what was asked, once, instead of asking again
  // (already enrolled, say from another tab, the wish is simply used up).
  const known = Boolean(me && progress.data);
  useEffect(() => {
    if (!known || intentChecked.current === courseId) return;
    intentChecked.current = courseId;
    const storage = tabStorage();
    if (!storage || !takeEnrolIntent(storage, courseId, Date.now()) || progress.data?.enrolled) return;
    setResuming(true);
    void onEnrol();
    // onEnrol and the progress are read as they are when the answer first arrives; it runs once per page.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- guarded by intentChecked, see above
  }, [known, courseId]);

  if (!ready || (me && progress.loading && !progress.data)) return <Loading />;
  if (me && progress.error !== undefined)
    return <ErrorNotice error={progress.error} onRetry={progress.reload} />;

  const enrolment = me ? progress.data?.enrolment : undefined;
  const started = Boolean(enrolment && enrolment.completedLessons > 0);
  return (
    <div className="panel stack-sm">
      {/* Always present, so screen readers announce the message when enrolling succeeds. */}
      <div role="status">
        {resuming && !enrolment && <p>{t('course.enrollingForYou')}</p>}
        {justEnrolled && enrolment && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('course.enrolled')}
          </p>
        )}
      </div>
      {!enrolment && !resuming && (
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
