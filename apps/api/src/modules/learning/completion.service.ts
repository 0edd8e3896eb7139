import { Inject, Injectable } from '@nestjs/common';
import { isCourseComplete, type XapiResult } from '@hocvuso/domain';
import {
  completeEnrolment,
  type EnrolmentContextRow,
  type EnrolmentLessonRow,
  enrolmentLessons,
  lockEnrolment,
  markLessonCompleted,
  type Queryable,
  requestCertificate,
  requestUniversalisationCheck,
} from '@hocvuso/db';
import { certificateJobId, type JobQueue, universalisationJobId } from '@hocvuso/jobs';
import type { Logger } from 'pino';
import { LOGGER } from '../../common/logging/logger.token';
import { GuidedBadgeService } from '../ambassadors/guided-badge.service';
import { TrainedFactsService } from '../coverage/trained-facts.service';
import { JOB_QUEUE } from '../jobs/jobs.module';
import { type LearningEvent, LearningRecordsService } from './learning-records.service';
import type { LessonMeta } from './lesson-directory.service';

export interface CompletionOutcome {
  lessonCompleted: boolean;
  courseCompleted: boolean;
  /** The certificate request written in this transaction, to announce to the worker after commit. */
  certificateRequest?: { id: string; enrolmentId: string };
  /** Ambassadors' badge requests (outbox) this completion earned, to announce after commit. */
  badgeRequests?: string[];
  /** The universalisation check (outbox) written in this transaction, to announce after commit. */
  universalisationCheck?: string;
  /**
   * The learner's outline of this course as it stands after the completion (read once, in the transaction), for
   * the caller's enrolment summary; absent when the learner is not enrolled.
   */
  outline?: EnrolmentLessonRow[];
}

/**
 * The one place that completes lessons and courses. Call inside a transaction: the lesson, the course
 * (evaluated with the pure completion rule), the certificate outbox row, the xAPI records and the `trained`
 * coverage facts commit together.
 */
@Injectable()
export class CompletionService {
  constructor(
    @Inject(LearningRecordsService) private readonly records: LearningRecordsService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(TrainedFactsService) private readonly trained: TrainedFactsService,
    @Inject(GuidedBadgeService) private readonly badges: GuidedBadgeService,
  ) {}

  /**
   * After the completing transaction committed: hand the certificate request to the worker. If the queue is
   * down the request still waits in Postgres and the worker's sweep picks it up, so this never fails a request.
   */
  async announce(outcome: CompletionOutcome | undefined): Promise<void> {
    const check = outcome?.universalisationCheck;
    if (check)
      await this.jobs
        .enqueue('confirm-universalisation', { checkId: check }, { jobId: universalisationJobId(check) })
        .catch((err: unknown) =>
          this.logger.warn({ err, check }, 'could not enqueue the check; the sweep will'),
        );
    if (outcome?.badgeRequests?.length) await this.badges.announce(outcome.badgeRequests);
    const r = outcome?.certificateRequest;
    if (!r) return;
    await this.jobs
      .enqueue('issue-certificate', { requestId: r.id }, { jobId: certificateJobId(r.enrolmentId) })
      .catch((err: unknown) => {
        this.logger.warn({ err, requestId: r.id }, 'could not enqueue the certificate; the sweep will');
      });
  }

  /**
   * Completes a lesson, and the course when its rule is met. Pass `enrolment` when the caller already holds the
   * enrolment lock in this transaction (it is not taken twice).
   */
  async completeLesson(
    tx: Queryable,
    userId: string,
    lesson: LessonMeta,
    opts: { passed?: boolean; result?: XapiResult; enrolment?: EnrolmentContextRow } = {},
  ): Promise<CompletionOutcome> {
    const enrolment = opts.enrolment ?? (await lockEnrolment(tx, userId, lesson.courseId));
    if (!enrolment) return { lessonCompleted: false, courseCompleted: false };
    const lessonCompleted = await markLessonCompleted(tx, userId, lesson.id, opts.passed ?? false);
    if (lessonCompleted)
      await this.records.record(tx, [this.lessonCompletedEvent(lesson, enrolment, opts.result)]);
    return { lessonCompleted, ...(await this.completeCourseIfDone(tx, userId, lesson.courseId, enrolment)) };
  }

  /**
   * The xAPI event of a lesson completed now, for a caller that marks the lesson itself in a statement of its own
   * (a quiz submission) and then calls `completeCourseIfDone`.
   */
  lessonCompletedEvent(
    lesson: LessonMeta,
    enrolment: EnrolmentContextRow,
    result?: XapiResult,
  ): LearningEvent {
    return {
      pseudonym: enrolment.pseudonym,
      verb: 'completed',
      activity: this.records.lessonActivity(lesson.courseId, lesson.key, lesson.kind, lesson.title),
      parent: this.records.courseActivity(lesson.courseId, enrolment.course_title),
      registration: enrolment.enrolment_id,
      result: { completion: true, ...result },
    };
  }

  /**
   * Completes the course when its rule is met on the version the learner reads (after a lesson completed, or a
   * move to a newer version that needs nothing more): the enrolment, the certificate outbox row with that
   * version's criteria, the xAPI record and the coverage facts. Call holding the enrolment lock.
   */
  async completeCourseIfDone(
    tx: Queryable,
    userId: string,
    courseId: string,
    enrolment: EnrolmentContextRow,
  ): Promise<Omit<CompletionOutcome, 'lessonCompleted'>> {
    const rows = await enrolmentLessons(tx, userId, courseId);
    if (enrolment.status === 'completed') return { courseCompleted: false, outline: rows };

    const outline = rows
      .filter((r) => r.lesson_key)
      .map((r) => ({
        key: r.lesson_key!,
        completed: r.lesson_status === 'completed',
        passed: r.lesson_passed === true,
      }));
    if (!rows[0] || !isCourseComplete(rows[0].completion, outline))
      return { courseCompleted: false, outline: rows };
    const completedAt = await completeEnrolment(tx, enrolment.enrolment_id);
    const courseCompleted = completedAt !== undefined;
    let certificateRequest: CompletionOutcome['certificateRequest'];
    let universalisationCheck: string | undefined;
    let badgeRequests: string[] | undefined;
    if (courseCompleted) {
      universalisationCheck = await requestUniversalisationCheck(tx, userId, `course:${courseId}`);
      if (rows[0].certificate) {
        const id = await requestCertificate(tx, enrolment.enrolment_id, rows[0].course_version_id);
        if (id) certificateRequest = { id, enrolmentId: enrolment.enrolment_id };
      }
      await this.records.record(tx, [
        {
          pseudonym: enrolment.pseudonym,
          verb: 'completed',
          activity: this.records.courseActivity(courseId, enrolment.course_title),
          registration: enrolment.enrolment_id,
          result: { completion: true },
        },
      ]);
      // coverage: the learner may now have completed a group's required set (same transaction, after the lock)
      await this.trained.record(tx, userId);
      // an ambassador guiding this learner may have reached the goal (their lock, same transaction)
      badgeRequests = await this.badges.afterMenteeCompleted(tx, userId);
    }
    const after = completedAt
      ? rows.map((r) => ({ ...r, status: 'completed', completed_at: completedAt }))
      : rows;
    return { courseCompleted, certificateRequest, universalisationCheck, badgeRequests, outline: after };
  }
}
