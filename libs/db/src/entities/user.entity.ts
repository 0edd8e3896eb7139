import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  displayName: string;

  /** Lower-cased; unique when present. */
  @Column({ type: 'text', nullable: true, unique: true })
  email: string | null;

  /** E.164 (+84…); unique when present. */
  @Column({ type: 'text', nullable: true, unique: true })
  phone: string | null;

  /** When the person proved they hold `phone` (a code sent by SMS, docs/sms.md); null while not proved. */
  @Column({ type: 'timestamptz', nullable: true })
  phoneVerifiedAt: Date | null;

  /** argon2id PHC string; null for accounts that only sign in through a provider. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'text', default: 'vi' })
  language: string;

  /** Stable pseudonymous id for learning records (xAPI actor, credential subject): never e-mail or phone. */
  @Column({ type: 'uuid', unique: true, default: () => 'gen_random_uuid()' })
  pseudonym: string;

  @Column({ type: 'integer', default: 0 })
  failedSignIns: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Set when an identity provider vouched for the person at a verified assurance level (e.g. VNeID level 2). */
  @Column({ type: 'boolean', default: false })
  identityVerified: boolean;

  /** Which provider and level vouched, e.g. `vneid:level2`; null when not verified. */
  @Column({ type: 'text', nullable: true })
  identityAssurance: string | null;

  /** When the account was de-identified (deleted by the person or an administrator); it can no longer sign in. */
  @Column({ type: 'timestamptz', nullable: true })
  deidentifiedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
