import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One OIDC sign-in in flight: the `state` (only its SHA-256), the `nonce` and the PKCE verifier, kept server
 * side for ten minutes. The callback consumes the row in one statement, so a replayed callback finds it used.
 */
@Entity('oidc_login_states')
@Index(['expiresAt'])
export class OidcLoginStateEntity {
  @PrimaryColumn({ type: 'bytea' })
  stateHash: Buffer;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ type: 'text' })
  codeVerifier: string;

  /** A path of this site to return to after signing in (default `/`). */
  @Column({ type: 'text', default: '/' })
  returnTo: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
