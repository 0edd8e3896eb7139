import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every e-mail the platform sends, written in the same transaction as what caused it. With SMTP settings
 * (`transport = 'smtp'`) the worker sends it after commit and sets `sent_at`; without them (tier 0,
 * `transport = 'local'`) it stays here as the local outbox that a system administrator reads in the web app.
 */
@Entity('mail_outbox')
@Index(['transport', 'sentAt'])
@Index(['createdAt'])
@Index(['dedupeKey'])
export class MailOutboxEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  toAddress: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  headers: Record<string, string>;

  /** The reminder this e-mail delivers (reminder_deliveries.dedupe_key), if any. */
  @Column({ type: 'text', nullable: true })
  dedupeKey: string | null;

  /** smtp | local */
  @Column({ type: 'text' })
  transport: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** The last sending error, cleared when it is sent. */
  @Column({ type: 'text', nullable: true })
  error: string | null;
}
