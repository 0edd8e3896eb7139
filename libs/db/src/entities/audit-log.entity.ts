import { Column, CreateDateColumn, Entity, Generated, Index, PrimaryColumn } from 'typeorm';

/** Append-only record of sensitive actions (a trigger refuses UPDATE and DELETE): who, what, when, scope, before/after. */
@Entity('audit_log')
@Index(['subjectType', 'subjectId'])
@Index(['actorUserId', 'at'])
export class AuditLogEntity {
  @PrimaryColumn({ type: 'bigint' })
  @Generated('increment')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  /** e.g. certificate.revoke, role.grant, consent.change, learner.export */
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text' })
  subjectType: string;

  @Column({ type: 'text' })
  subjectId: string;

  @Column({ type: 'text', nullable: true })
  scope: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;
}
