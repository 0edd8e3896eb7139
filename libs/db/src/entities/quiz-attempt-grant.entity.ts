import {
  Check,
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

/**
 * Extra attempts at one quiz granted to one learner by a teacher of the course or a helper or administrator
 * in scope (docs/quizzes.md). Kept by course and lesson key, so a new revision of the lesson keeps them; the
 * retake rule (`quizAllowance`) adds them to the set running when they were given. Each grant is also in the
 * audit log. The Idempotency-Key of the request is unique per granter, so a replay grants once.
 */
@Entity('quiz_attempt_grants')
@Index('IDX_quiz_attempt_grants_user_lesson', ['userId', 'courseId', 'lessonKey'])
@Unique('UQ_quiz_attempt_grants_idempotency', ['grantedBy', 'idempotencyKey'])
@Check('CHK_quiz_attempt_grants_extra', `"extra_attempts" BETWEEN 1 AND 10`)
export class QuizAttemptGrantEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_quiz_attempt_grants' })
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_quiz_attempt_grants_user' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text' })
  courseId: string;

  @Column({ type: 'text' })
  lessonKey: string;

  @Column({ type: 'integer' })
  extraAttempts: number;

  @Column({ type: 'uuid', nullable: true })
  grantedBy: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'granted_by', foreignKeyConstraintName: 'FK_quiz_attempt_grants_granted_by' })
  granter?: Relation<UserEntity>;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
