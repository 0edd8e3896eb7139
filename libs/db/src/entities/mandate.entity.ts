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
import { OrganisationEntity } from './organisation.entity';

/**
 * Mandated training: a set of courses that everyone of a target group in a scope (unit subtree or
 * organisation) must complete by a due date, with a grace period before they count as overdue.
 */
@Entity('mandates')
// Prefix matches on the path (text_pattern_ops), made by hand in a migration; TypeORM leaves it alone.
@Index('mandates_unit_path_prefix_idx', { synchronize: false })
@Index(['unitPath'])
@Index(['organisationId'])
export class MandateEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text', array: true })
  courseIds: string[];

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => AdministrativeUnitEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Relation<AdministrativeUnitEntity> | null;

  @Column({ type: 'text', nullable: true })
  unitPath: string | null;

  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: Relation<OrganisationEntity> | null;

  /** null = every target group. */
  @Column({ type: 'text', nullable: true })
  targetGroup: string | null;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'integer', default: 0 })
  graceDays: number;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @Column({ type: 'text', default: '' })
  description: string;

  /** Bumped by every change (optimistic concurrency: a change from an older version answers 409). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** 'active' or 'cancelled' (a cancelled mandate stays for compliance history). */
  @Column({ type: 'text', default: 'active' })
  status: 'active' | 'cancelled';

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
