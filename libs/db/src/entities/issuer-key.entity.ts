import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The deployment's signing keys (Ed25519 Multikey). The secret is stored encrypted with the configured
 * ISSUER_KEY_SECRET. Each did:web has exactly one active key (a changed PUBLIC_URL is a new DID; the old one
 * keeps its key to re-sign its own status lists); retired keys stay in the DID document so old credentials
 * keep verifying.
 */
@Entity('issuer_keys')
@Index('issuer_keys_one_active', ['did'], { unique: true, where: 'active' })
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
