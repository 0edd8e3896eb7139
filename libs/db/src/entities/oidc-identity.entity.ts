import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * An account linked to an OpenID Provider's subject (VNeID or another configured provider). The provider and
 * subject identify the person at the provider; one subject links to one account, one account to one subject
 * per provider. The assurance of the latest sign-in is kept: `acr`, `amr` and `auth_time`.
 */
@Entity('oidc_identities')
@Unique(['provider', 'subject'])
@Unique(['userId', 'provider'])
@Index(['userId'])
export class OidcIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The provider id of the OIDC_PROVIDERS configuration, e.g. `vneid`. */
  @Column({ type: 'text' })
  provider: string;

  /** The provider's `sub` claim. */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** The assurance level of the latest sign-in (the provider's `acr`, or its configured assurance claim). */
  @Column({ type: 'text', nullable: true })
  acr: string | null;

  /** The authentication methods of the latest sign-in (`amr`). */
  @Column({ type: 'text', array: true, nullable: true })
  amr: string[] | null;

  /** When the person last authenticated at the provider (`auth_time`). */
  @Column({ type: 'timestamptz', nullable: true })
  authTime: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  linkedAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastLoginAt: Date;
}
