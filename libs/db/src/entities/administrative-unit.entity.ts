import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';

/**
 * An administrative unit at one period of its life: province → commune/ward → village or residential group
 * (no district level since 1 July 2025). Units merge and split, so a unit has a validity period and
 * successor links; `path` is the chain of official codes from the province down (`/01/00004/`), which makes a
 * subtree one prefix match.
 */
@Entity('administrative_units')
@Unique(['code', 'validFrom'])
@Index('administrative_units_path_idx', { synchronize: false })
export class AdministrativeUnitEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Official code (GSO code of the province or commune, or a local code for villages). */
  @Column({ type: 'text' })
  code: string;

  /** province | commune | village */
  @Column({ type: 'text' })
  level: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => AdministrativeUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: Relation<AdministrativeUnitEntity> | null;

  @Column({ type: 'text' })
  path: string;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** Codes of the units that took over this one when it was merged or split. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  successorCodes: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
