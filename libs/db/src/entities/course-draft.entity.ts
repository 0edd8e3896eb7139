import {
  Column,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { CourseEntity } from './course.entity';

/**
 * The working copy of a course authored in the studio. Saving bumps `revision` (optimistic concurrency: a save
 * based on an older revision is refused); publishing turns the draft into a new immutable course version.
 */
@Entity('course_drafts')
export class CourseDraftEntity {
  @PrimaryColumn({ type: 'text' })
  courseId: string;

  @OneToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  @Column({ type: 'jsonb' })
  document: Record<string, unknown>;

  @Column({ type: 'integer', default: 1 })
  revision: number;

  /** The draft revision that was last published (null: never published). */
  @Column({ type: 'integer', nullable: true })
  publishedRevision: number | null;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
