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
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. Tokens rotate: each
 * rotation starts a new row in the same family and marks the old one replaced; presenting a replaced token
 * after its short grace window revokes the whole family (the token was stolen or copied).
 */
@Entity('sessions')
@Index(['userId'])
@Index(['familyId'])
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'bytea', unique: true })
  tokenHash: Buffer;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSeenAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** One sign-in on one browser: every rotated token of it shares this id. */
  @Column({ type: 'uuid', default: () => 'gen_random_uuid()' })
  familyId: string;

  /** When this token was replaced by a newer one of the family (still honoured for a few seconds). */
  @Column({ type: 'timestamptz', nullable: true })
  rotatedAt: Date | null;

  /** The session that replaced this one. */
  @Column({ type: 'uuid', nullable: true })
  replacedBy: string | null;

  /** When the person actually signed in (carried over on rotation): "recent sign-in" checks read it. */
  @Column({ type: 'timestamptz', default: () => 'now()' })
  authenticatedAt: Date;

  /** password | oidc | sign_in_code */
  @Column({ type: 'text', default: 'password' })
  authMethod: string;
}
