import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { CourseVersionEntity } from './course-version.entity';

/** A course by its stable id; what learners see is its current version. */
@Entity('courses')
export class CourseEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'uuid', nullable: true })
  currentVersionId: string | null;

  @ManyToOne(() => CourseVersionEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'current_version_id' })
  currentVersion?: Relation<CourseVersionEntity> | null;

  @Column({ type: 'boolean', default: true })
  published: boolean;

  /** Where the course is authored: `content` (files imported by content:import) or `studio` (the web studio). */
  @Column({ type: 'text', default: 'content' })
  source: 'content' | 'studio';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
