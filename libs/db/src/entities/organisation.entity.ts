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
import { AdministrativeUnitEntity } from './administrative-unit.entity';

/**
 * A state agency, enterprise, cooperative, union of cooperatives, school or university, attached to the unit it
 * sits in, and optionally a sub-unit of another organisation (a department's office): the organisations form a
 * forest, at most 10 levels deep (checked by the import, enforced by a trigger of AddOrganisationParents).
 */
@Entity('organisations')
@Index(['unitId'])
@Index('IDX_organisations_parent_id', ['parentId'])
// A trigram (pg_trgm) GIN index on search_name and one on lower(code), made by the AddOrganisationSearch migration.
@Index('organisations_search_name_trgm', { synchronize: false })
@Index('organisations_code_lower_idx', { synchronize: false })
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stable code from the import file (tax code, budget code or a local code). */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  /** A space, then the name folded for search (foldedWords): what the picker's `LIKE '% term%'` looks in. */
  @Column({ type: 'text', default: '', select: false })
  searchName: string;

  /** state_agency | enterprise | cooperative | cooperative_union | school | university */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => AdministrativeUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdministrativeUnitEntity>;

  /** The organisation this one is a sub-unit of, or null for a top organisation. */
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_organisations_parent' })
  parent?: Relation<OrganisationEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
