import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { UserEntity } from './user.entity';

/**
 * What a learner really watched of one video: the union of credited intervals, kept as a Postgres
 * multirange. Written only by the raw-SQL queries in video.queries.ts, under the row lock.
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

  /** Watch credit left in the token bucket when it was last settled (at `lastHeartbeatAt`). */
  @Column({ type: 'numeric', default: 0 })
  tokens: string;

  /** When the bucket was last settled: the last heartbeat, or the opening of the lesson. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastHeartbeatAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
