import {
  appendAudit,
  type InPersonLearningRow,
  type Queryable,
  recordCoverageFacts,
  recordInPersonLearning,
} from '@hocvuso/db';

/**
 * Writes in-person learning a helper or a session host saw happen, inside the caller's transaction: the record
 * (once per person, course, lesson and day), and the first time, the coverage fact `in_person` (with who confirmed
 * it and the caller's evidence, e.g. the community session) and the audit entry. Every path that records in-person
 * learning goes through here, so each one counts in coverage the same way.
 */
export async function writeInPersonLearning(
  tx: Queryable,
  r: {
    userId: string;
    courseId: string;
    lessonId: string | null;
    on: string;
    note: string;
    confirmedBy: string;
    /** Extra evidence stored with the coverage fact (e.g. `{ communitySessionId }`). */
    evidence?: Record<string, unknown>;
  },
): Promise<{ row: InPersonLearningRow; created: boolean }> {
  const { row, created } = await recordInPersonLearning(tx, {
    userId: r.userId,
    courseId: r.courseId,
    lessonId: r.lessonId,
    on: r.on,
    note: r.note,
    confirmedBy: r.confirmedBy,
  });
  if (created) {
    await recordCoverageFacts(tx, {
      userId: r.userId,
      measure: 'in_person',
      source: 'helper',
      recordedBy: r.confirmedBy,
      evidence: {
        inPersonLearningId: row.id,
        confirmedBy: r.confirmedBy,
        courseId: row.course_id,
        lessonId: row.lesson_id,
        on: row.learned_on,
        ...r.evidence,
      },
    });
    await appendAudit(tx, {
      actor: r.confirmedBy,
      action: 'learning.inPerson.record',
      subjectType: 'user',
      subjectId: r.userId,
      after: {
        id: row.id,
        courseId: row.course_id,
        lessonId: row.lesson_id,
        on: row.learned_on,
        ...r.evidence,
      },
    });
  }
  return { row, created };
}
