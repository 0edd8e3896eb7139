import { Column, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/**
 * Append-only learning record store (xAPI 1.0.3 statements). The actor is the learner's pseudonym, never
 * e-mail or phone. A trigger in the migration refuses UPDATE and DELETE.
 */
@Entity('xapi_statements')
@Index(['verb', 'storedSeq'])
@Index(['actorName', 'storedSeq'])
@Index(['activityId', 'storedSeq'])
export class XapiStatementEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** Store order, for stable paging. */
  @Column({ type: 'bigint', unique: true })
  @Generated('increment')
  storedSeq: string;

  @Column({ type: 'text' })
  actorName: string;

  @Column({ type: 'text' })
  verb: string;

  @Column({ type: 'text' })
  activityId: string;

  @Column({ type: 'uuid', nullable: true })
  registration: string | null;

  @Column({ type: 'timestamptz' })
  timestamp: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  stored: Date;

  @Column({ type: 'jsonb' })
  statement: Record<string, unknown>;
}
