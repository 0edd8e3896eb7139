import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  courseProgress,
  DomainError,
  isCourseComplete,
  localize,
  NotFoundError,
  ValidationError,
} from '@hocvuso/domain';
import type { CourseProgressResponse, EnrolmentSummary, LessonResponse, LessonStatus } from '@hocvuso/contracts';
import {
  completeEnrolment,
  completeReadLesson,
  enrol,
  type EnrolmentLessonRow,
  enrolmentLessons,
  lessonForLearner,
  type Queryable,
  startLesson,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';

type Lang = 'vi' | 'en';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class LearningService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Idempotent self-enrolment in a published course. */
  async enrol(userId: string, courseId: string, lang: Lang): Promise<{ created: boolean; enrolment: EnrolmentSummary }> {
    const exists: unknown[] = await this.db.query(`SELECT 1 FROM courses WHERE id = $1 AND published AND current_version_id IS NOT NULL`, [courseId]);
    if (exists.length === 0) throw new NotFoundError('COURSE_NOT_FOUND', 'There is no such course.');
    const created = await enrol(this.db, userId, courseId);
    const [enrolment] = await this.summaries(this.db, userId, lang, courseId);
    return { created, enrolment: enrolment! };
  }

  myLearning(userId: string, lang: Lang): Promise<EnrolmentSummary[]> {
    return this.summaries(this.db, userId, lang);
  }

  async courseProgress(userId: string, courseId: string, lang: Lang): Promise<CourseProgressResponse> {
    const rows = await enrolmentLessons(this.db, userId, courseId);
    const [enrolment] = this.toSummaries(rows, lang);
    return {
      enrolled: Boolean(enrolment),
      enrolment: enrolment ?? null,
      lessons: rows
        .filter((r) => r.lesson_id)
        .map((r) => ({ id: r.lesson_id!, status: (r.lesson_status ?? 'not_started') as LessonStatus })),
    };
  }

  async openLesson(userId: string, lessonId: string, lang: Lang): Promise<LessonResponse> {
    const row = UUID.test(lessonId) ? await lessonForLearner(this.db, lessonId, userId) : undefined;
    if (!row) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (!row.enrolment_id) {
      throw new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course to open its lessons.', { courseId: row.course_id });
    }
    await startLesson(this.db, userId, row.id, row.course_id);
    const language = (row.languages.includes(lang) ? lang : row.default_language) as Lang;
    return {
      id: row.id,
      key: row.lesson_key,
      courseId: row.course_id,
      courseTitle: localize(row.course_title as never, language),
      kind: row.kind as LessonResponse['kind'],
      title: localize(row.title as never, language),
      minutes: row.minutes,
      html: localize(row.body_html as never, language),
      minReadSeconds: row.min_read_seconds,
      status: row.progress_status === 'completed' ? 'completed' : 'in_progress',
      language,
      previousLessonId: row.previous_lesson_id,
      nextLessonId: row.next_lesson_id,
    };
  }

  /**
   * Completes a text lesson the learner read to the end, once the minimum reading time has passed (database
   * clock), and completes the enrolment in the same transaction when the course's rule is met.
   */
  async completeLesson(userId: string, lessonId: string, lang: Lang): Promise<EnrolmentSummary> {
    const row = UUID.test(lessonId) ? await lessonForLearner(this.db, lessonId, userId) : undefined;
    if (!row) throw new NotFoundError('LESSON_NOT_FOUND', 'There is no such lesson.');
    if (!row.enrolment_id) {
      throw new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course to open its lessons.', { courseId: row.course_id });
    }
    if (row.kind !== 'text') {
      throw new ValidationError(
        'LESSON_KIND_MISMATCH',
        `A ${row.kind} lesson is completed by doing it (watching, ticking or passing), not by this call.`,
      );
    }
    return this.db.transaction(async (tx) => {
      const remaining = await completeReadLesson(tx, userId, row.id, row.min_read_seconds);
      if (remaining === null) throw new ConflictError('LESSON_NOT_OPENED', 'Open the lesson before completing it.');
      if (remaining > 0) {
        throw new ConflictError('LESSON_READ_TOO_SOON', `Keep reading: this lesson can be completed in ${remaining} s.`, {
          secondsRemaining: remaining,
        });
      }
      const [summary] = await this.summaries(tx, userId, lang, row.course_id);
      const rows = await enrolmentLessons(tx, userId, row.course_id);
      const outline = rows.filter((r) => r.lesson_key).map((r) => ({ key: r.lesson_key!, completed: r.lesson_status === 'completed' }));
      if (summary!.status === 'active' && isCourseComplete(rows[0]!.completion, outline)) {
        await completeEnrolment(tx, rows[0]!.enrolment_id);
        return (await this.summaries(tx, userId, lang, row.course_id))[0]!;
      }
      return summary!;
    });
  }

  private async summaries(db: Queryable, userId: string, lang: Lang, courseId?: string): Promise<EnrolmentSummary[]> {
    return this.toSummaries(await enrolmentLessons(db, userId, courseId), lang);
  }

  private toSummaries(rows: EnrolmentLessonRow[], lang: Lang): EnrolmentSummary[] {
    const byEnrolment = new Map<string, EnrolmentLessonRow[]>();
    for (const r of rows) byEnrolment.set(r.enrolment_id, [...(byEnrolment.get(r.enrolment_id) ?? []), r]);
    return [...byEnrolment.values()].map((lessons) => {
      const first = lessons[0]!;
      const withLessons = lessons.filter((l) => l.lesson_key);
      const progress = courseProgress(withLessons.map((l) => ({ key: l.lesson_key!, completed: l.lesson_status === 'completed' })));
      const next = withLessons.find((l) => l.lesson_key === progress.nextLessonKey);
      return {
        courseId: first.course_id,
        courseTitle: localize(first.course_title as never, lang),
        status: first.status === 'completed' ? 'completed' : 'active',
        percent: progress.percent,
        completedLessons: progress.completedLessons,
        totalLessons: progress.totalLessons,
        nextLessonId: next?.lesson_id ?? null,
        nextLessonTitle: next?.lesson_title ? localize(next.lesson_title as never, lang) : null,
        enrolledAt: new Date(first.enrolled_at).toISOString(),
        completedAt: first.completed_at ? new Date(first.completed_at).toISOString() : null,
      };
    });
  }
}
