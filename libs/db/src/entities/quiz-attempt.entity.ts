import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { QuestionBankEntity } from './question-bank.entity';
import { UserEntity } from './user.entity';

/** One try at a quiz: its seeded layout, deadline, answers and server-side grade. */
@Entity('quiz_attempts')
@Unique(['userId', 'lessonRevisionId', 'attemptNo'])
@Unique(['userId', 'idempotencyKey'])
@Index(['lessonRevisionId'])
export class QuizAttemptEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  lessonRevisionId: string;

  @Column({ type: 'uuid' })
  questionBankId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @ManyToOne(() => LessonRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_revision_id' })
  lessonRevision?: Relation<LessonRevisionEntity>;

  @ManyToOne(() => QuestionBankEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'question_bank_id' })
  questionBank?: Relation<QuestionBankEntity>;

  @Column({ type: 'integer' })
  attemptNo: number;

  @Column({ type: 'text' })
  seed: string;

  /** Question ids and option order of this attempt (no answers). */
  @Column({ type: 'jsonb' })
  layout: unknown[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deadlineAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  answers: Record<string, unknown> | null;

  @Column({ type: 'numeric', nullable: true })
  scorePercent: string | null;

  @Column({ type: 'boolean', nullable: true })
  passed: boolean | null;
}
