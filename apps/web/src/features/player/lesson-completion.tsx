import type { EnrolmentSummary, LessonResponse } from '@hocvuso/contracts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';
import { ErrorNotice } from '../../components/error-notice';
import { numberDetail } from '../../components/error-message';
import { formatSeconds } from '../../i18n/format';
import { useLang } from '../../i18n/use-lang';
import { signInPath } from '../../session/next-path';
import { focusAfterCompletion, LessonDone } from '../../components/lesson/lesson-done';
import { useSession } from '../../session/session';
import { isOfflineError, queueCompletion, useOfflineReading } from '../offline';
import { useReadingCountdown } from './use-reading-countdown';

interface LessonCompletionProps {
  lesson: LessonResponse;
  reachedEnd: boolean;
}

/**
 * The end of a text lesson: it can be marked complete once read to the end and after the minimum reading
 * time, counted down from the server's figure (the server's answer wins when the clocks disagree).
 */
export function LessonCompletion({ lesson, reachedEnd }: LessonCompletionProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const navigate = useNavigate();
  const alreadyDone = lesson.status === 'completed';
  const { remaining, waitAtLeast } = useReadingCountdown(lesson.readSecondsRemaining, !alreadyDone);
  const [saving, setSaving] = useState(false);
  const [tooSoon, setTooSoon] = useState<number>();
  /** The refusal said another lesson of the course was opened since, so this lesson's clock had stopped. */
  const [clockStopped, setClockStopped] = useState(false);
  const [error, setError] = useState<unknown>();
  const [summary, setSummary] = useState<EnrolmentSummary>();
  /** Marked read with the network off: queued on the device, credited by the server at the next sync. */
  const [queued, setQueued] = useState(false);
  const { me } = useSession();
  const endOfflineStint = useOfflineReading(lesson);
  const nextLink = useRef<HTMLAnchorElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // The button goes away after success: continue from the next-lesson link (or what replaced the button).
  useEffect(() => {
    if (summary) focusAfterCompletion(nextLink.current, heading.current);
  }, [summary]);

  async function onComplete() {
    setSaving(true);
    setError(undefined);
    setTooSoon(undefined);
    setClockStopped(false);
    try {
      setSummary(await api.completeLesson(lesson.id, lang));
      invalidate(...changedBy.progress(lesson.courseId));
    } catch (e) {
      const seconds =
        isApiError(e) && e.code === 'LESSON_READ_TOO_SOON'
          ? numberDetail(e.details, 'secondsRemaining')
          : undefined;
      if (seconds !== undefined) {
        // The server counts reading time for one lesson of a course at a time (the one opened last). If
        // another lesson was opened since (another tab), opening this one again restarts its clock.
        const stopped = isApiError(e) && openLessonDetail(e.details) === false;
        if (stopped) await api.lesson(lesson.id, lang).catch(() => undefined);
        waitAtLeast(seconds);
        setTooSoon(seconds);
        setClockStopped(stopped);
      } else if (isOfflineError(e) && me) {
        await endOfflineStint();
        if (await queueCompletion(me.id, lesson.courseId, lesson.id)) setQueued(true);
        else setError(e);
      } else if (isApiError(e) && e.status === 401) {
        void navigate(signInPath(`/lessons/${lesson.id}`));
      } else {
        setError(e);
      }
    } finally {
      setSaving(false);
    }
  }

  const canComplete = reachedEnd && remaining === 0 && !saving;
  const done = alreadyDone || summary !== undefined || queued;

  let announcement = '';
  if (summary) announcement = t('player.success');
  else if (tooSoon !== undefined && remaining > 0)
    announcement = t(clockStopped ? 'player.tooSoonOtherLesson' : 'player.tooSoon', {
      time: formatSeconds(t, tooSoon),
    });
  else if (!done && reachedEnd && remaining === 0) announcement = t('player.ready');

  let hint = '';
  if (!done && !reachedEnd) hint = t('player.needEnd');
  else if (!done && remaining > 0) hint = t('player.wait', { time: formatSeconds(t, remaining) });

  return (
    <section className="panel stack-sm completion" aria-labelledby="lesson-complete-heading">
      <h2 id="lesson-complete-heading" ref={heading} tabIndex={-1}>
        {t('player.completeHeading')}
      </h2>

      <div id="lesson-complete-status" role="status" className="stack-sm">
        {announcement && (
          <p className={summary || !tooSoon ? 'notice notice--success' : 'notice notice--warning'}>
            <span aria-hidden="true">{summary || !tooSoon ? '✓ ' : '⏳ '}</span>
            {announcement}
          </p>
        )}
      </div>

      {alreadyDone && !summary && (
        <p className="notice notice--success">
          <span aria-hidden="true">✓ </span>
          {t('player.alreadyDone')}
        </p>
      )}

      {!done && (
        <>
          {hint && (
            <p id="lesson-complete-hint" className="hint">
              {hint}
            </p>
          )}
          {error !== undefined && <ErrorNotice error={error} />}
          <button
            type="button"
            className="button button--large"
            disabled={!canComplete}
            aria-describedby={hint ? 'lesson-complete-hint' : undefined}
            onClick={() => void onComplete()}
          >
            {saving ? t('player.saving') : t('player.markComplete')}
          </button>
        </>
      )}

      {queued && (
        <p className="notice notice--info">
          <span aria-hidden="true">⏳ </span>
          {t('offline.queuedReading')}
        </p>
      )}

      {done && !queued && (
        <LessonDone enrolment={summary} fallbackNextId={lesson.nextLessonId} nextLinkRef={nextLink} />
      )}
    </section>
  );
}

/** `details.openLesson` of a LESSON_READ_TOO_SOON answer: false when another lesson of the course is the open one. */
function openLessonDetail(details: unknown): boolean | undefined {
  if (typeof details !== 'object' || details === null) return undefined;
  const value = (details as Record<string, unknown>).openLesson;
  return typeof value === 'boolean' ? value : undefined;
}
