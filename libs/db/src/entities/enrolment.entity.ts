import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { UserEntity } from './user.entity';
import { CourseEntity } from './course.entity';

@Entity('enrolments')
@Unique(['userId', 'courseId'])
@Index(['courseId'])
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  courseId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @ManyToOne(() => CourseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  /** active | completed */
  @Column({ type: 'text', default: 'active' })
  status: string;

  @CreateDateColumn({ type: 'timestamptz' })
  enrolledAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastActivityAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  /** The lesson (revision id) of the course the learner opened last: the only one whose reading clock runs. */
  @Column({ type: 'uuid', nullable: true })
  currentLessonId: string | null;

  /**
   * The course version this enrolment is on (docs/crediting.md "Staying on a version"): read while in progress,
   * until the learner moves; a completed enrolment reads the course's current version. Set on insert.
   */
  @Column({ type: 'uuid', nullable: true })
  courseVersionId: string | null;

  /** Since when (database clock) `currentLessonId` has been the open lesson. */
  @Column({ type: 'timestamptz', nullable: true })
  currentLessonSince: Date | null;
}
