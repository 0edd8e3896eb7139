import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One-time facts about this installation (for example that demo accounts were seeded). */
@Entity('system_flags')
export class SystemFlagEntity {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  value: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
