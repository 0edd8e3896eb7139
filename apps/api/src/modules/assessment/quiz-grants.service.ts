import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  ForbiddenError,
  type LocalizedText,
  NotFoundError,
  reaches,
  reachesCourse,
  ValidationError,
} from '@hocvuso/domain';
import type { QuizGrantRequest, QuizGrantResponse } from '@hocvuso/contracts';
import {
  appendAudit,
  attemptGrantByKey,
  attemptHistory,
  courseForTeacher,
  inAppDisabledUsers,
  insertAttemptGrantOnce,
  insertNotification,
  lockEnrolment,
  type QuizGrantRow,
  quizGrantLearner,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { requireCapability } from '../../common/guards/require-capability';
import { LessonDirectory } from '../learning/lesson-directory.service';
import { allowanceOf, requireIdempotencyKey } from './quiz-rules';

/** Out of scope answers like a missing learner: nobody learns who is enrolled where. */
const learnerNotFound = () =>
  new NotFoundError('LEARNER_NOT_FOUND', 'There is no such learner among your courses or in your area.');

/** The in-app notice the learner gets (vi first, NFC). */
function grantNotice(title: LocalizedText, extra: number) {
  return {
    title: { vi: 'Bạn được làm thêm bài kiểm tra'.normalize('NFC'), en: 'You have more quiz attempts' },
    body: {
      vi: `Bạn được cấp thêm ${extra} lượt làm bài «${title.vi}». Bạn có thể làm bài ngay bây giờ.`.normalize(
        'NFC',
      ),
      en: `You were given ${extra} more attempt${extra === 1 ? '' : 's'} at “${title.en ?? title.vi}”. You can take it now.`,
    },
  };
}

/**
 * More attempts at a quiz for one learner (docs/quizzes.md, "Granting more attempts"). Allowed to a teacher of
 * the quiz's course (for its enrolled learners), to a helper or administrator whose area holds the learner,
 * and to system admins; never to oneself. The grant adds to the learner's running set at once (even during a
 * cooldown), is written to the audit log with its reason, and the learner gets an in-app notice. A request
 * replayed with the same Idempotency-Key grants once.
 */
@Injectable()
export class QuizGrantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LessonDirectory) private readonly lessons: LessonDirectory,
  ) {}

  async grant(
    user: AuthUser,
    input: QuizGrantRequest,
    idempotencyKey: string | undefined,
  ): Promise<{ created: boolean; grant: QuizGrantResponse }> {
    if (input.learnerId === user.id)
      throw new ForbiddenError('QUIZ_GRANT_SELF', 'Nobody grants extra attempts to themselves.');
    requireCapability(
      user,
      'quiz.grantRetake',
      'This needs a teacher, community helper or administrator role.',
    );
    const key = requireIdempotencyKey(idempotencyKey, 'grant');
    // The quiz as it is now, whichever of its addresses the request names.
    const meta = await this.lessons.findCurrent(input.lessonId);
    if (!meta) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    const learner = await quizGrantLearner(this.db, input.learnerId, meta.courseId);
    if (!learner) throw learnerNotFound();
    // A teacher reaches the learners enrolled in a course they teach; helpers and administrators reach the
    // people placed in their area (system admins reach everyone).
    const course = await courseForTeacher(this.db, meta.courseId, user.id);
    const asTeacher = Boolean(
      course && reachesCourse(user.grants, 'quiz.grantRetake', course.staff_role) && learner.enrolled,
    );
    const inArea = reaches(user.grants, 'quiz.grantRetake', {
      unitPath: learner.unit_path,
      organisationId: learner.organisation_id,
    });
    if (!asTeacher && !inArea) throw learnerNotFound();
    if (meta.body.kind !== 'quiz')
      throw new ValidationError('LESSON_KIND_MISMATCH', `This is a ${meta.kind} lesson, not a quiz.`);
    const settings = meta.body.quiz;
    if (!settings.maxAttempts)
      throw new ConflictError(
        'QUIZ_ATTEMPTS_UNLIMITED',
        'This quiz has no attempt limit: there is nothing to grant.',
      );
    if (!learner.enrolled)
      throw new ConflictError('NOT_ENROLLED', 'This learner is not enrolled in the course of this quiz.');

    return this.db.transaction(async (tx) => {
      // The same lock a learner's start takes: a grant and a start never interleave.
      const ctx = await lockEnrolment(tx, learner.id, meta.courseId);
      if (!ctx)
        throw new ConflictError('NOT_ENROLLED', 'This learner is not enrolled in the course of this quiz.');
      const inserted = await insertAttemptGrantOnce(tx, {
        userId: learner.id,
        courseId: meta.courseId,
        lessonKey: meta.key,
        extraAttempts: input.extraAttempts,
        grantedBy: user.id,
        reason: input.reason,
        idempotencyKey: key,
      });
      let row: QuizGrantRow;
      if (inserted) {
        row = inserted;
        await appendAudit(tx, {
          actor: user.id,
          action: 'quiz.attempts_grant',
          subjectType: 'user',
          subjectId: learner.id,
          scope: learner.unit_path,
          after: {
            grantId: row.id,
            courseId: meta.courseId,
            lessonId: meta.id,
            lessonKey: meta.key,
            extraAttempts: input.extraAttempts,
            via: asTeacher && course?.staff_role ? 'course_staff' : 'area',
          },
          reason: input.reason,
        });
        if (!(await inAppDisabledUsers(tx, [learner.id])).has(learner.id)) {
          await insertNotification(tx, {
            userId: learner.id,
            kind: 'quiz_attempts_granted',
            ...grantNotice(meta.title, input.extraAttempts),
            link: `/lessons/${meta.id}`,
          });
        }
      } else {
        const earlier = await attemptGrantByKey(tx, user.id, key);
        const same =
          earlier &&
          earlier.user_id === learner.id &&
          earlier.course_id === meta.courseId &&
          earlier.lesson_key === meta.key &&
          earlier.extra_attempts === input.extraAttempts &&
          earlier.reason === input.reason;
        if (!same)
          throw new ConflictError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was used for another grant; send a new key for a new grant.',
          );
        row = earlier;
      }
      const history = await attemptHistory(tx, learner.id, meta.id);
      const allowance = allowanceOf(settings, history);
      return {
        created: Boolean(inserted),
        grant: {
          id: row.id,
          learnerId: learner.id,
          lessonId: meta.id,
          courseId: meta.courseId,
          extraAttempts: row.extra_attempts,
          reason: row.reason ?? '',
          grantedAt: new Date(row.created_at).toISOString(),
          attemptsLeft: allowance.remaining,
          nextAttemptsAt: allowance.nextSetAt?.toISOString() ?? null,
          replayed: !inserted,
        },
      };
    });
  }
}
