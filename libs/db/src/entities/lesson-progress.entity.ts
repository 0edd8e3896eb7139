import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { UserEntity } from './user.entity';
import { LessonRevisionEntity } from './lesson-revision.entity';

/** A learner's state on one lesson revision. Times come from the database clock. */
@Entity('lesson_progress')
// Course reports gather every learner's progress on a course's lessons.
@Index('lesson_progress_revision_idx', ['lessonRevisionId'])
export class LessonProgressEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  lessonRevisionId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @ManyToOne(() => LessonRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_revision_id' })
  lessonRevision?: Relation<LessonRevisionEntity>;

  /** in_progress | completed */
  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  /** For quiz lessons: a passing attempt exists. */
  @Column({ type: 'boolean', default: false })
  passed: boolean;

  /** Kind-specific state, e.g. the ticked items of a checklist. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  state: Record<string, unknown>;

  /** Seconds of reading banked while this lesson was the course's open lesson (earlier stints). */
  @Column({ type: 'numeric', default: 0 })
  readSeconds: string;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
