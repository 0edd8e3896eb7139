import { Injectable } from '@nestjs/common';
import {
  enrolmentsForExport,
  lessonProgressForExport,
  type Queryable,
  videoAnswersForExport,
  videoProgressForExport,
} from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { PrivacySection } from '../privacy-section';

/**
 * Learning: enrolments, lesson and video progress, and answers to in-video questions are exported. De-identification keeps them: they are tied to
 * the account id, not to the person's name, and keep course statistics and coverage valid.
 */
@Injectable()
export class LearningPrivacySection implements PrivacySection {
  readonly name = 'learning';

  async exportFor(
    db: Queryable,
    userId: string,
  ): Promise<
    Pick<PersonalDataSections, 'enrolments' | 'lessonProgress' | 'videoProgress' | 'videoQuestionAnswers'>
  > {
    const [enrolments, lessons, videos, answers] = await Promise.all([
      enrolmentsForExport(db, userId),
      lessonProgressForExport(db, userId),
      videoProgressForExport(db, userId),
      videoAnswersForExport(db, userId),
    ]);
    return {
      enrolments: enrolments.map((e) => ({
        id: e.id,
        courseId: e.course_id,
        courseTitle: e.course_title,
        status: e.status,
        enrolledAt: isoTime(e.enrolled_at),
        lastActivityAt: isoTime(e.last_activity_at),
        completedAt: isoTimeOrNull(e.completed_at),
      })),
      lessonProgress: lessons.map((p) => ({
        lessonRevisionId: p.lesson_revision_id,
        courseId: p.course_id,
        lessonKey: p.lesson_key,
        status: p.status,
        passed: p.passed,
        state: p.state,
        startedAt: isoTime(p.started_at),
        completedAt: isoTimeOrNull(p.completed_at),
      })),
      videoProgress: videos.map((v) => ({
        lessonRevisionId: v.lesson_revision_id,
        watchedIntervals: v.watched,
        position: Number(v.position),
        heartbeats: v.heartbeats,
        lastHeartbeatAt: isoTime(v.last_heartbeat_at),
        completedAt: isoTimeOrNull(v.completed_at),
      })),
      videoQuestionAnswers: answers.map((a) => ({
        lessonRevisionId: a.lesson_revision_id,
        questionId: a.question_id,
        response: a.response,
        correct: a.correct,
        answeredAt: isoTime(a.answered_at),
      })),
    };
  }

  /** Kept: learning records stay for statistics. */
  deidentify(): Promise<void> {
    return Promise.resolve();
  }
}
