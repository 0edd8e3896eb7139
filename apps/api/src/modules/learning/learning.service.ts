import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  courseProgress,
  creditHeartbeat,
  DomainError,
  isUuid,
  isVideoComplete,
  isVideoLessonComplete,
  localize,
  NotFoundError,
  openLessonSwitch,
  readingSecondsRemaining,
  validateClaimedIntervals,
  UnauthenticatedError,
  ValidationError,
  videoCoverage,
  videoWatchedSeconds,
  type VideoQuestionsProgress,
  watchTokensAtLaunch,
  WATCH_GRACE_SECONDS,
  type Language,
} from '@hocvuso/domain';
import type {
  MediaRef,
  ChecklistRequest,
  CourseProgressResponse,
  EnrolmentSummary,
  HeartbeatRequest,
  HeartbeatResponse,
  LessonActionResponse,
  LessonResponse,
  LessonStatus,
} from '@hocvuso/contracts';
import {
  bankReadingSeconds,
  completeVideo,
  createVideoProgress,
  enrol,
  type EnrolmentLessonRow,
  enrolmentLessons,
  isEnrollableCourse,
  learnerLessonRevisionId,
  lessonForLearner,
  liveSessionIds,
  lessonStatus,
  lockEnrolment,
  lockEnrolmentClock,
  lockLessonProgress,
  lockVideoProgress,
  parseMultirange,
  type Queryable,
  quizAttemptSummary,
  saveHeartbeat,
  saveLessonState,
  setOpenLesson,
  settleWatchTokens,
  startLesson,
  videoState,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { type CompletionOutcome, CompletionService } from './completion.service';
import { HeartbeatBatcher } from './heartbeat-batcher';
import { LearningRecordsService } from './learning-records.service';
import { MediaService } from '../media/media.service';
import { ApiMetrics } from '../metrics/api-metrics';
import { LessonDirectory, type LessonMeta, lessonOfKind } from './lesson-directory.service';
import { type VideoLesson, VideoQuestionsService } from './video-questions.service';

type Lang = Language;

const notEnrolled = (courseId: string) =>
  new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course to open its lessons.', { courseId });

@Injectable()
export class LearningService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LessonDirectory) private readonly lessons: LessonDirectory,
    @Inject(CompletionService) private readonly completion: CompletionService,
    @Inject(LearningRecordsService) private readonly records: LearningRecordsService,
    @Inject(MediaService) private readonly media: MediaService,
    @Inject(HeartbeatBatcher) private readonly heartbeats: HeartbeatBatcher,
    @Inject(VideoQuestionsService) private readonly questions: VideoQuestionsService,
    @Optional() @Inject(ApiMetrics) private readonly metrics?: ApiMetrics,
  ) {}

  /** Idempotent self-enrolment in a published course; the first one is recorded as xAPI "registered". */
  async enrol(
    userId: string,
    courseId: string,
    lang: Lang,
  ): Promise<{ created: boolean; enrolment: EnrolmentSummary }> {
    return this.db.transaction(async (tx) => {
      if (!(await isEnrollableCourse(tx, courseId)))
        throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course.');
      const created = await enrol(tx, userId, courseId);
      if (created) {
        const ctx = (await lockEnrolment(tx, userId, courseId))!;
        await this.records.record(tx, [
          {
            pseudonym: ctx.pseudonym,
            verb: 'registered',
            activity: this.records.courseActivity(courseId, ctx.course_title),
            registration: ctx.enrolment_id,
            language: lang,
          },
        ]);
      }
      const [enrolment] = await this.summaries(tx, userId, lang, courseId);
      return { created, enrolment: enrolment! };
    });
  }

  myLearning(userId: string, lang: Lang): Promise<EnrolmentSummary[]> {
    return this.summaries(this.db, userId, lang);
  }

  /** The learner's state in a course (the version they read and a newer one: CourseVersionService). */
  async courseProgress(
    userId: string,
    courseId: string,
    lang: Lang,
  ): Promise<Omit<CourseProgressResponse, 'version' | 'newVersion'>> {
    const rows = await enrolmentLessons(this.db, userId, courseId);
    const [enrolment] = this.toSummaries(rows, lang);
    const questions = enrolment ? await this.videoQuestionCounts(userId, rows) : new Map();
    return {
      enrolled: Boolean(enrolment),
      enrolment: enrolment ?? null,
      lessons: rows
        .filter((r) => r.lesson_id)
        .map((r) => ({
          id: r.lesson_id!,
          status: (r.lesson_status ?? 'not_started') as LessonStatus,
          reread: r.lesson_reread === true,
          ...(questions.has(r.lesson_id!) ? { questions: questions.get(r.lesson_id!)! } : {}),
        })),
    };
  }

  /** "2/3 câu hỏi đã trả lời" for each video lesson with pinned questions, by lesson address. */
  private async videoQuestionCounts(
    userId: string,
    rows: EnrolmentLessonRow[],
  ): Promise<Map<string, VideoQuestionsProgress>> {
    const videos = await Promise.all(
      rows
        .filter((r) => r.lesson_id && r.lesson_kind === 'video')
        .map(async (r) => {
          const meta = await this.lessons.findCurrent(r.lesson_id!);
          return meta ? { address: r.lesson_id!, lesson: lessonOfKind(meta, 'video') } : undefined;
        }),
    );
    const found = videos.filter((v) => v?.lesson !== undefined) as Array<{
      address: string;
      lesson: VideoLesson;
    }>;
    const byRevision = await this.questions.progressOf(
      userId,
      found.map((v) => v.lesson),
    );
    return new Map(
      found.filter((v) => byRevision.has(v.lesson.id)).map((v) => [v.address, byRevision.get(v.lesson.id)!]),
    );
  }

  /**
   * Opens a lesson of an enrolled course and records xAPI "launched". It becomes the course's open lesson:
   * its reading clock runs and the one of the lesson open until now stops (see docs/crediting.md). A video
   * keeps at most the grace of watch credit.
   */
  async openLesson(userId: string, lessonId: string, lang: Lang): Promise<LessonResponse> {
    const row = await this.lessonRow(userId, lessonId);
    const meta = (await this.lessons.find(row.id))!;
    const { progress, remaining } = await this.db.transaction(async (tx) => {
      // Lock order, everywhere: the enrolment row first, then the learner's rows on its lessons.
      const enrolment = await lockEnrolment(tx, userId, row.course_id);
      if (!enrolment) throw notEnrolled(row.course_id);
      await startLesson(tx, userId, row.id, row.course_id);
      const change = openLessonSwitch(
        { lessonId: enrolment.current_lesson_id, openForSeconds: Number(enrolment.open_for_seconds ?? 0) },
        row.id,
      );
      if (change.bank) await bankReadingSeconds(tx, userId, change.bank.lessonId, change.bank.seconds);
      if (change.restart) await setOpenLesson(tx, enrolment.enrolment_id, row.id);
      if (meta.kind === 'video') {
        const video = await lockVideoProgress(tx, userId, row.id);
        if (!video) await createVideoProgress(tx, userId, row.id, WATCH_GRACE_SECONDS);
        else
          await settleWatchTokens(
            tx,
            userId,
            row.id,
            watchTokensAtLaunch(Number(video.tokens), Number(video.elapsed_seconds)),
          );
      }
      await this.records.record(tx, [
        {
          pseudonym: enrolment.pseudonym,
          verb: 'launched',
          activity: this.records.lessonActivity(row.course_id, meta.key, meta.kind, meta.title),
          parent: this.records.courseActivity(row.course_id, enrolment.course_title),
          registration: enrolment.enrolment_id,
          language: lang,
        },
      ]);
      const p = await lockLessonProgress(tx, userId, row.id);
      const remaining = readingSecondsRemaining(row.min_read_seconds, {
        bankedSeconds: Number(p?.read_seconds ?? 0),
        isOpenLesson: true,
        openForSeconds: change.restart ? 0 : Number(enrolment.open_for_seconds ?? 0),
      });
      return { progress: p, remaining };
    });
    // Complete languages as before; a lesson translated in a partial language (docs/languages.md) shows its own
    // title and text, and every text it lacks in the course's language.
    const language = row.languages.includes(lang) ? lang : row.default_language;
    return {
      id: row.lesson_id,
      key: row.lesson_key,
      courseId: row.course_id,
      courseTitle: localize(row.course_title, lang, language),
      kind: row.kind as LessonResponse['kind'],
      title: localize(row.title, lang, language),
      minutes: row.minutes,
      html: localize(row.body_html, lang, language),
      minReadSeconds: row.min_read_seconds,
      readSecondsRemaining: progress?.status === 'completed' || meta.kind !== 'text' ? 0 : remaining,
      status: progress?.status === 'completed' ? 'completed' : 'in_progress',
      reread: row.reread && progress?.status !== 'completed',
      language,
      previousLessonId: row.previous_lesson_id,
      nextLessonId: row.next_lesson_id,
      audio: meta.audio.map((a) => ({
        language: a.language,
        src: this.media.url(meta.courseId, a.media),
        mediaType: a.media.mediaType,
        durationSeconds: a.durationSeconds,
        synthetic: a.synthetic,
      })),
      ...(await this.kindDetails(userId, meta, language, progress?.state ?? {})),
    };
  }

  private async kindDetails(
    userId: string,
    meta: LessonMeta,
    lang: Lang,
    state: { ticked?: number[] },
  ): Promise<Partial<LessonResponse>> {
    const body = meta.body;
    const url = (ref: MediaRef) => this.media.url(meta.courseId, ref);
    switch (body.kind) {
      case 'video': {
        const watched = await videoState(this.db, userId, meta.id);
        const video = lessonOfKind(meta, 'video')!;
        return {
          video: {
            src: url(body.video),
            hls: body.hls ? url(body.hls) : null,
            poster: body.poster ? url(body.poster) : null,
            posterSmall: body.poster ? this.media.smallUrl(meta.courseId, body.poster) : null,
            durationSeconds: body.durationSeconds,
            completionThreshold: body.completionThreshold,
            captions: body.captions.map((c) => ({ language: c.language, src: url(c.media) })),
            watchedSeconds: watched
              ? videoWatchedSeconds(parseMultirange(watched.watched), body.durationSeconds)
              : 0,
            position: Number(watched?.position ?? 0),
            ...(await this.questions.views(userId, video, lang)),
          },
        };
      }
      case 'checklist': {
        const items = body.items.map((t) => localize(t, lang));
        return { checklist: { items, ticked: (state.ticked ?? []).filter((i) => i < items.length) } };
      }
      case 'document':
        return { document: { src: url(body.document), mediaType: body.document.mediaType } };
      case 'quiz': {
        const q = body.quiz;
        const a = await quizAttemptSummary(this.db, userId, meta.id);
        return {
          quiz: {
            questionsPerAttempt: q.questionsPerAttempt,
            passMark: q.passMark,
            timeLimitMinutes: q.timeLimitMinutes ?? null,
            maxAttempts: q.maxAttempts ?? null,
            attemptsUsed: a.used,
            openAttemptId: a.open_id,
            lastAttemptId: a.last_id,
          },
        };
      }
      case 'text':
        return {};
    }
  }

  /**
   * Completes a text lesson the learner read to the end, once it has earned its minimum reading time (time
   * while it was the course's open lesson, by the database clock), and the course in the same transaction
   * when its rule is met.
   */
  async completeReading(userId: string, lessonId: string, lang: Lang): Promise<EnrolmentSummary> {
    const first = await this.enrolledLesson(userId, lessonId);
    if (first.kind !== 'text') throw kindMismatch(first.kind);
    const { outcome, summary } = await this.db.transaction(async (tx) => {
      const clock = await lockEnrolmentClock(tx, userId, first.courseId);
      if (!clock) throw notEnrolled(first.courseId);
      // A publish may have committed while this waited for the lock: credit the lesson's current revision.
      const meta = await this.stillCurrent(tx, userId, first);
      if (meta.kind !== 'text') throw kindMismatch(meta.kind);
      const progress = await lockLessonProgress(tx, userId, meta.id);
      if (!progress) throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before completing it.');
      let outcome: CompletionOutcome | undefined;
      if (progress.status !== 'completed') {
        const isOpenLesson = clock.current_lesson_id === meta.id;
        const remaining = readingSecondsRemaining(meta.minReadSeconds, {
          bankedSeconds: Number(progress.read_seconds),
          isOpenLesson,
          openForSeconds: Number(clock.open_for_seconds ?? 0),
        });
        if (remaining > 0) {
          throw new ConflictError(
            'LESSON_READ_TOO_SOON',
            isOpenLesson
              ? `Keep reading: this lesson can be completed in ${remaining} s.`
              : `Another lesson of this course was opened since: open this one again and keep reading for ${remaining} s.`,
            { secondsRemaining: remaining, openLesson: isOpenLesson },
          );
        }
        outcome = await this.completion.completeLesson(tx, userId, meta);
      }
      return { outcome, summary: (await this.summaryAfter(tx, userId, lang, meta.courseId, outcome))! };
    });
    await this.completion.announce(outcome);
    return summary;
  }

  /** Saves the ticked items of a practice checklist; ticking the last one completes the lesson. */
  async tickChecklist(
    userId: string,
    lessonId: string,
    body: ChecklistRequest,
    lang: Lang,
  ): Promise<LessonActionResponse> {
    const lesson = await this.enrolledLesson(userId, lessonId);
    const first = lessonOfKind(lesson, 'checklist');
    if (!first) throw kindMismatch(lesson.kind);
    const count = first.body.items.length;
    const ticked = [...new Set(body.ticked)].sort((a, b) => a - b);
    if (ticked.some((i) => i >= count)) {
      throw new ValidationError(
        'INVALID_CHECKLIST_ITEM',
        `This checklist has ${count} items, numbered from 0.`,
      );
    }
    const { outcome, response } = await this.db.transaction(async (tx) => {
      if (!(await lockEnrolment(tx, userId, first.courseId))) throw notEnrolled(first.courseId);
      // A publish may have committed while this waited for the lock: tick the lesson's current revision.
      const current = await this.stillCurrent(tx, userId, first);
      const meta = lessonOfKind(current, 'checklist');
      if (!meta) throw kindMismatch(current.kind);
      if (meta.body.items.length !== count)
        throw new ConflictError('LESSON_CHANGED', 'This lesson was just updated; open it again.');
      if (!(await saveLessonState(tx, userId, meta.id, { ticked })))
        throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson first.');
      const outcome =
        ticked.length === count ? await this.completion.completeLesson(tx, userId, meta) : undefined;
      return { outcome, response: await this.actionResponse(tx, userId, meta, lang, outcome) };
    });
    await this.completion.announce(outcome);
    return response;
  }

  /** A document lesson is complete once the learner opened the document. */
  async openDocument(userId: string, lessonId: string, lang: Lang): Promise<LessonActionResponse> {
    const meta = await this.enrolledLesson(userId, lessonId);
    if (meta.kind !== 'document') throw kindMismatch(meta.kind);
    const { outcome, response } = await this.db.transaction(async (tx) => {
      if (!(await lockEnrolment(tx, userId, meta.courseId))) throw notEnrolled(meta.courseId);
      if (!(await saveLessonState(tx, userId, meta.id, { opened: true })))
        throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson first.');
      const outcome = await this.completion.completeLesson(tx, userId, meta);
      return { outcome, response: await this.actionResponse(tx, userId, meta, lang, outcome) };
    });
    await this.completion.announce(outcome);
    return response;
  }

  /**
   * A video heartbeat: validated at the edge, then credited by the one rule (creditHeartbeat: a token bucket
   * of watch credit, see docs/crediting.md) under the enrolment and video row locks; the heartbeat that
   * crosses the lesson's threshold completes the lesson (and maybe the course) in the same transaction.
   *
   * In the steady state the request itself asks the database nothing (docs/performance.md): the session may
   * come from the guard's cache and the learner's revision of the lesson is remembered; the batch that writes
   * the heartbeat checks both in SQL, under the enrolment lock. A session no longer live answers 401 and credits
   * nothing; a revision that is no longer the learner's goes to the single path, which resolves it again.
   */
  async heartbeat(
    caller: Pick<AuthUser, 'id' | 'sessionId'>,
    lessonId: string,
    body: HeartbeatRequest,
    lang: Lang,
  ): Promise<HeartbeatResponse> {
    this.metrics?.heartbeatReceived();
    const userId = caller.id;
    // The lesson's address (or an older revision's id) stands for the revision of the version the learner reads.
    const lesson = await this.lessons.findForHeartbeat(lessonId, userId);
    if (!lesson) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    const claim = videoClaim(lesson, body);
    // Plain crediting is written in batches (group commit, see heartbeat-batcher.ts); a heartbeat that completes
    // the video, or one the batch could not credit, takes the single transaction below.
    const batched = await this.heartbeats.credit({
      userId,
      sessionId: caller.sessionId,
      courseId: claim.meta.courseId,
      lessonId: claim.meta.id,
      claimed: claim.claimed,
      position: body.position,
      durationSeconds: claim.duration,
      threshold: claim.threshold,
    });
    if (batched.kind === 'refused') throw sessionEnded();
    if (batched.kind === 'credited') {
      // `completed` is the lesson's: a watched video with pinned questions still waits for its answers.
      const completed =
        batched.completed &&
        (claim.meta.body.questions.length === 0 ||
          isVideoLessonComplete(true, await this.questions.progress(this.db, userId, claim.meta)));
      return {
        watchedSeconds: videoWatchedSeconds(batched.credit.merged, claim.duration),
        coverage: videoCoverage(batched.credit.merged, claim.duration),
        completed,
        capped: batched.credit.capped,
      };
    }
    // Not credited in the batch: maybe the revision remembered is no longer the learner's. Resolve it afresh.
    this.lessons.forgetFor(lessonId, userId);
    const result = await this.db.transaction(async (tx) => {
      const clock = await lockEnrolmentClock(tx, userId, claim.meta.courseId);
      if (!clock) return undefined;
      if (!(await liveSessionIds(tx, [{ sessionId: caller.sessionId, userId }])).has(caller.sessionId))
        throw sessionEnded();
      // Under the enrolment lock (publishes and moves take it first): the revision the learner reads now.
      const current = await this.stillCurrent(tx, userId, claim.meta);
      const { meta, claimed, duration, threshold } =
        current.id === claim.meta.id ? claim : videoClaim(current, body);
      const video = await lockVideoProgress(tx, userId, meta.id);
      if (!video) return undefined;
      const credit = creditHeartbeat(
        {
          watched: parseMultirange(video.watched),
          tokens: Number(video.tokens),
          elapsedSeconds: Number(video.elapsed_seconds),
        },
        claimed,
      );
      await saveHeartbeat(tx, {
        userId,
        lessonId: meta.id,
        watched: credit.merged,
        claimed,
        tokens: credit.tokensLeft,
        position: Math.min(body.position, duration),
        capped: credit.capped,
      });
      const completesNow = !video.completed && isVideoComplete(credit.merged, duration, threshold);
      const { lessonDone, outcome } = await this.videoWatched(
        tx,
        userId,
        meta,
        video.completed,
        completesNow,
      );
      const enrolment = outcome && (await this.summaryAfter(tx, userId, lang, meta.courseId, outcome));
      return { credit, duration, completed: lessonDone, outcome, enrolment };
    });
    if (!result) {
      await this.enrolledLesson(userId, lessonId); // throws NOT_ENROLLED / LESSON_NOT_FOUND when that is why
      throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before playing it.');
    }
    await this.completion.announce(result.outcome);
    return {
      watchedSeconds: videoWatchedSeconds(result.credit.merged, result.duration),
      coverage: videoCoverage(result.credit.merged, result.duration),
      completed: result.completed,
      capped: result.credit.capped,
      ...(result.enrolment ? { enrolment: result.enrolment } : {}),
    };
  }

  /**
   * After a video's coverage was credited (online heartbeat or offline sync, in its transaction under the
   * enrolment and video locks): when it `completesNow` the video is marked watched and, if the lesson's pinned
   * questions are answered too, the lesson (and maybe the course, with its certificate request) completes. The
   * caller announces `outcome` after commit.
   */
  async videoWatched(
    tx: Queryable,
    userId: string,
    meta: VideoLesson,
    alreadyWatched: boolean,
    completesNow: boolean,
  ): Promise<{ lessonDone: boolean; outcome: CompletionOutcome | undefined }> {
    // The lesson needs the coverage AND the required share of its pinned questions answered (no query without any).
    const lessonDone =
      (alreadyWatched || completesNow) &&
      isVideoLessonComplete(true, await this.questions.progress(tx, userId, meta));
    if (!(completesNow && (await completeVideo(tx, userId, meta.id)) && lessonDone))
      return { lessonDone, outcome: undefined };
    return {
      lessonDone,
      outcome: await this.completion.completeLesson(tx, userId, meta, { result: { progress: 1 } }),
    };
  }

  /**
   * The lesson's revision in the version the learner reads, read inside a transaction that holds the learner's
   * enrolment lock (a publish that changes progress takes every enrolment lock of the course first, and so does a
   * move to a newer version). A lesson that version no longer has is not found.
   */
  private async stillCurrent(tx: Queryable, userId: string, meta: LessonMeta): Promise<LessonMeta> {
    const current = await learnerLessonRevisionId(tx, meta.id, userId);
    if (!current) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (current === meta.id) return meta;
    return (await this.lessons.find(current, tx)) ?? meta;
  }

  /** The lesson, if it belongs to the version the learner reads of a course they are enrolled in. */
  async enrolledLesson(userId: string, lessonId: string): Promise<LessonMeta> {
    const row = await this.lessonRow(userId, lessonId);
    return (await this.lessons.find(row.id))!;
  }

  /**
   * The lesson by its address for life, or by the id of any of its revisions (older links and bookmarks): the
   * revision of the version the learner reads (their own while in progress, else the current one), so a
   * republished lesson is never "not found".
   */
  private async lessonRow(userId: string, lessonId: string) {
    const current = isUuid(lessonId) ? await learnerLessonRevisionId(this.db, lessonId, userId) : undefined;
    const meta = await this.lessons.find(current ?? lessonId);
    const row = meta ? await lessonForLearner(this.db, meta.id, userId) : undefined;
    if (!row) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (!row.enrolment_id) throw notEnrolled(row.course_id);
    return row;
  }

  private async actionResponse(
    tx: Queryable,
    userId: string,
    meta: LessonMeta,
    lang: Lang,
    outcome: CompletionOutcome | undefined,
  ): Promise<LessonActionResponse> {
    const p = await lessonStatus(tx, userId, meta.id);
    const enrolment = await this.summaryAfter(tx, userId, lang, meta.courseId, outcome);
    return { status: (p?.status ?? 'not_started') as LessonStatus, enrolment: enrolment! };
  }

  async summaries(db: Queryable, userId: string, lang: Lang, courseId?: string): Promise<EnrolmentSummary[]> {
    return this.toSummaries(await enrolmentLessons(db, userId, courseId), lang);
  }

  /**
   * The learner's summary of one course inside a transaction: from the outline a completion just read, else read
   * now (so a transaction reads the outline once).
   */
  async summaryAfter(
    tx: Queryable,
    userId: string,
    lang: Lang,
    courseId: string,
    outcome: CompletionOutcome | undefined,
  ): Promise<EnrolmentSummary | undefined> {
    const rows = outcome?.outline ?? (await enrolmentLessons(tx, userId, courseId));
    return this.toSummaries(rows, lang)[0];
  }

  /** The enrolment summaries of outline rows already read (enrolmentLessons). */
  toSummaries(rows: EnrolmentLessonRow[], lang: Lang): EnrolmentSummary[] {
    const byEnrolment = new Map<string, EnrolmentLessonRow[]>();
    for (const r of rows) {
      const list = byEnrolment.get(r.enrolment_id);
      if (list) list.push(r);
      else byEnrolment.set(r.enrolment_id, [r]);
    }
    return [...byEnrolment.values()].map((lessons) => {
      const first = lessons[0]!;
      const withLessons = lessons.filter((l) => l.lesson_key);
      // Counted from the same version as the status: a completed enrolment keeps the credit of lessons changed
      // since (a certificate once issued is not taken back), so "completed" never sits beside "1/2".
      const courseDone = first.status === 'completed';
      const progress = courseProgress(
        withLessons.map((l) => ({
          key: l.lesson_key!,
          completed: l.lesson_status === 'completed' || (courseDone && l.lesson_reread === true),
        })),
      );
      const next = withLessons.find((l) => l.lesson_key === progress.nextLessonKey);
      return {
        courseId: first.course_id,
        courseTitle: localize(first.course_title, lang),
        status: first.status === 'completed' ? 'completed' : 'active',
        percent: progress.percent,
        completedLessons: progress.completedLessons,
        totalLessons: progress.totalLessons,
        nextLessonId: next?.lesson_id ?? null,
        nextLessonTitle: next?.lesson_title ? localize(next.lesson_title, lang) : null,
        enrolledAt: new Date(first.enrolled_at).toISOString(),
        completedAt: first.completed_at ? new Date(first.completed_at).toISOString() : null,
      };
    });
  }
}

/** A heartbeat whose session ended (signed out, revoked, expired) before it was written: nothing is credited. */
const sessionEnded = () => new UnauthenticatedError('UNAUTHENTICATED', 'Sign in to continue.');

/** A heartbeat's claim checked against the video revision it credits (400 when it does not fit that video). */
function videoClaim(lesson: LessonMeta, body: HeartbeatRequest) {
  const meta = lessonOfKind(lesson, 'video');
  if (!meta) throw kindMismatch(lesson.kind);
  const duration = meta.body.durationSeconds;
  const claimed = validateClaimedIntervals(body.intervals, duration);
  if (body.position > duration + 0.5)
    throw new ValidationError('INVALID_POSITION', `The position must be between 0 and ${duration} s.`);
  return { meta, claimed, duration, threshold: meta.body.completionThreshold };
}

const kindMismatch = (kind: string) =>
  new ValidationError(
    'LESSON_KIND_MISMATCH',
    `A ${kind} lesson is completed by doing it (watching, ticking, opening or passing), not by this call.`,
  );
