import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * The reminder log: one row per reminder delivered, keyed by its dedupe key
 * (`reminder:<kind>:<user>:<subject>:<period>`). Inserted with ON CONFLICT DO NOTHING in the transaction that
 * writes the notification and the e-mail, so a second sweep, a retry or a second worker sends nothing. The
 * partial unique index keeps inactivity nudges to one per learner per ISO week, whatever the course.
 */
@Entity('reminder_deliveries')
@Index('uq_reminder_deliveries_inactive_weekly', ['userId', 'period'], {
  unique: true,
  where: `kind = 'inactive'`,
})
@Index(['userId', 'deliveredAt'])
export class ReminderDeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** A reminder kind of @hocvuso/domain (`inactive`). */
  @Column({ type: 'text' })
  kind: string;

  /** What the reminder is about: a course id (a mandate id for deadline reminders). */
  @Column({ type: 'text' })
  subjectId: string;

  /** The window it belongs to: the ISO week (`2026-W11`) for inactivity. */
  @Column({ type: 'text' })
  period: string;

  /** The channels it went out on: `in_app`, `email`. */
  @Column({ type: 'text', array: true })
  channels: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  deliveredAt: Date;
}
