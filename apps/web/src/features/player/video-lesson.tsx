import type { EnrolmentSummary, LessonResponse } from '@hocvuso/contracts';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, prepareCsrfToken } from '../../api/client';
import { changedBy } from '../../api/queries';
import { useInvalidate } from '../../api/use-api-query';
import { Loading } from '../../components/loading';
import { useLang } from '../../i18n/use-lang';
import { HeartbeatSender } from './heartbeat-sender';
import { transcriptTrack } from './transcript';
import { TranscriptPanel } from './transcript-panel';
import { LessonDone } from '../../components/lesson/lesson-done';
import { LessonHeader } from '../../components/lesson/lesson-header';
import type { MediaEventName } from './video-player';
import { WatchTracker } from './watch-tracker';

// video.js is big: it downloads only when a video lesson is opened.
const VideoPlayer = lazy(() => import('./video-player'));

/** Seek heartbeats wait this long, so dragging along the progress bar sends one. */
const SEEK_REPORT_DELAY_MS = 1000;

const clock = () => performance.now();

/**
 * A video lesson: the player in a 16:9 box, what share of the video the learner has watched (by the
 * server's count), the transcript (built from the captions, each cue a button that moves the video there)
 * behind a disclosure button, and the completion once the server says
 * enough was watched. Heartbeats report what was really played (see WatchTracker).
 */
