import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ConflictError,
  DomainError,
  isBehindCurrentVersion,
  localize,
  NotFoundError,
  openLessonAfterMove,
  planVersionMove,
  type VersionLesson,
  type VersionMovePlan,
  versionRead,
  type Language,
} from '@hocvuso/domain';
import type { CourseProgressResponse, CourseVersionNotice, MoveVersionResponse } from '@hocvuso/contracts';
import {
  bankReadingSeconds,
  carryLearnerProgress,
  courseVersionRef,
  enrolmentLessons,
  enrolmentVersion,
  type EnrolmentVersionRow,
  lockEnrolment,
  moveEnrolmentToVersion,
  type Queryable,
  revisionCarries,
  versionLessons,
  type VersionLessonRow,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { CompletionService } from './completion.service';
import { LearningService } from './learning.service';

type Lang = Language;

const notEnrolled = (courseId: string) =>
  new DomainError('NOT_ENROLLED', 'forbidden', 'Enrol in the course first.', { courseId });

/**
 * Learners stay on the version they started until they complete it or choose to move (docs/crediting.md
 * "Staying on a version"): which version a learner is on, the notice of a newer one with what it changes for
 * them, and the move itself (credit carried per lesson by the teacher's minor/major marking, atomically).
 */
@Injectable()
export class CourseVersionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LearningService) private readonly learning: LearningService,
    @Inject(CompletionService) private readonly completion: CompletionService,
  ) {}

  /** The version the learner reads and, when a newer one waits for them, what moving to it changes. */
  async versionOf(
    userId: string,
    courseId: string,
    lang: Lang,
  ): Promise<Pick<CourseProgressResponse, 'version' | 'newVersion'>> {
    const e = await enrolmentVersion(this.db, userId, courseId);
    if (!e || !e.current_version_id) return { version: null, newVersion: null };
    const state = { status: e.status, versionId: e.course_version_id };
    if (!isBehindCurrentVersion(state, e.current_version_id))
      return {
        version: { id: e.current_version_id, versionNo: e.current_version_no!, current: true },
        newVersion: null,
      };
    const version = { id: e.course_version_id!, versionNo: e.version_no!, current: false };
    if (!e.published) return { version, newVersion: null };
    return { version, newVersion: await this.notice(this.db, userId, courseId, e, lang) };
  }

  private async notice(
    db: Queryable,
    userId: string,
    courseId: string,
    e: EnrolmentVersionRow,
    lang: Lang,
  ): Promise<CourseVersionNotice> {
    const { plan, titles } = await this.plan(db, courseId, e.course_version_id!, e.current_version_id!);
    const completed = new Set(
      (await enrolmentLessons(db, userId, courseId))
        .filter((r) => r.lesson_status === 'completed')
        .map((r) => r.lesson_id),
    );
    const item = (lessonId: string) => ({ id: lessonId, title: localize(titles.get(lessonId)!, lang) });
    return {
      versionId: e.current_version_id!,
      versionNo: e.current_version_no!,
      fromVersionNo: e.version_no,
      added: plan.added.map((l) => item(l.lessonId)),
      removed: plan.removed.map((l) => item(l.lessonId)),
      reread: plan.reread.filter((l) => completed.has(l.lessonId)).map((l) => item(l.lessonId)),
      updated: [
        ...plan.carried.map((l) => l.lessonId),
        ...plan.reread.filter((l) => !completed.has(l.lessonId)).map((l) => l.lessonId),
      ].map(item),
    };
  }

  /** What moving from one version to another does, lesson by lesson, with every lesson's title. */
  private async plan(
    db: Queryable,
    courseId: string,
    fromVersionId: string,
    toVersionId: string,
  ): Promise<{ plan: VersionMovePlan; titles: Map<string, VersionLessonRow['title']> }> {
    const [rows, carries] = await Promise.all([
      versionLessons(db, [fromVersionId, toVersionId]),
      revisionCarries(db, courseId),
    ]);
    const of = (versionId: string): VersionLesson[] =>
      rows
        .filter((r) => r.course_version_id === versionId)
        .map((r) => ({ lessonId: r.lesson_id, revisionId: r.revision_id }));
    const plan = planVersionMove(
      of(fromVersionId),
      of(toVersionId),
      carries.map((c) => ({ from: c.from_revision_id, to: c.to_revision_id })),
    );
    // Titles as the newer version has them (a removed lesson keeps the one it had).
    const titles = new Map<string, VersionLessonRow['title']>();
    for (const r of rows) if (r.course_version_id === fromVersionId) titles.set(r.lesson_id, r.title);
    for (const r of rows) if (r.course_version_id === toVersionId) titles.set(r.lesson_id, r.title);
    return { plan, titles };
  }

  /**
   * Moves the learner to the course's current version, which `versionId` must name (the one they were shown):
   * under the enrolment lock, the open lesson's stint is banked, credit on lessons changed only in ways marked
   * minor is carried, the enrolment moves, and the course completes if the new version asks nothing more.
   * Repeating it (or 50 at once) moves once; the others answer `moved: false`.
   */
  async move(userId: string, courseId: string, versionId: string, lang: Lang): Promise<MoveVersionResponse> {
    const result = await this.db.transaction(async (tx) => {
      const e = await enrolmentVersion(tx, userId, courseId, true);
      if (!e) throw notEnrolled(courseId);
      const target = await courseVersionRef(tx, versionId);
      if (!target || target.course_id !== courseId)
        throw new NotFoundError('VERSION_NOT_FOUND', 'This course has no such version.', { versionId });
      // Already reading it (a repeated or parallel move, or a completed learner, who reads the current version).
      const reads = e.current_version_id
        ? versionRead({ status: e.status, versionId: e.course_version_id }, e.current_version_id)
        : e.course_version_id;
      if (reads === versionId) return { moved: false, versionNo: target.version_no, outcome: undefined };
      if (versionId !== e.current_version_id)
        throw new ConflictError(
          'VERSION_NOT_CURRENT',
          `Version ${target.version_no} is not the course's current version; only the current one can be joined.`,
          { versionId, currentVersionNo: e.current_version_no },
        );
      if (!e.published)
        throw new ConflictError('COURSE_NOT_PUBLISHED', 'This course was taken out of the catalogue.');

      const { plan } = await this.plan(tx, courseId, e.course_version_id!, versionId);
      // The open lesson's stint so far is banked on the revision it was read on, before anything is carried.
      const seconds = Math.floor(Number(e.open_for_seconds ?? 0));
      if (e.current_lesson_id && seconds > 0)
        await bankReadingSeconds(tx, userId, e.current_lesson_id, seconds);
      for (const l of plan.carried) await carryLearnerProgress(tx, userId, l.from, l.to);
      const open = openLessonAfterMove(e.current_lesson_id, plan);
      const moved = await moveEnrolmentToVersion(tx, e.enrolment_id, versionId, open);
      const ctx = (await lockEnrolment(tx, userId, courseId))!;
      const outcome = await this.completion.completeCourseIfDone(tx, userId, courseId, ctx);
      return { moved, versionNo: target.version_no, outcome };
    });
    await this.completion.announce(
      result.outcome ? { lessonCompleted: false, ...result.outcome } : undefined,
    );
    const [enrolment] = await this.learning.summaries(this.db, userId, lang, courseId);
    return { moved: result.moved, versionNo: result.versionNo, enrolment: enrolment! };
  }
}
