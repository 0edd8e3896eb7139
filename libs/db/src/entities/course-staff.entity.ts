import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { CourseEntity } from './course.entity';
import { UserEntity } from './user.entity';

/**
 * Who teaches a course: its owner (who created it in the studio or was given it) and editors the owner added.
 * A teacher reaches a course only through a row here; system admins reach every course.
 */
@Entity('course_staff')
@Index(['userId'])
@Check('course_staff_role_check', `role IN ('owner', 'editor')`)
export class CourseStaffEntity {
  @PrimaryColumn({ type: 'text' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  role: 'owner' | 'editor';

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
