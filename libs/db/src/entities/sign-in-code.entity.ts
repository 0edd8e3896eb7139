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
import { UserEntity } from './user.entity';

/**
 * A one-time sign-in code a community helper hands to a person registered in person (phone only, no e-mail).
 * Eight digits, valid for 24 hours and once; only a keyed hash is stored. Five wrong tries spend it.
 */
@Entity('sign_in_codes')
@Index(['userId'])
export class SignInCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** HMAC-SHA-256 of the user id and the code. */
  @Column({ type: 'bytea' })
  codeHash: Buffer;

  /** The helper who issued it. */
  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  failedAttempts: number;
}
