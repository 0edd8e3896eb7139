import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { UserEntity } from './user.entity';

/**
 * A learner's first answer to a question pinned in a video (docs/in-video-questions.md), graded by the server.
 * Written only by video-questions.queries.ts; one row per learner, revision and question (later answers are not
 * stored).
 */
@Entity('video_question_answers')
export class VideoQuestionAnswerEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'uuid' })
  lessonRevisionId: string;

  /** The question's id within the lesson (content or studio). */
  @PrimaryColumn({ type: 'text' })
  questionId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @ManyToOne(() => LessonRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_revision_id' })
  lessonRevision?: Relation<LessonRevisionEntity>;

  /** The chosen options, in the lesson's option ids (never the learner's opaque ids). */
  @Column({ type: 'text', array: true })
  response: string[];

  @Column({ type: 'boolean' })
  correct: boolean;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  answeredAt: Date;
}
