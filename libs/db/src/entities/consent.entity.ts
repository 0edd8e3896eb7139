import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from './user.entity';

/** A consent given or withdrawn: purpose, the version of the text shown, when and through which channel. */
@Entity('consents')
@Index(['userId', 'purpose'])
export class ConsentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** e.g. learning-records, reminders-email, data-sharing-unit */
  @Column({ type: 'text' })
  purpose: string;

  @Column({ type: 'text' })
  textVersion: string;

  /** web | in_person | import */
  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'boolean' })
  granted: boolean;

  /** Who recorded it when it was not the learner (a community helper). */
  @Column({ type: 'uuid', nullable: true })
  recordedBy: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
