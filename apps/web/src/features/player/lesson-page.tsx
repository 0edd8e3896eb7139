import type { LessonResponse } from '@hocvuso/contracts';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { queries } from '../../api/queries';
import { useApiQuery } from '../../api/use-api-query';
import { CourseVersionNotice } from '../../components/course-version/course-version-notice';
import { ErrorNotice } from '../../components/error-notice';
import { HtmlContent } from '../../components/html-content';
import { Loading } from '../../components/loading';
import { NotFound } from '../../components/not-found';
import { usePageTitle } from '../../components/page-title';
import { useLang } from '../../i18n/use-lang';
import { signInPath } from '../../session/next-path';
import { useSession } from '../../session/session';
import { lessonQueuedOnDevice, openLessonSyncFirst, type QueueState } from '../offline';
import { ChecklistLesson } from './checklist-lesson';
import { DocumentLesson } from './document-lesson';
import { LessonCompletion } from './lesson-completion';
import { LessonHeader } from '../../components/lesson/lesson-header';
import { AssistantLauncher } from '../assistant';
import { LessonOutline } from './lesson-outline';
import { ReadAloud } from './read-aloud';
import { useReachedEnd } from './use-reached-end';

// A video or quiz lesson's code downloads with the first such lesson: a text lesson, the commonest on a slow
// phone, does not carry the player and the quiz (docs/low-data.md, "Budgets"). A downloaded course stores both
// (the offline shell plugin collects the lesson page's lazy chunks).
const VideoLesson = lazy(async () => ({ default: (await import('./video-lesson')).VideoLesson }));
const QuizLesson = lazy(async () => ({ default: (await import('../assessment')).QuizLesson }));

export function LessonPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { lessonId = '' } = useParams();
  const { me, ready } = useSession();
  const userId = me?.id;
  const query = queries.lesson(lessonId, lang);
  // Opening a video online settles its watch credit at the server's now: what the device queued offline for this
  // lesson is synced first, or the server would refuse it as already accounted for (docs/offline.md). So when the
  // device holds events of this lesson, the lesson waits for the session (whose queue) and then for that sync;
  // if the sync did not go through, the lesson opens from the learner's download and the server is asked only
  // after a later sync (the runner's retry reloads the page's data). Otherwise (nearly always) it is fetched at
  // once, beside the session.
  const [queued, setQueued] = useState<{ lessonId: string; any: boolean }>();
  useEffect(() => {
    let current = true;
    void lessonQueuedOnDevice(lessonId).then((any) => current && setQueued({ lessonId, any }));
    return () => {
      current = false;
    };
  }, [lessonId]);
  const mustSync = queued?.lessonId === lessonId ? queued.any : undefined;
  /** The lesson whose answer is the device's download because its queue is still waiting for the server. */
  const [onDevice, setOnDevice] = useState<{ lessonId: string; queue: Exclude<QueueState, 'clear'> }>();
  const lesson = useApiQuery(
    {
      ...query,
      queryFn: async (ctx) => {
        const opened =
          mustSync && userId
            ? await openLessonSyncFirst(userId, lessonId, lang, () => query.queryFn(ctx))
            : { from: 'server' as const, lesson: await query.queryFn(ctx) };
        setOnDevice(opened.from === 'device' ? { lessonId, queue: opened.state } : undefined);
        return opened.lesson;
      },
    },
    { enabled: mustSync === false || (mustSync === true && ready) },
  );
  usePageTitle(lesson.data?.id === lessonId ? lesson.data.title : undefined);

  if (lesson.error !== undefined) {
    const e = lesson.error;
    if (isApiError(e) && e.status === 401)
      return <Navigate to={signInPath(`/lessons/${lessonId}`)} replace />;
    if (isApiError(e) && e.code === 'NOT_ENROLLED') return <NotEnrolled courseId={courseIdOf(e.details)} />;
    if (isApiError(e) && e.status === 404) return <NotFound message={t('errors.LESSON_NOT_FOUND')} />;
    return <ErrorNotice error={e} onRetry={lesson.reload} />;
  }
  // While the next lesson loads, do not keep showing the previous one.
  if (!lesson.data || lesson.data.id !== lessonId) return <Loading />;
  // A fresh reading state (end marker, countdown) for each lesson.
  const queue = onDevice?.lessonId === lessonId ? onDevice.queue : undefined;
  return <LessonView key={lesson.data.id} lesson={lesson.data} queue={queue} />;
}

/**
 * `queue`: the lesson is the download's copy, since its progress queued on the device could not be sent (see
 * LessonPage); the player keeps queueing until a sync goes through.
 */
