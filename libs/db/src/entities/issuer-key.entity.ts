import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The deployment's signing keys (Ed25519 Multikey). The secret is stored encrypted with the configured
 * ISSUER_KEY_SECRET. Exactly one key is active; retired keys stay listed in the DID document so old
 * credentials keep verifying.
 */
@Entity('issuer_keys')
@Index('issuer_keys_one_active', ['active'], { unique: true, where: 'active' })
export class IssuerKeyEntity {
  /** did:web:<host>#key-<n> */
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  did: string;

  @Column({ type: 'text' })
  publicKeyMultibase: string;

  @Column({ type: 'text' })
  secretEncrypted: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;
}
