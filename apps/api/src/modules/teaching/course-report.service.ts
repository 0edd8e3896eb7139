import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  allCourseLearners,
  appendAudit,
  courseLearners,
  type CourseLearnerRow,
  learnersPerVersion,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { CourseAccessService } from './course-access.service';
import type { CourseLearnersQuery } from '@hocvuso/contracts';

/** A de-identified learner stays in the counts, without a name. */
const learnerName = (r: CourseLearnerRow) => (r.deidentified ? null : r.display_name);

/**
 * How a course's learners are doing, for the people who teach it: counts by state and the learner list with
 * lessons completed. Teachers see names and progress only (no contact details, no unit or household).
 */
@Injectable()
export class CourseReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
  ) {}

  async learners(user: AuthUser, courseId: string, q: CourseLearnersQuery) {
    await this.access.require(user, courseId, 'report');
    const page = await courseLearners(this.db, courseId, {
      status: q.status,
      limit: q.limit,
      offset: (q.page - 1) * q.limit,
    });
    const versions = await learnersPerVersion(this.db, courseId);
    return {
      counts: page.counts,
      versions: versions.map((v) => ({
        versionNo: v.version_no,
        current: v.current,
        inProgress: v.in_progress,
        completed: v.completed,
      })),
      items: page.rows.map((r) => ({
        userId: r.user_id,
        displayName: learnerName(r),
        status: r.status,
        completedLessons: r.completed_lessons,
        totalLessons: r.total_lessons,
        enrolledAt: r.enrolled_at,
        lastActivityAt: r.last_activity_at,
        completedAt: r.completed_at,
        certificateIssued: r.certificate_issued,
      })),
      total: page.total,
      page: q.page,
      limit: q.limit,
    };
  }

  /** Every learner of the course for a CSV export; the export itself is recorded in the audit log. */
  async export(user: AuthUser, courseId: string) {
    await this.access.require(user, courseId, 'report');
    const rows = await allCourseLearners(this.db, courseId);
    await appendAudit(this.db, {
      actor: user.id,
      action: 'course.learners.export',
      subjectType: 'course',
      subjectId: courseId,
      after: { rows: rows.length },
    });
    return {
      header: [
        'name',
        'status',
        'completed_lessons',
        'total_lessons',
        'enrolled_at',
        'last_activity_at',
        'completed_at',
        'certificate_issued',
      ],
      rows: rows.map((r) => [
        learnerName(r) ?? '',
        r.status,
        r.completed_lessons,
        r.total_lessons,
        r.enrolled_at.toISOString(),
        r.last_activity_at?.toISOString() ?? '',
        r.completed_at?.toISOString() ?? '',
        r.certificate_issued ? 'yes' : 'no',
      ]),
    };
  }
}
