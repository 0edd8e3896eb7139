import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { CourseEntity } from './course.entity';

@Entity('question_banks')
@Unique(['courseId', 'bankKey', 'contentHash'])
export class QuestionBankEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  @Column({ type: 'text' })
  bankKey: string;

  @Column({ type: 'text' })
  contentHash: string;

  /** The questions with their answer keys: never sent to a learner as is. */
  @Column({ type: 'jsonb' })
  questions: unknown[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
