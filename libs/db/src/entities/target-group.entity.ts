import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LocalizedText } from '@hocvuso/domain';

@Entity('target_groups')
export class TargetGroupEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  /** `group` for the four official groups, `sub_group` for support sub-groups. */
  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'jsonb', nullable: true })
  description: LocalizedText | null;

  @Column({ type: 'integer' })
  position: number;
}
