import { Injectable } from '@nestjs/common';
import { type Queryable, quizAttemptsForExport } from '@hocvuso/db';
import { isoTime, isoTimeOrNull, type PersonalDataSections } from '../personal-data-export';
import type { PrivacySection } from '../privacy-section';

/** Assessment (quizzes): the attempts with the learner's own answers are exported; de-identification keeps them (statistics). */
@Injectable()
export class AssessmentPrivacySection implements PrivacySection {
  readonly name = 'assessment';

  async exportFor(db: Queryable, userId: string): Promise<Pick<PersonalDataSections, 'quizAttempts'>> {
    const attempts = await quizAttemptsForExport(db, userId);
    return {
      quizAttempts: attempts.map((a) => ({
        id: a.id,
        lessonRevisionId: a.lesson_revision_id,
        attemptNo: a.attempt_no,
        startedAt: isoTime(a.started_at),
        deadlineAt: isoTimeOrNull(a.deadline_at),
        submittedAt: isoTimeOrNull(a.submitted_at),
        answers: a.answers,
        scorePercent: a.score_percent === null ? null : Number(a.score_percent),
        passed: a.passed,
      })),
    };
  }

  /** Kept: attempts stay for grading statistics. */
  deidentify(): Promise<void> {
    return Promise.resolve();
  }
}
