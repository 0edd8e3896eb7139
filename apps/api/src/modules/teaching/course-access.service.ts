import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type CourseStaffRole,
  ForbiddenError,
  ValidationError,
  NotFoundError,
  reachesCourse,
  TEACHING_CAPABILITY,
  type TeachingAction,
} from '@hocvuso/domain';
import { courseForTeacher, type Queryable } from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';

export interface TaughtCourse {
  id: string;
  source: 'content' | 'studio';
  published: boolean;
  staffRole: CourseStaffRole | null;
}

const courseNotFound = () =>
  new NotFoundError('COURSE_NOT_FOUND', 'There is no such course among the courses you teach.');

/**
 * Every teaching read and write starts here: the course must exist and the caller must be allowed the action
 * on it (see reachesCourse). A course the caller does not teach answers 404 COURSE_NOT_FOUND, exactly like a missing id, so one teacher
 * cannot learn which courses another teacher is preparing.
 */
@Injectable()
export class CourseAccessService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async require(
    user: AuthUser,
    courseId: string,
    action: TeachingAction,
    db: Queryable = this.db,
  ): Promise<TaughtCourse> {
    const row = await courseForTeacher(db, courseId, user.id);
    if (!row || !reachesCourse(user.grants, 'course.read', row.staff_role)) throw courseNotFound();
    // The caller teaches this course (so its existence is no secret to them) but may not do this to it.
    if (!reachesCourse(user.grants, TEACHING_CAPABILITY[action], row.staff_role))
      throw new ForbiddenError('COURSE_ACTION_FORBIDDEN', 'Only the course owner can do this.');
    return { id: row.id, source: row.source, published: row.published, staffRole: row.staff_role };
  }

  /**
   * {@link require} for editing a course made in the studio: a course maintained in the content files is refused
   * (`COURSE_NOT_EDITABLE`), whatever the upload (materials, videos, captions, narrations).
   */
  async requireStudio(user: AuthUser, courseId: string): Promise<TaughtCourse> {
    const course = await this.require(user, courseId, 'edit');
    if (course.source !== 'studio')
      throw new ValidationError('COURSE_NOT_EDITABLE', 'This course is maintained in the content files.');
    return course;
  }
}
