import type { EnrolmentSummary } from '@hocvuso/contracts';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';

const COURSE_COMPLETED_HEADING = 'course-completed-heading';

/**
 * Where focus goes once a lesson is completed and its button disappears: the link to continue, else the
 * course-completed heading, else `fallback` (the section's heading).
 */
export function focusAfterCompletion(nextLink: HTMLElement | null, fallback: HTMLElement | null): void {
  (nextLink ?? document.getElementById(COURSE_COMPLETED_HEADING) ?? fallback)?.focus();
}

interface LessonDoneProps {
  /** The enrolment as the server returned it with the completion, when it did. */
  enrolment?: EnrolmentSummary;
  /** The next lesson in course order, used when no enrolment came back. */
  fallbackNextId: string | null;
  /** Gets the link to continue with, so the caller can move focus to it. */
  nextLinkRef?: Ref<HTMLAnchorElement>;
  /** The level of the course-completed heading: below the section heading it sits in. */
  headingLevel?: 2 | 3;
  /** This lesson: never offered as the next one (a quiz not passed yet is still the next lesson). */
  currentLessonId?: string;
  /** A quieter link, when another action (trying a quiz again) comes first. */
  secondary?: boolean;
}

/**
 * What comes after a completed lesson: the course progress (or the course-completed panel) and the link
 * to continue. Shared by every kind of lesson.
 */
export function LessonDone(props: LessonDoneProps) {
  const { enrolment, fallbackNextId, nextLinkRef, headingLevel = 3, currentLessonId, secondary } = props;
  const { t } = useTranslation();
  const courseDone = enrolment?.status === 'completed';
  const candidate = enrolment ? enrolment.nextLessonId : fallbackNextId;
  const nextId = candidate === currentLessonId ? fallbackNextId : candidate;
  const nextTitle = enrolment && nextId === enrolment.nextLessonId ? enrolment.nextLessonTitle : null;
  return (
    <>
      {enrolment && !courseDone && (
        <p>
          {t('player.courseProgress', {
            completed: enrolment.completedLessons,
            total: enrolment.totalLessons,
          })}
        </p>
      )}
      {courseDone && <CourseCompleted enrolment={enrolment} headingLevel={headingLevel} />}
      {nextId && (
        <p>
          <Link
            ref={nextLinkRef}
            className={secondary ? 'button button--secondary' : 'button button--large'}
            to={`/lessons/${nextId}`}
          >
            {nextTitle ? t('player.goNext', { title: nextTitle }) : t('player.goNextPlain')}
          </Link>
        </p>
      )}
    </>
  );
}

interface CourseCompletedProps {
  enrolment: EnrolmentSummary;
  headingLevel?: 2 | 3;
}

/** "Congratulations! You have completed the course", with the date and the way to My learning. */
export function CourseCompleted({ enrolment, headingLevel = 2 }: CourseCompletedProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="celebrate stack-sm" aria-labelledby="course-completed-heading">
      <Heading id={COURSE_COMPLETED_HEADING} className="celebrate__title" tabIndex={-1}>
        <span aria-hidden="true">✓ </span>
        {t('done.courseCompletedTitle')}
      </Heading>
      <p>
        {enrolment.completedAt
          ? t('done.courseCompletedOn', {
              title: enrolment.courseTitle,
              date: formatDate(enrolment.completedAt, lang),
            })
          : t('done.courseCompletedBody', { title: enrolment.courseTitle })}
      </p>
      <p className="button-row">
        <Link className="button button--secondary" to="/me/learning">
          {t('player.goMyLearning')}
        </Link>
        <Link className="button button--secondary" to="/me/certificates">
          {t('done.viewCertificates')}
        </Link>
      </p>
      <p className="muted">{t('done.certificateHint')}</p>
    </section>
  );
}
