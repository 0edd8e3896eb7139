import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { FrameworkEntity } from './framework.entity';
import type { LocalizedText } from '@hocvuso/domain';

@Entity('framework_domains')
export class FrameworkDomainEntity {
  @PrimaryColumn({ type: 'text' })
  frameworkId: string;

  @ManyToOne(() => FrameworkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'framework_id' })
  framework?: Relation<FrameworkEntity>;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'jsonb', nullable: true })
  description: LocalizedText | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  targetGroups: string[];

  @Column({ type: 'boolean', default: false })
  provisional: boolean;

  @Column({ type: 'integer' })
  position: number;
}
