import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { StudioStaffAdd } from '@hocvuso/contracts';
import {
  ConflictError,
  COURSE_OWNER,
  NotFoundError,
  parseLoginIdentifier,
  rolesHolding,
} from '@hocvuso/domain';
import {
  appendAudit,
  courseStaff,
  lockCourseStaff,
  removeCourseStaff,
  type StaffPlaceRow,
  teacherByLogin,
  upsertCourseStaff,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { CourseAccessService } from './course-access.service';

const lastOwner = () =>
  new ConflictError(
    'LAST_OWNER',
    'A course needs an owner: make someone else owner before this one stops being one.',
  );

/** Whether taking `userId`'s ownership away would leave the course without an owner. */
const isLastOwner = (staff: StaffPlaceRow[], userId: string) =>
  staff.some((r) => r.user_id === userId && r.role === COURSE_OWNER) &&
  staff.filter((r) => r.role === COURSE_OWNER).length === 1;

const teacherNotFound = () =>
  new NotFoundError(
    'TEACHER_NOT_FOUND',
    'No teacher signs in with that email or phone. Ask an administrator to grant them the teacher role first.',
  );

/** Who teaches a course. Owners (and system admins) add and remove co-teachers; a course keeps at least one owner. */
@Injectable()
export class CourseStaffService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CourseAccessService) private readonly access: CourseAccessService,
  ) {}

  async add(user: AuthUser, courseId: string, input: StudioStaffAdd) {
    await this.db.transaction(async (tx) => {
      await this.access.require(user, courseId, 'manage_staff', tx);
      const identifier = parseLoginIdentifier(input.identifier);
      // Who may be staff: the roles that teach their own courses (the teacher role).
      const teacherId = await teacherByLogin(tx, identifier, rolesHolding('course.edit', 'own-courses'));
      if (teacherId === undefined) throw teacherNotFound();
      const staff = await lockCourseStaff(tx, courseId);
      const before = staff.filter((r) => r.user_id === teacherId);
      if (input.role !== COURSE_OWNER && isLastOwner(staff, teacherId)) throw lastOwner();
      await upsertCourseStaff(tx, { courseId, userId: teacherId, role: input.role, addedBy: user.id });
      if (before[0]?.role !== input.role) {
        await appendAudit(tx, {
          actor: user.id,
          action: 'course.staff.add',
          subjectType: 'course',
          subjectId: courseId,
          before: before[0] ? { userId: teacherId, role: before[0].role } : null,
          after: { userId: teacherId, role: input.role },
        });
      }
    });
    return { items: await courseStaff(this.db, courseId) };
  }

  async remove(user: AuthUser, courseId: string, teacherId: string) {
    await this.db.transaction(async (tx) => {
      await this.access.require(user, courseId, 'manage_staff', tx);
      const staff = await lockCourseStaff(tx, courseId);
      const target = staff.find((r) => r.user_id === teacherId);
      if (!target) throw new NotFoundError('TEACHER_NOT_FOUND', 'That person does not teach this course.');
      if (isLastOwner(staff, teacherId)) throw lastOwner();
      await removeCourseStaff(tx, courseId, teacherId);
      await appendAudit(tx, {
        actor: user.id,
        action: 'course.staff.remove',
        subjectType: 'course',
        subjectId: courseId,
        before: { userId: teacherId, role: target.role },
      });
    });
  }
}
