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
import type { CompletionRule, LocalizedText } from '@hocvuso/domain';

export interface CourseModuleOutline {
  key: string;
  title: LocalizedText;
  lessons: string[];
}

/** An immutable snapshot of a course; a changed course.yaml or lesson makes a new one. */
@Entity('course_versions')
@Unique(['courseId', 'versionNo'])
@Unique(['courseId', 'contentHash'])
@Index('course_versions_search_idx', { synchronize: false })
export class CourseVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  @Column({ type: 'integer' })
  versionNo: number;

  /** The authors' edition label from course.yaml. */
  @Column({ type: 'text' })
  edition: string;

  @Column({ type: 'text' })
  contentHash: string;

  @Column({ type: 'text' })
  defaultLanguage: string;

  @Column({ type: 'text', array: true })
  languages: string[];

  @Column({ type: 'jsonb' })
  title: LocalizedText;

  @Column({ type: 'jsonb' })
  summary: LocalizedText;

  @Column({ type: 'jsonb' })
  descriptionHtml: LocalizedText;

  @Column({ type: 'text', array: true })
  targetGroups: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  subGroups: string[];

  @Column({ type: 'integer' })
  estimatedMinutes: number;

  @Column({ type: 'boolean' })
  certificate: boolean;

  @Column({ type: 'jsonb' })
  completion: CompletionRule;

  @Column({ type: 'jsonb' })
  modules: CourseModuleOutline[];

  /** Diacritics-folded titles in every language, for exact-title boosts in ranking. */
  @Column({ type: 'text', select: false })
  searchTitle: string;

  /** Diacritics-folded, weighted text for catalogue search (title A, summary B, outline and skills C). */
  @Column({ type: 'tsvector', select: false })
  searchDocument: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
