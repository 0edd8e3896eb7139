import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DomainError,
  type Language,
  type OfflineReadClaim,
  type OfflineReadVerdict,
  offlineMomentRefusal,
  offlineQuizDurationRefusal,
  type OfflineSyncClock,
  planOfflineReading,
  planOfflineWatch,
} from '@hocvuso/domain';
import type {
  OfflineDownloadRequest,
  OfflineDownloadResponse,
  OfflineEventResult,
  OfflineSyncRequest,
  OfflineSyncResponse,
} from '@hocvuso/contracts';
import {
  appliedOfflineEvents,
  bankReadingSeconds,
  closeOpenLesson,
  creditedOfflineSpans,
  databaseNow,
  lockEnrolmentClock,
  lockVideoBucket,
  type OfflineEventRow,
  offlineDownloads,
  parseMultirange,
  recordOfflineDownload,
  recordOfflineEvent,
  saveOfflineHeartbeats,
  startLesson,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { QuizService } from '../assessment/quiz.service';
import { type CompletionOutcome, CompletionService } from '../learning/completion.service';
import { LearningService } from '../learning/learning.service';
import { type LessonMeta, lessonOfKind } from '../learning/lesson-directory.service';
import { type PreparedVideoAnswer, VideoAnswersService } from '../learning/video-answers.service';

type Lang = string; // any configured language; texts it lacks come in the course's language or Vietnamese
type SyncEvent = OfflineSyncRequest['events'][number];
type WatchEvent = Extract<SyncEvent, { kind: 'watch' }>;
type VideoAnswerEvent = Extract<SyncEvent, { kind: 'video-answer' }>;
type Fresh<E extends SyncEvent = SyncEvent> = { index: number; event: E; meta: LessonMeta };

const notEnrolled = (courseId: string) =>
  new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course before downloading it.', { courseId });

const refused = (id: string, reason: string, replayed = false): OfflineEventResult => ({
  id,
  status: 'refused',
  reason,
  seconds: null,
  passed: null,
  replayed,
});

const fromRow = (row: OfflineEventRow): OfflineEventResult => ({
  id: row.event_id,
  status: row.status,
  reason: row.reason,
  seconds: row.seconds,
  passed: row.passed,
  replayed: true,
});

/**
 * Offline learning (docs/offline.md): records downloads, and applies the events a device queued offline with
 * the online rules. Reading time goes through `planOfflineReading` (skew, download and future bounds, one lesson
 * at a time, stint cap) under the enrolment lock; "mark as read" through the online completion (its minimum
 * reading time); quiz answers through the online submission, with the event id as its Idempotency-Key, so an
 * attempt is graded once however often the batch is replayed.
 */
@Injectable()
export class OfflineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LearningService) private readonly learning: LearningService,
    @Inject(QuizService) private readonly quizzes: QuizService,
    @Inject(CompletionService) private readonly completion: CompletionService,
    @Inject(VideoAnswersService) private readonly videoAnswers: VideoAnswersService,
  ) {}

  /**
   * Records the download of an enrolled course and stops the reading clock the download's lesson requests
   * started (offline reading is timed by offline events instead).
   */
  async download(
    userId: string,
    courseId: string,
    body: OfflineDownloadRequest,
    lang: Lang,
  ): Promise<OfflineDownloadResponse> {
    const row = await this.db.transaction(async (tx) => {
      const clock = await lockEnrolmentClock(tx, userId, courseId);
      if (!clock) throw notEnrolled(courseId);
      const recorded = await recordOfflineDownload(tx, userId, courseId);
      if (!recorded) throw notEnrolled(courseId);
      await closeOpenLesson(tx, userId, courseId);
      return recorded;
    });
    // An attempt per quiz, drawn here by the server (the device never holds a question bank or its key).
    const attempts: OfflineDownloadResponse['attempts'] = [];
    for (const lessonId of [...new Set(body.quizLessonIds)]) {
      try {
        const meta = await this.learning.enrolledLesson(userId, lessonId);
        if (meta.courseId !== courseId)
          throw new DomainError('LESSON_NOT_FOUND', 'not_found', 'No such lesson.');
        const { attempt } = await this.quizzes.startOrResume(userId, lessonId, lang, { offline: true });
        attempts.push({ lessonId, attempt, refusal: null });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        attempts.push({ lessonId, attempt: null, refusal: e.code });
      }
    }
    return {
      courseId,
      attempts,
      downloadedAt: new Date(row.downloaded_at).toISOString(),
      serverTime: new Date(row.server_time).toISOString(),
    };
  }

  async sync(userId: string, body: OfflineSyncRequest, lang: Lang): Promise<OfflineSyncResponse> {
    const serverNow = (await databaseNow(this.db)).getTime();
    const clock: OfflineSyncClock = { serverNow, clientNow: body.clientTime.getTime() };
    const results = new Map<number, OfflineEventResult>();
    const ids = new Set<string>();
    const events: { index: number; event: SyncEvent }[] = [];
    body.events.forEach((event, index) => {
      if (ids.has(event.id)) results.set(index, refused(event.id, 'DUPLICATE'));
      else {
        ids.add(event.id);
        events.push({ index, event });
      }
    });

    // Replays answer what they answered the first time.
    const applied = await appliedOfflineEvents(this.db, userId, [...ids]);
    const fresh: { index: number; event: SyncEvent; meta: LessonMeta }[] = [];
    const answers = new Map<number, PreparedVideoAnswer>();
    for (const { index, event } of events) {
      const before = applied.get(event.id);
      if (before) {
        results.set(index, fromRow(before));
        continue;
      }
      try {
        const meta = await this.learning.enrolledLesson(userId, event.lessonId);
        // Reading time is credited to text lessons only (a video's time comes from its heartbeats).
        if (
          (event.kind === 'read' && meta.kind !== 'text') ||
          (event.kind === 'watch' && meta.kind !== 'video')
        )
          results.set(index, refused(event.id, 'LESSON_KIND_MISMATCH'));
        else {
          // An answer to a pinned question: the online checks before any lock (the question is the lesson's, the
          // option ids the ones offered to this learner); refused here, nothing is recorded.
          if (event.kind === 'video-answer')
            answers.set(
              index,
              await this.videoAnswers.prepare(userId, event.lessonId, event.questionId, event.answer),
            );
          fresh.push({ index, event, meta });
        }
      } catch (e) {
        if (e instanceof DomainError) results.set(index, refused(event.id, e.code));
        else throw e;
      }
    }

    const courseIds = [...new Set(fresh.map((f) => f.meta.courseId))];
    const downloads = await offlineDownloads(this.db, userId, courseIds);
    const downloadedAt = (courseId: string) => downloads.get(courseId)?.getTime();

    // 1. Reading time, one transaction per course under the enrolment lock.
    for (const courseId of courseIds) {
      const reads = fresh.filter((f) => f.meta.courseId === courseId && f.event.kind === 'read');
      if (reads.length > 0)
        await this.applyReads(userId, courseId, clock, reads, downloadedAt(courseId), results);
    }

    // 2. Video heartbeats, one transaction per video under the enrolment and video locks.
    const watches = fresh.filter((f): f is Fresh<WatchEvent> => f.event.kind === 'watch');
    for (const lessonId of new Set(watches.map((w) => w.meta.id))) {
      const batch = watches.filter((w) => w.meta.id === lessonId);
      const outcome = await this.applyWatches(
        userId,
        clock,
        batch,
        downloadedAt(batch[0]!.meta.courseId),
        results,
      );
      await this.completion.announce(outcome);
    }

    // 3. Lessons marked read, quiz answers and answers to pinned questions: the online rules, in the order they
    // happened, after every heartbeat of the batch (a question is reached in the coverage they credited).
    const moments = fresh
      .filter((f) => f.event.kind !== 'read' && f.event.kind !== 'watch')
      .sort((a, b) => momentOf(a.event) - momentOf(b.event) || a.index - b.index);
    for (const { index, event, meta } of moments) {
      const refusal = offlineMomentRefusal(momentOf(event), clock, downloadedAt(meta.courseId));
      if (!refusal && event.kind === 'video-answer') {
        const { result, outcome } = await this.applyVideoAnswer(
          userId,
          event,
          meta,
          answers.get(index)!,
          lang,
        );
        results.set(index, result);
        await this.completion.announce(outcome);
        continue;
      }
      const result = refusal
        ? refused(event.id, refusal)
        : await this.applyMoment(userId, event, meta, lang).catch((e: unknown) => {
            if (e instanceof DomainError) return refused(event.id, e.code);
            throw e;
          });
      const recorded = await recordOfflineEvent(this.db, userId, {
        eventId: event.id,
        courseId: meta.courseId,
        lessonId: event.lessonId,
        kind: event.kind,
        status: result.status,
        reason: result.reason,
        seconds: result.seconds,
        passed: result.passed,
      });
      results.set(index, recorded ? result : { ...result, replayed: true });
    }

    return {
      serverTime: new Date(serverNow).toISOString(),
      skewSeconds: Math.round((clock.serverNow - clock.clientNow) / 1000),
      results: body.events.map((_, index) => results.get(index)!),
    };
  }

  private async applyReads(
    userId: string,
    courseId: string,
    clock: OfflineSyncClock,
    reads: { index: number; event: SyncEvent; meta: LessonMeta }[],
    downloadedAt: number | undefined,
    results: Map<number, OfflineEventResult>,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const enrolment = await lockEnrolmentClock(tx, userId, courseId);
      if (!enrolment) {
        for (const r of reads) results.set(r.index, refused(r.event.id, 'NOT_ENROLLED'));
        return;
      }
      // A concurrent sync of the same batch may have applied some of them while this one waited on the lock.
      const applied = await appliedOfflineEvents(
        tx,
        userId,
        reads.map((r) => r.event.id),
      );
      const pending = reads.filter((r) => {
        const before = applied.get(r.event.id);
        if (before) results.set(r.index, fromRow(before));
        return !before;
      });
      if (pending.length === 0) return;
      const claims: OfflineReadClaim[] = pending.map(({ event, meta }) => ({
        id: event.id,
        courseId,
        lessonId: meta.id,
        startedAt: event.kind === 'read' ? event.startedAt.getTime() : Number.NaN,
        endedAt: event.kind === 'read' ? event.endedAt.getTime() : Number.NaN,
      }));
      const downloads = new Map<string, number>();
      if (downloadedAt !== undefined) downloads.set(courseId, downloadedAt);
      const credited = new Map([[courseId, await creditedOfflineSpans(tx, userId, courseId)]]);
      const verdicts = planOfflineReading(clock, claims, downloads, credited);
      const earliest = Math.min(...verdicts.flatMap((v) => (v.status === 'credited' ? [v.span[0]] : [])));
      // The online clock of the course's open lesson stops where offline reading began: one clock at a time.
      if (Number.isFinite(earliest) && enrolment.current_lesson_id) {
        const since = clock.serverNow - Number(enrolment.open_for_seconds ?? 0) * 1000;
        const seconds = Math.max(0, Math.floor((Math.min(earliest, clock.serverNow) - since) / 1000));
        if (seconds > 0) await bankReadingSeconds(tx, userId, enrolment.current_lesson_id, seconds);
        await closeOpenLesson(tx, userId, courseId);
      }
      for (let i = 0; i < pending.length; i++) {
        const { index, event, meta } = pending[i]!;
        const verdict: OfflineReadVerdict = verdicts[i]!;
        await recordOfflineEvent(tx, userId, {
          eventId: event.id,
          courseId,
          lessonId: event.lessonId,
          kind: 'read',
          status: verdict.status,
          span: verdict.status === 'credited' ? verdict.span : undefined,
          reason: verdict.status === 'refused' ? verdict.reason : null,
          seconds: verdict.status === 'credited' ? verdict.seconds : null,
        });
        if (verdict.status === 'credited') {
          await startLesson(tx, userId, meta.id, courseId);
          await bankReadingSeconds(tx, userId, meta.id, verdict.seconds);
          results.set(index, {
            id: event.id,
            status: 'credited',
            reason: verdict.capped ? 'CAPPED' : null,
            seconds: verdict.seconds,
            passed: null,
            replayed: false,
          });
        } else results.set(index, refused(event.id, verdict.reason));
      }
    });
  }

  /**
   * Credits one video's queued heartbeats by the online rule (planOfflineWatch) and, when they bring the coverage
   * to the threshold, completes the video, the lesson and maybe the course as an online heartbeat does. Answers
   * the completion to announce after commit.
   */
  private async applyWatches(
    userId: string,
    clock: OfflineSyncClock,
    watches: Fresh<WatchEvent>[],
    downloadedAt: number | undefined,
    results: Map<number, OfflineEventResult>,
  ): Promise<CompletionOutcome | undefined> {
    const meta = watches[0]!.meta;
    const video = lessonOfKind(meta, 'video')!;
    return this.db.transaction(async (tx) => {
      if (!(await lockEnrolmentClock(tx, userId, meta.courseId))) {
        for (const w of watches) results.set(w.index, refused(w.event.id, 'NOT_ENROLLED'));
        return undefined;
      }
      // A concurrent sync of the same batch may have applied some of them while this one waited on the lock.
      const applied = await appliedOfflineEvents(
        tx,
        userId,
        watches.map((w) => w.event.id),
      );
      const pending = watches.filter((w) => {
        const before = applied.get(w.event.id);
        if (before) results.set(w.index, fromRow(before));
        return !before;
      });
      if (pending.length === 0) return undefined;
      const record = (w: Fresh<WatchEvent>, result: OfflineEventResult) =>
        recordOfflineEvent(tx, userId, {
          eventId: w.event.id,
          courseId: meta.courseId,
          lessonId: w.event.lessonId,
          kind: 'watch',
          status: result.status,
          reason: result.reason,
          seconds: result.seconds,
        }).then(() => results.set(w.index, result));
      // The download opened every lesson, so the video's bucket exists; without it nothing can be credited.
      const bucket = await lockVideoBucket(tx, userId, meta.id);
      if (!bucket) {
        const reason = downloadedAt === undefined ? 'NOT_DOWNLOADED' : 'LESSON_NOT_OPENED';
        for (const w of pending) await record(w, refused(w.event.id, reason));
        return undefined;
      }
      const plan = planOfflineWatch(
        clock,
        pending.map(({ event }) => ({
          id: event.id,
          at: event.at.getTime(),
          intervals: event.intervals,
          position: event.position,
        })),
        {
          watched: parseMultirange(bucket.watched),
          tokens: Number(bucket.tokens),
          settledAt: Number(bucket.settled_ms),
          completed: bucket.completed,
        },
        { durationSeconds: video.body.durationSeconds, threshold: video.body.completionThreshold },
        downloadedAt,
      );
      if (plan.credited > 0)
        await saveOfflineHeartbeats(tx, {
          userId,
          lessonId: meta.id,
          watched: plan.watched,
          lastClaim: plan.lastClaim ?? [],
          tokens: plan.tokens,
          position: plan.position ?? 0,
          settledAt: plan.settledAt,
          heartbeats: plan.credited,
          capped: plan.capped,
        });
      const completesNow = plan.verdicts.some((v) => v.status === 'credited' && v.completes);
      const { outcome } = await this.learning.videoWatched(tx, userId, video, bucket.completed, completesNow);
      for (let i = 0; i < pending.length; i++) {
        const verdict = plan.verdicts[i]!;
        await record(
          pending[i]!,
          verdict.status === 'refused'
            ? refused(verdict.id, verdict.reason)
            : {
                id: verdict.id,
                status: verdict.completes && outcome ? 'completed' : 'credited',
                reason: verdict.credit.capped ? 'CAPPED' : null,
                seconds: verdict.seconds,
                passed: null,
                replayed: false,
              },
        );
      }
      return outcome;
    });
  }

  /**
   * Answers a pinned question by the online answer (`VideoAnswersService.answerIn`: the first answer stands, the
   * question must be reached in the coverage the server credited, the answer that brings the required share of a
   * watched video completes the lesson) and records the event in the same transaction, under the enrolment lock
   * and after re-reading what is recorded: parallel syncs of one event grade it once and answer one verdict.
   */
  private async applyVideoAnswer(
    userId: string,
    event: VideoAnswerEvent,
    meta: LessonMeta,
    prepared: PreparedVideoAnswer,
    lang: Lang,
  ): Promise<{ result: OfflineEventResult; outcome: CompletionOutcome | undefined }> {
    return this.db.transaction(async (tx) => {
      if (!(await lockEnrolmentClock(tx, userId, meta.courseId)))
        return { result: refused(event.id, 'NOT_ENROLLED'), outcome: undefined };
      const before = (await appliedOfflineEvents(tx, userId, [event.id])).get(event.id);
      if (before) return { result: fromRow(before), outcome: undefined };
      let result: OfflineEventResult;
      let outcome: CompletionOutcome | undefined;
      try {
        const answered = await this.videoAnswers.answerIn(tx, userId, prepared, lang as Language);
        outcome = answered.outcome;
        // Answered before (online, or by another event): the first answer stands and this one is not graded.
        result = answered.response.replayed
          ? refused(event.id, 'VIDEO_QUESTION_ANSWERED')
          : {
              id: event.id,
              status: outcome?.lessonCompleted ? 'completed' : 'graded',
              reason: null,
              seconds: null,
              passed: answered.response.correct,
              replayed: false,
            };
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        result = refused(event.id, e.code);
      }
      await recordOfflineEvent(tx, userId, {
        eventId: event.id,
        courseId: meta.courseId,
        lessonId: event.lessonId,
        kind: 'video-answer',
        status: result.status,
        reason: result.reason,
        passed: result.passed,
      });
      return { result, outcome };
    });
  }

  private async applyMoment(
    userId: string,
    event: SyncEvent,
    meta: LessonMeta,
    lang: Lang,
  ): Promise<OfflineEventResult> {
    switch (event.kind) {
      case 'complete':
        await this.learning.completeReading(userId, meta.id, lang);
        return {
          id: event.id,
          status: 'completed',
          reason: null,
          seconds: null,
          passed: null,
          replayed: false,
        };
      case 'quiz': {
        const attempt = await this.quizzes.get(userId, event.attemptId, lang);
        if (attempt.lessonId !== event.lessonId && attempt.lessonId !== meta.id)
          return refused(event.id, 'QUIZ_ATTEMPT_NOT_FOUND');
        const quiz = lessonOfKind(meta, 'quiz');
        if (!quiz) return refused(event.id, 'LESSON_KIND_MISMATCH');
        const tooLong = offlineQuizDurationRefusal(
          event.startedAt.getTime(),
          event.at.getTime(),
          quiz.body.quiz.timeLimitMinutes,
        );
        if (tooLong) return refused(event.id, tooLong);
        const graded = await this.quizzes.submit(
          userId,
          event.attemptId,
          `offline-${event.id}`,
          { answers: event.answers },
          lang,
        );
        return {
          id: event.id,
          status: 'graded',
          reason: null,
          seconds: null,
          passed: graded.result?.passed ?? false,
          replayed: false,
        };
      }
      case 'read':
      case 'watch':
      case 'video-answer':
        return refused(event.id, 'LESSON_KIND_MISMATCH');
    }
  }
}

/** When a moment event happened, by the device's clock. */
function momentOf(event: SyncEvent): number {
  return event.kind === 'read' ? event.endedAt.getTime() : event.at.getTime();
}
