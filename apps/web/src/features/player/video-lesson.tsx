import type {
  EnrolmentSummary,
  HeartbeatRequest,
  LessonResponse,
  VideoAnswerResult,
  VideoQuestionView,
} from '@hocvuso/contracts';
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
import { pinToStopAt, rewindFrom } from './video-pins';
import type { MediaEventName, PlayerControls } from './video-player';
import { VideoQuestionDialog } from './video-question-dialog';
import { VideoQuestionList } from './video-question-list';
import { WatchTracker } from './watch-tracker';
import { CaptionSizeChoice } from './caption-size-choice';
import { type CaptionSize, rememberCaptionSize, storedCaptionSize } from './caption-fit';
import { videoJsTexts } from './video-js-texts';
import { connectionHint, useLowData } from '../../session/use-low-data';
import { posterFor, type QualityChoice, qualityChoices, renditionOf, startingQuality } from './renditions';
import { useRenditions } from './use-renditions';
import { useSession } from '../../session/session';
import {
  answerGoesToDevice,
  isOfflineError,
  type QueueState,
  queuedAnswersOf,
  queueHeartbeat,
  queueVideoAnswer,
  syncBeforeOnline,
} from '../offline';

// video.js is big: it downloads only when a video lesson is opened.
const VideoPlayer = lazy(() => import('./video-player'));

/** Seek heartbeats wait this long, so dragging along the progress bar sends one. */
const SEEK_REPORT_DELAY_MS = 1000;

const clock = () => performance.now();

