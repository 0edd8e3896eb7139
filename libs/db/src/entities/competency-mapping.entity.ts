import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('competency_mappings')
export class CompetencyMappingEntity {
  @PrimaryColumn({ type: 'text' })
  fromFramework: string;

  @PrimaryColumn({ type: 'text' })
  fromCode: string;

  @PrimaryColumn({ type: 'text' })
  toFramework: string;

  @PrimaryColumn({ type: 'text' })
  toCode: string;

  /** equivalent | broader | narrower | related */
  @Column({ type: 'text' })
  relation: string;
}
