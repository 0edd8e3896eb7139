import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { CourseEntity } from './course.entity';
import type { LocalizedText } from '@hocvuso/domain';

/**
 * One lesson as it was at one point in time. Course versions point at revisions; a lesson whose content
 * did not change keeps its revision (and so every learner's progress on it) across course versions.
 */
@Entity('lesson_revisions')
@Unique(['courseId', 'lessonKey', 'contentHash'])
export class LessonRevisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  @Column({ type: 'text' })
  lessonKey: string;

  /** The lesson's address for life: the id of its first revision, carried by every later one. */
  @Index('IDX_lesson_revisions_lesson_id')
  @Column({ type: 'uuid' })
  lessonId: string;

  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'integer' })
  minutes: number;

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb' })
  bodyHtml: LocalizedText;

  @Column({ type: 'integer' })
  minReadSeconds: number;

  /** Kind-specific settings (video sources and captions, checklist items, quiz settings). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  competencies: string[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
