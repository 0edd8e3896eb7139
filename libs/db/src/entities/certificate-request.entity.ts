import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { EnrolmentEntity } from './enrolment.entity';

/**
 * The outbox row written in the same transaction that completes an enrolment; the worker turns it into a
 * certificate exactly once (one request per enrolment).
 */
@Entity('certificate_requests')
@Index(['issuedAt', 'requestedAt'])
export class CertificateRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The enrolment to certify; null for an achievement request (`userId` and `achievementId` instead). */
  @Column({ type: 'uuid', unique: true, nullable: true })
  enrolmentId: string | null;

  @ManyToOne(() => EnrolmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enrolment_id' })
  enrolment?: Relation<EnrolmentEntity>;

  @Column({ type: 'uuid', nullable: true })
  courseVersionId: string | null;

  /** The holder of an achievement request. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  /** The achievement to issue (e.g. `digital-ambassador-guided-5`); one request per user and achievement. */
  @Column({ type: 'text', nullable: true })
  achievementId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  issuedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** When the worker last tried; transient errors are retried with a capped backoff counted from here. */
  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  /**
   * Set when the request can never succeed as things stand (the issuer refuses the input, its key is
   * unreadable): no more automatic attempts, shown to the learner and administrators, counted in readiness.
   * Cleared by `certificates:retry-failed` or the admin action once the cause is fixed.
   */
  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** The stable code of the permanent error (e.g. CREDENTIAL_INPUT_INVALID). */
  @Column({ type: 'text', nullable: true })
  failureCode: string | null;
}
