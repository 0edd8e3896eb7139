import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { UserEntity } from './user.entity';

/**
 * What a learner really watched of one video: the union of credited intervals, kept as a Postgres
 * multirange so a heartbeat merges in one statement. Written only by the raw-SQL heartbeat query.
 */
@Entity('video_progress')
export class VideoProgressEntity {
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

  @Column({ type: 'nummultirange', default: () => "'{}'" })
  watched: string;

  /** The intervals the last heartbeat claimed (for review of anomalies). */
  @Column({ type: 'nummultirange', default: () => "'{}'" })
  lastClaim: string;

  /** Last playhead position reported, for resume. */
  @Column({ type: 'numeric', default: 0 })
  position: string;

  @Column({ type: 'integer', default: 0 })
  heartbeats: number;

  /** Heartbeats that claimed more than the wall-clock budget allowed. */
  @Column({ type: 'integer', default: 0 })
  cappedHeartbeats: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastHeartbeatAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