/** This device's localStorage, when the browser lets the page use it. */
function deviceStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * A video lesson: the player in a 16:9 box, what share of the video the learner has watched (by the
 * server's count), the transcript (built from the captions, each cue a button that moves the video there)
 * behind a disclosure button, and the completion once the server says
 * enough was watched. Heartbeats report what was really played (see WatchTracker).
 */
export function VideoLesson({
  lesson,
  queueState,
}: {
  lesson: LessonResponse;
  /** What the lesson page's sync left of this video's queue, when it opened the lesson from the download. */
  queueState?: Exclude<QueueState, 'clear'>;
}) {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const invalidate = useInvalidate();
  const lessonVideo = lesson.video!;
  // Low-data mode (docs/low-data.md): the low rendition, the poster's small copy, nothing else before play.
  const lowData = useLowData().on;
  const renditions = useRenditions(lessonVideo.hls);
  const [chosenQuality, setChosenQuality] = useState<QualityChoice>();
  const quality = chosenQuality ?? (renditions && startingQuality(renditions, lowData, connectionHint()));
  const rendition = renditions && quality ? renditionOf(renditions, quality) : undefined;
  // In low-data mode the player waits for the playlist, so it never starts on the master's higher renditions.
  const waitForRenditions = lowData && renditions === undefined;
  const video = {
    ...lessonVideo,
    hls: rendition?.uri ?? lessonVideo.hls,
    poster: posterFor(lessonVideo, lowData),
  };
  const [captionSize, setCaptionSize] = useState<CaptionSize>(() => storedCaptionSize(deviceStorage()));
  const duration = video.durationSeconds;
  const alreadyDone = lesson.status === 'completed';

  const [heartbeatWatched, setServerWatched] = useState(video.watchedSeconds);
  // The lesson read again (after a sync of the device's queue) may know more than this page's heartbeats.
  const serverWatched = Math.max(heartbeatWatched, video.watchedSeconds);
  const [sessionPlayed, setSessionPlayed] = useState(0);
  const [justCompleted, setJustCompleted] = useState(false);
  const [enrolment, setEnrolment] = useState<EnrolmentSummary>();
  const [failed, setFailed] = useState(false);
  /** Heartbeats are being saved on the device (offline, a downloaded course), to be credited at sync. */
  const [savedOffline, setSavedOffline] = useState(false);
  const userId = useSession().me?.id;
  const [transcriptOpen, setTranscriptOpen] = useState(false);
  const [playhead, setPlayhead] = useState(video.position);
  const controls = useRef<PlayerControls>(undefined);
  const [questions, setQuestions] = useState(video.questions);
  const [questionProgress, setQuestionProgress] = useState(video.questionProgress);
  const [openQuestionId, setOpenQuestionId] = useState<string>();
  const [furthest, setFurthest] = useState(video.position);
  const pins = useRef(video.questions);
  pins.current = questions;
  /** Questions answered on this device while offline, waiting in the queue to be graded at sync. */
  const [queuedIds, setQueuedIds] = useState<ReadonlySet<string>>(() => new Set());
  const queuedAnswers = useRef(queuedIds);
  queuedAnswers.current = queuedIds;
  const lastAt = useRef(video.position);
  const seekFrom = useRef<number>(undefined);

  const tracker = useRef<WatchTracker>(undefined);
  tracker.current ??= new WatchTracker({ durationSeconds: duration });
  const sender = useRef<HeartbeatSender>(undefined);
  const completed = useRef(alreadyDone);
  const position = useRef(video.position);
  const seekTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** What the device's queue holds of this video ('unknown' until the first heartbeat asks, or the page says). */
  const queue = useRef<QueueState | 'unknown'>(queueState ?? 'unknown');
  const context = useRef({ courseId: lesson.courseId, lang, userId });
  context.current = { courseId: lesson.courseId, lang, userId };

  useEffect(() => {
    prepareCsrfToken(); // a beacon sent while the page hides cannot wait for it
    // With the network off, a downloaded course's heartbeats are queued on the device (docs/offline.md).
    const queueOffline = async (body: HeartbeatRequest): Promise<boolean> => {
      const { userId: user, courseId } = context.current;
      if (!user) return false;
      const queued = await queueHeartbeat(user, courseId, lesson.id, body).catch(() => false);
      if (queued) {
        queue.current = 'offline';
        setSavedOffline(true);
      }
      return queued;
    };
    // Queued heartbeats of this video go to the server before any online one: an online heartbeat settles the
    // video's bucket at the server's now, and queued ones from before it would then be refused (OVERLAP).
    const syncFirst = () => {
      const { userId: user, lang: language } = context.current;
      return user
        ? syncBeforeOnline(user, lesson.id, language).then((state) => (queue.current = state))
        : undefined;
    };
    const current = new HeartbeatSender({
      gate: () => (navigator.onLine && queue.current !== 'clear' ? syncFirst() : undefined),
      send: async (body) => {
        // The server did not take the queue: this heartbeat waits on the device too, behind the queued ones.
        if (!navigator.onLine || queue.current === 'failed') {
          if ((await queueOffline(body)) || !navigator.onLine) throw new Error('offline');
        }
        try {
          const answer = await api.heartbeat(lesson.id, body, context.current.lang);
          setSavedOffline(false);
          return answer;
        } catch (e) {
          if (isOfflineError(e)) void queueOffline(body);
          throw e;
        }
      },
      // Leaving while the queue goes first (or waits): this last heartbeat joins the queue instead of overtaking it.
      beacon: (body) => {
        const online =
          navigator.onLine && !current.waiting && (queue.current === 'clear' || queue.current === 'unknown');
        if (online) api.heartbeatBeacon(lesson.id, body, context.current.lang);
        else
          void queueOffline(body).then((queued) => {
            if (!queued && navigator.onLine) api.heartbeatBeacon(lesson.id, body, context.current.lang);
          });
      },
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

  // Answers queued earlier on this device (the page was left or reloaded offline) are not asked again. A sync
  // while the page is open leaves the marks: the answer was sent, and the server's verdict shows when the lesson
  // is opened again.
  useEffect(() => {
    if (!userId || video.questions.length === 0) return;
    let live = true;
    void queuedAnswersOf(userId, lesson.id).then((ids) => {
      if (live) setQueuedIds((known) => new Set([...known, ...ids]));
    });
    return () => {
      live = false;
    };
  }, [userId, lesson.id, video.questions.length]);

  /** Pauses at a pinned question and opens it (after a seek past it, the video moves back to it first). */
  const stopAt = useCallback((question: { id: string; at: number }, moveBack: boolean) => {
    if (moveBack) controls.current?.seek(question.at);
    controls.current?.pause();
    setOpenQuestionId(question.id);
  }, []);

  const onMediaEvent = useCallback(
    (name: MediaEventName, at: number, rate: number) => {
      const watch = tracker.current!;
      const send = sender.current;
      const now = clock();
      position.current = at;
      if (name === 'timeupdate' || name === 'seeked') {
        setPlayhead(at);
        setFurthest((f) => Math.max(f, at));
      }
      const pinsNow = pins.current.map((q) => ({
        id: q.id,
        at: q.at,
        answered: q.answer !== null || queuedAnswers.current.has(q.id),
      }));
      switch (name) {
        case 'play':
          watch.play(at, now);
          break;
        case 'timeupdate': {
          watch.timeUpdate(at, rate);
          send?.submit(watch.tick(now));
          setSessionPlayed(Math.floor(watch.playedSeconds()));
          const pin =
            seekFrom.current === undefined ? pinToStopAt(pinsNow, lastAt.current, at, false) : undefined;
          if (seekFrom.current === undefined) lastAt.current = at;
          if (pin) stopAt(pin, false);
          break;
        }
        case 'seeking':
          watch.seeking(at);
          seekFrom.current ??= lastAt.current;
          break;
        case 'seeked': {
          const body = watch.seeked(at, now);
          if (body) {
            clearTimeout(seekTimer.current);
            seekTimer.current = setTimeout(() => send?.submit(body), SEEK_REPORT_DELAY_MS);
          }
          // Seeking forward past an unanswered question stops at it.
          const pin = pinToStopAt(pinsNow, seekFrom.current ?? at, at, true);
          seekFrom.current = undefined;
          lastAt.current = pin ? pin.at : at;
          if (pin) stopAt(pin, true);
          break;
        }
        case 'pause':
          send?.submit(watch.pause(at, now));
          break;
        case 'ended':
          send?.submit(watch.ended(at, now));
          break;
      }
    },
    [stopAt],
  );

  const onError = useCallback(() => setFailed(true), []);
  const onReady = useCallback((player: PlayerControls) => {
    controls.current = player;
  }, []);
  const onSeek = useCallback((seconds: number) => controls.current?.seek(seconds), []);

  const openQuestion = questions.find((q) => q.id === openQuestionId);
  const closeQuestion = (rewind: boolean) => {
    const question = openQuestion;
    setOpenQuestionId(undefined);
    if (question && rewind) {
      const to = rewindFrom(question.at);
      lastAt.current = to;
      controls.current?.seek(to);
    }
    controls.current?.focus();
    if (rewind || question?.answer || (question && queuedAnswers.current.has(question.id)))
      controls.current?.play();
  };
  const submitAnswer = async (
    question: VideoQuestionView,
    answer: string | string[],
  ): Promise<VideoAnswerResult | 'queued'> => {
    // The video paused at the pin, and its pause heartbeat tells the server how far the learner watched: the
    // answer goes once that heartbeat has its answer (a heartbeat is answered when it is stored, on the device
    // when offline: the queue is sent oldest first, so the answer follows it).
    await sender.current?.answered();
    // Offline (a downloaded course), or while this video's heartbeats wait on the device, the answer waits there
    // too and is graded at sync (docs/offline.md).
    const { userId: user, courseId } = context.current;
    const onDevice = async () => {
      const queued =
        user !== undefined &&
        (await queueVideoAnswer(user, courseId, lesson.id, question.id, answer).catch(() => false));
      if (queued) setQueuedIds((ids) => new Set(ids).add(question.id));
      return queued;
    };
    if (answerGoesToDevice(navigator.onLine, queue.current) && (await onDevice())) return 'queued';
    let result: Awaited<ReturnType<typeof api.answerVideoQuestion>>;
    try {
      result = await api.answerVideoQuestion(lesson.id, question.id, answer, lang);
    } catch (e) {
      if (isOfflineError(e) && (await onDevice())) return 'queued';
      throw e;
    }
    const { replayed: _replayed, questionProgress: progress, status, enrolment: summary, ...stored } = result;
    setQuestions((list) => list.map((q) => (q.id === question.id ? { ...q, answer: stored } : q)));
    setQuestionProgress(progress);
    if (status === 'completed' && !completed.current) {
      completed.current = true;
      setJustCompleted(true);
      setEnrolment(summary);
    }
    invalidate(...changedBy.progress(lesson.courseId));
    return stored;
  };
  const reached = (q: VideoQuestionView) =>
    furthest >= q.at - 1 || serverWatched >= q.at * video.completionThreshold;
  const captionLabel = useCallback(
    (language: string) =>
      language === 'vi' || language === 'en' ? t(`language.${language}`) : languageName(language),
    [t],
  );

  const watchedPercent = Math.min(100, Math.floor((Math.max(serverWatched, sessionPlayed) / duration) * 100));
  const requiredPercent = Math.ceil(video.completionThreshold * 100);
  const done = alreadyDone || justCompleted;
  const questionsPending =
    watchedPercent >= requiredPercent && questionProgress.answered < questionProgress.required;

  return (
    <>
      <article className="lesson stack">
        <LessonHeader lesson={lesson} />
        <div className="video-frame" data-caption-size={captionSize}>
          <Suspense fallback={<VideoPlaceholder poster={video.poster} />}>
            {waitForRenditions ? (
              <VideoPlaceholder poster={null} />
            ) : (
              <VideoPlayer
                video={video}
                lowData={lowData}
                lang={lang}
                label={t('video.playerLabel', { title: lesson.title })}
                controlTexts={videoJsTexts(i18n.getResource(lang, 'translation', 'videoControls'))}
                captionLabel={captionLabel}
                startAt={position.current}
                onMediaEvent={onMediaEvent}
                onError={onError}
                onReady={onReady}
              />
            )}
          </Suspense>
        </div>
        {openQuestion && (
          <VideoQuestionDialog
            key={openQuestion.id}
            question={openQuestion}
            number={questions.indexOf(openQuestion) + 1}
            total={questions.length}
            lang={lesson.language}
            submit={(answer) => submitAnswer(openQuestion, answer)}
            onRewind={() => closeQuestion(true)}
            onContinue={() => closeQuestion(false)}
          />
        )}
        {failed && (
          <p className="notice notice--error" role="alert">
            <span aria-hidden="true">⚠ </span>
            {t('video.loadError')}
          </p>
        )}
        <p className="hint">{t('video.hint')}</p>
        {savedOffline && (
          <p className="notice" role="status">
            {t('offline.queuedWatch')}
          </p>
        )}
        {renditions && renditions.length > 0 && quality && (
          <div className="field video-quality">
            <label htmlFor="video-quality">{t('video.quality.label')}</label>
            <select
              id="video-quality"
              value={quality}
              aria-describedby="video-quality-hint"
              onChange={(event) => setChosenQuality(event.target.value as QualityChoice)}
            >
              {qualityChoices(renditions).map((choice) => (
                <option key={choice} value={choice}>
                  {choice === 'audio' || choice === 'auto' ? t(`video.quality.${choice}`) : choice}
                </option>
              ))}
            </select>
            <p id="video-quality-hint" className="field__hint">
              {t(lowData ? 'video.quality.lowDataHint' : 'video.quality.hint')}
            </p>
          </div>
        )}
        {video.captions.length > 0 && (
          <CaptionSizeChoice
            value={captionSize}
            onChange={(size) => {
              setCaptionSize(size);
              rememberCaptionSize(deviceStorage(), size);
            }}
          />
        )}
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

      {questions.length > 0 && (
        <VideoQuestionList
          questions={questions}
          queued={queuedIds}
          progress={questionProgress}
          reached={reached}
          openId={openQuestionId}
          onAnswer={(q) => {
            controls.current?.pause();
            setOpenQuestionId(q.id);
          }}
          lang={lesson.language}
        />
      )}

      <section className="panel stack-sm" aria-labelledby="lesson-complete-heading">
        <h2 id="lesson-complete-heading">{t('player.completeHeading')}</h2>
        <div className="stack-xs">
          <label className="progress-label" htmlFor="video-watched">
            {t('video.watched', { percent: watchedPercent })}
          </label>
          <progress id="video-watched" className="progress" max={100} value={watchedPercent} />
          {!done && <p className="hint">{t('video.required', { percent: requiredPercent })}</p>}
          {!done && questionsPending && (
            <p className="notice notice--info">
              {t('videoQuestions.pending', {
                answered: questionProgress.answered,
                required: questionProgress.required,
              })}
            </p>
          )}
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
      {poster && (
        <img src={poster} alt="" className="video-placeholder__poster" loading="lazy" decoding="async" />
      )}
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
