import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { EnrolmentEntity } from './enrolment.entity';
import { StatusListEntity } from './status-list.entity';
import { UserEntity } from './user.entity';

/**
 * One certificate per enrolment (the unique key makes a second impossible). The id is a random UUID: it
 * is the public, unguessable handle of the verify page and the share link.
 */
@Entity('certificates')
@Unique(['statusListId', 'statusIndex'])
@Unique(['suspensionListId', 'statusIndex'])
@Index(['userId'])
export class CertificateEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  /** The enrolment a course certificate certifies; null for an achievement (see `achievementId`). */
  @Column({ type: 'uuid', unique: true, nullable: true })
  enrolmentId: string | null;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: Relation<EnrolmentEntity>;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'text', nullable: true })
  courseId: string | null;

  @Column({ type: 'uuid', nullable: true })
  courseVersionId: string | null;

  /** An achievement that is not a course (e.g. the digital ambassador's badge): one per user and achievement. */
  @Column({ type: 'text', nullable: true })
  achievementId: string | null;

  /** The achievement's name as issued. */
  @Column({ type: 'jsonb', nullable: true })
  achievementName: Record<string, string> | null;

  /** Human-readable serial printed on the PDF, e.g. HVS-2026-7K3M9Q2D. */
  @Column({ type: 'text', unique: true })
  serial: string;

  @Column({ type: 'uuid' })
  statusListId: string;

  @ManyToOne(() => StatusListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'status_list_id' })
  statusList?: Relation<StatusListEntity>;

  @Column({ type: 'uuid' })
  suspensionListId: string;

  @ManyToOne(() => StatusListEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'suspension_list_id' })
  suspensionList?: Relation<StatusListEntity>;

  /** Random, never reused: the same index in the revocation and the suspension list. */
  @Column({ type: 'integer' })
  statusIndex: number;

  /** The learner's name as printed, frozen at issue (a later rename or de-identification does not alter it). */
  @Column({ type: 'text' })
  recipientName: string;

  @Column({ type: 'jsonb', nullable: true })
  credential: Record<string, unknown> | null;

  /** Storage key of the PDF. */
  @Column({ type: 'text', nullable: true })
  pdfKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  /** revoked | suspended | null */
  @Column({ type: 'text', nullable: true })
  statusState: string | null;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;
}
