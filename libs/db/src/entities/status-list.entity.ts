import { Column, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Bitstring Status List (revocation or suspension) and its current signed credential. */
@Entity('status_lists')
export class StatusListEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The did:web that signs this list; credentials of that issuer point at it. */
  @Column({ type: 'text' })
  issuerDid: string;

  /** revocation | suspension */
  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  encodedList: string;

  /** The signed BitstringStatusListCredential served at /api/status-lists/<id>. */
  @Column({ type: 'jsonb', nullable: true })
  credential: Record<string, unknown> | null;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
