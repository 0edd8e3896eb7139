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
import { UserEntity } from './user.entity';

/** One message in a learner's in-app inbox (the bell), stored in both languages. */
@Entity('notifications')
@Index(['userId', 'readAt'])
@Index(['userId', 'createdAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  /** What it is about, e.g. `inactive` (a reminder kind). */
  @Column({ type: 'text' })
  kind: string;

  /** { vi, en } */
  @Column({ type: 'jsonb' })
  title: { vi: string; en?: string };

  /** { vi, en } */
  @Column({ type: 'jsonb' })
  body: { vi: string; en?: string };

  /** A path in the web app (`/courses/<id>`), or null. */
  @Column({ type: 'text', nullable: true })
  link: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
