import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AdministrativeUnitEntity } from './administrative-unit.entity';
import { HouseholdEntity } from './household.entity';
import { OrganisationEntity } from './organisation.entity';
import { UserEntity } from './user.entity';

/** Where a learner belongs and what support they need; the denominators of coverage reports read it. */
@Entity('learner_profiles')
// Prefix matches on the path (text_pattern_ops), made by hand in a migration; TypeORM leaves it alone.
@Index('learner_profiles_unit_path_prefix_idx', { synchronize: false })
@Index(['unitPath'])
@Index(['organisationId'])
export class LearnerProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** Of the four official target groups. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subGroups: string[];

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => AdministrativeUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdministrativeUnitEntity> | null;

  /** Copy of the unit's path, so scope checks are one indexed prefix match. */
  @Column({ type: 'text', nullable: true })
  unitPath: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity> | null;

  @Column({ type: 'uuid', nullable: true })
  householdId: string | null;

  @ManyToOne(() => HouseholdEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'household_id' })
  household?: Relation<HouseholdEntity> | null;

  /** e.g. { largeText: true, captionsAlways: true, reducedMotion: false } */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  accessibility: Record<string, boolean>;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