function LessonView({ lesson, queue }: { lesson: LessonResponse; queue?: Exclude<QueueState, 'clear'> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const coursePath = `/courses/${encodeURIComponent(lesson.courseId)}`;
  const progress = useApiQuery(queries.courseProgress(lesson.courseId, lang));
  // A newer version of the course waiting for this learner (they keep theirs until they move).
  const newVersion = progress.data?.newVersion ?? null;
  // The outline of the version the learner reads (as on the course page), for "Bài 2/9" and the list of lessons.
  const version = progress.data?.version?.current === false ? progress.data.version.id : undefined;
  const course = useApiQuery(queries.course(lesson.courseId, lang, version), {
    enabled: progress.data !== undefined,
  });
  return (
    <div className="stack-lg">
      <nav className="breadcrumb" aria-label={t('player.breadcrumb')}>
        <ol>
          <li>
            <Link to="/">{t('nav.catalogue')}</Link>
          </li>
          <li>
            <Link to={coursePath} lang={lesson.language}>
              {lesson.courseTitle}
            </Link>
          </li>
        </ol>
      </nav>

      {course.data && <LessonOutline lessonId={lesson.id} course={course.data} progress={progress.data} />}
      <CourseVersionNotice courseId={lesson.courseId} notice={newVersion} compact />
      {queue && (
        <p className="notice notice--info" role="status">
          {t('player.queueWaiting')}
        </p>
      )}
      {lesson.reread && (
        <p className="notice notice--info" role="note">
          {t('player.reread')}
        </p>
      )}
      <ReadAloud lesson={lesson} />
      <LessonBody lesson={lesson} queue={queue} />

      <nav className="lesson-nav" aria-label={t('player.lessonNav')}>
        <ul role="list">
          {lesson.previousLessonId && (
            <li>
              <Link
                className="button button--secondary"
                to={`/lessons/${lesson.previousLessonId}`}
                rel="prev"
              >
                <span aria-hidden="true">← </span>
                {t('player.previous')}
              </Link>
            </li>
          )}
          {lesson.nextLessonId && (
            <li>
              <Link className="button button--secondary" to={`/lessons/${lesson.nextLessonId}`} rel="next">
                {t('player.next')}
                <span aria-hidden="true"> →</span>
              </Link>
            </li>
          )}
          <li>
            <Link className="button button--secondary" to={coursePath}>
              {t('player.backToCourse')}
            </Link>
          </li>
        </ul>
      </nav>

      <AssistantLauncher courseId={lesson.courseId} />
    </div>
  );
}

/** The lesson itself and the way to complete it, by kind. */
function LessonBody({ lesson, queue }: { lesson: LessonResponse; queue?: Exclude<QueueState, 'clear'> }) {
  switch (lesson.kind) {
    case 'video':
      if (lesson.video)
        return (
          <Suspense fallback={<Loading />}>
            <VideoLesson lesson={lesson} queueState={queue} />
          </Suspense>
        );
      break;
    case 'quiz':
      return (
        <Suspense fallback={<Loading />}>
          <QuizLesson lesson={lesson} />
        </Suspense>
      );
    case 'checklist':
    case 'document':
      return (
        <>
          <article className="lesson stack">
            <LessonHeader lesson={lesson} />
            <HtmlContent html={lesson.html} lang={lesson.language} className="lesson__body" />
          </article>
          {lesson.kind === 'checklist' ? (
            <ChecklistLesson lesson={lesson} />
          ) : (
            <DocumentLesson lesson={lesson} />
          )}
        </>
      );
    case 'text':
      break;
  }
  return <TextLesson lesson={lesson} />;
}

function TextLesson({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const { endRef, reachedEnd } = useReachedEnd();
  return (
    <>
      <article className="lesson stack">
        <LessonHeader lesson={lesson} />
        <HtmlContent html={lesson.html} lang={lesson.language} className="lesson__body" />
        <p ref={endRef} className="end-marker">
          <span>{t('player.endOfLesson')}</span>
        </p>
      </article>
      <LessonCompletion lesson={lesson} reachedEnd={reachedEnd} />
    </>
  );
}

function courseIdOf(details: unknown): string | undefined {
  if (details && typeof details === 'object' && 'courseId' in details) {
    const id = (details as { courseId: unknown }).courseId;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}

function NotEnrolled({ courseId }: { courseId?: string }) {
  const { t } = useTranslation();
  usePageTitle(t('player.notEnrolled'));
  return (
    <section className="stack">
      <h1>{t('player.notEnrolled')}</h1>
      <p>
        <Link className="button" to={courseId ? `/courses/${encodeURIComponent(courseId)}` : '/'}>
          {courseId ? t('player.goToCourse') : t('notFound.home')}
        </Link>
      </p>
    </section>
  );
}
