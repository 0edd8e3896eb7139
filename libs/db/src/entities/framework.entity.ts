import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { LocalizedText } from '@hocvuso/domain';

export interface FrameworkLevel {
  code: number;
  name: LocalizedText;
  band?: LocalizedText;
}

@Entity('frameworks')
export class FrameworkEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  version: string;

  @Column({ type: 'jsonb' })
  name: LocalizedText;

  @Column({ type: 'jsonb' })
  source: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  levels: FrameworkLevel[];

  @Column({ type: 'jsonb', nullable: true })
  notes: LocalizedText | null;

  @Column({ type: 'text' })
  contentHash: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
