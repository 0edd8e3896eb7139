import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation, Unique } from 'typeorm';
import { LessonRevisionEntity } from './lesson-revision.entity';
import { CourseVersionEntity } from './course-version.entity';

/** The ordered outline of a course version. */
@Entity('course_version_lessons')
@Unique(['courseVersionId', 'lessonRevisionId'])
@Index(['lessonRevisionId'])
export class CourseVersionLessonEntity {
  @PrimaryColumn({ type: 'uuid' })
  courseVersionId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'text' })
  moduleKey: string;

  @Column({ type: 'uuid' })
  lessonRevisionId: string;

  @ManyToOne(() => CourseVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_version_id' })
  courseVersion?: Relation<CourseVersionEntity>;

  @ManyToOne(() => LessonRevisionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lesson_revision_id' })
  lessonRevision?: Relation<LessonRevisionEntity>;
}