export function VideoLesson({ lesson }: { lesson: LessonResponse }) {
  const { t } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const video = lesson.video!;
  const duration = video.durationSeconds;
  const alreadyDone = lesson.status === 'completed';

  const [serverWatched, setServerWatched] = useState(video.watchedSeconds);
  const [sessionPlayed, setSessionPlayed] = useState(0);
  const [justCompleted, setJustCompleted] = useState(false);
  const [enrolment, setEnrolment] = useState<EnrolmentSummary>();
  const [failed, setFailed] = useState(false);
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  const [playhead, setPlayhead] = useState(video.position);
  const seek = useRef<(seconds: number) => void>(undefined);

  const tracker = useRef<WatchTracker>(undefined);
  tracker.current ??= new WatchTracker({ durationSeconds: duration });
  const sender = useRef<HeartbeatSender>(undefined);
  const completed = useRef(alreadyDone);
  const position = useRef(video.position);
  const seekTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const context = useRef({ courseId: lesson.courseId, lang });
  context.current = { courseId: lesson.courseId, lang };

  useEffect(() => {
    prepareCsrfToken(); // a beacon sent while the page hides cannot wait for it
    const current = new HeartbeatSender({
      send: (body) => api.heartbeat(lesson.id, body, context.current.lang),
      beacon: (body) => api.heartbeatBeacon(lesson.id, body, context.current.lang),
      rateLimitedFor: (e) => (isApiError(e) && e.status === 429 ? (e.retryAfterSeconds ?? 30) : undefined),
      now: clock,
      schedule: (run, ms) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
      onResult: (result) => {
        setServerWatched((watched) => Math.max(watched, result.watchedSeconds));
        if (result.completed && !completed.current) {
          completed.current = true;
          setJustCompleted(true);
          // The heartbeat does not carry the enrolment; ask for it to offer the right next step.
          const { courseId, lang: language } = context.current;
          invalidate(...changedBy.progress(courseId));
          api.courseProgress(courseId, language).then(
            (progress) => progress.enrolment && setEnrolment(progress.enrolment),
            () => undefined,
          );
        }
      },
    });
    sender.current = current;

    const hide = () => current.beacon(tracker.current!.hide(clock()));
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') hide();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', hide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', hide);
      clearTimeout(seekTimer.current);
      hide(); // leaving the lesson inside the app
      current.dispose();
    };
  }, [lesson.id, invalidate]);

  const onMediaEvent = useCallback((name: MediaEventName, at: number, rate: number) => {
    const watch = tracker.current!;
    const send = sender.current;
    const now = clock();
    position.current = at;
    if (name === 'timeupdate' || name === 'seeked') setPlayhead(at);
    switch (name) {
      case 'play':
        watch.play(at, now);
        break;
      case 'timeupdate':
        watch.timeUpdate(at, rate);
        send?.submit(watch.tick(now));
        setSessionPlayed(Math.floor(watch.playedSeconds()));
        break;
      case 'seeking':
        watch.seeking(at);
        break;
      case 'seeked': {
        const body = watch.seeked(at, now);
        if (body) {
          clearTimeout(seekTimer.current);
          seekTimer.current = setTimeout(() => send?.submit(body), SEEK_REPORT_DELAY_MS);
        }
        break;
      }
      case 'pause':
        send?.submit(watch.pause(at, now));
        break;
      case 'ended':
        send?.submit(watch.ended(at, now));
        break;
    }
  }, []);

  const onError = useCallback(() => setFailed(true), []);
  const onReady = useCallback((to: (seconds: number) => void) => {
    seek.current = to;
  }, []);
  const onSeek = useCallback((seconds: number) => seek.current?.(seconds), []);
  const captionLabel = useCallback(
    (language: string) =>
      language === 'vi' || language === 'en' ? t(`language.${language}`) : languageName(language),
    [t],
  );

  const watchedPercent = Math.min(100, Math.floor((Math.max(serverWatched, sessionPlayed) / duration) * 100));
  const requiredPercent = Math.ceil(video.completionThreshold * 100);
  const done = alreadyDone || justCompleted;

  return (
    <>
      <article className="lesson stack">
        <LessonHeader lesson={lesson} />
        <div className="video-frame">
          <Suspense fallback={<VideoPlaceholder poster={video.poster} />}>
            <VideoPlayer
              video={video}
              lang={lang}
              label={t('video.playerLabel', { title: lesson.title })}
              controlTexts={t('videoControls', { returnObjects: true }) as Record<string, string>}
              captionLabel={captionLabel}
              startAt={position.current}
              onMediaEvent={onMediaEvent}
              onError={onError}
              onReady={onReady}
            />
          </Suspense>
        </div>
        {failed && (
          <p className="notice notice--error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('video.loadError')}
          </p>
        )}
        <p className="hint">{t('video.hint')}</p>
        <div className="disclosure stack-sm">
          <button
            type="button"
            className="button button--secondary disclosure__button"
            aria-expanded={transcriptOpen}
            aria-controls="video-transcript"
            onClick={() => setTranscriptOpen((open) => !open)}
          >
            <span className="disclosure__icon" aria-hidden="true" />
            {t('video.showTranscript')}
          </button>
          <div
            id="video-transcript"
            className="disclosure__panel"
            role="region"
            aria-label={t('video.transcriptLabel')}
            hidden={!transcriptOpen}
          >
            <TranscriptPanel
              track={transcriptTrack(video.captions, lesson.language, lang)}
              open={transcriptOpen}
              playhead={playhead}
              onSeek={onSeek}
              fallbackHtml={lesson.html}
              fallbackLang={lesson.language}
            />
          </div>
        </div>
      </article>

      <section className="panel stack-sm" aria-labelledby="lesson-complete-heading">
        <h2 id="lesson-complete-heading">{t('player.completeHeading')}</h2>
        <div className="stack-xs">
          <label className="progress-label" htmlFor="video-watched">
            {t('video.watched', { percent: watchedPercent })}
          </label>
          <progress id="video-watched" className="progress" max={100} value={watchedPercent} />
          {!done && <p className="hint">{t('video.required', { percent: requiredPercent })}</p>}
        </div>
        <div role="status">
          {justCompleted && (
            <p className="notice notice--success">
              <span aria-hidden="true">✓ </span>
              {t('video.completed')}
            </p>
          )}
        </div>
        {alreadyDone && (
          <p className="notice notice--success">
            <span aria-hidden="true">✓ </span>
            {t('video.alreadyCompleted')}
          </p>
        )}
        {done && <LessonDone enrolment={enrolment} fallbackNextId={lesson.nextLessonId} />}
      </section>
    </>
  );
}

/** The 16:9 box while the player downloads: the poster (if any) and a loading line. */
function VideoPlaceholder({ poster }: { poster: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="video-placeholder">
      {poster && <img src={poster} alt="" className="video-placeholder__poster" />}
      <Loading label={t('video.loading')} />
    </div>
  );
}

function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
