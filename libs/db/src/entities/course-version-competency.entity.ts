import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { FrameworkCompetencyEntity } from './framework-competency.entity';
import { CourseVersionEntity } from './course-version.entity';

@Entity('course_version_competencies')
export class CourseVersionCompetencyEntity {
  @PrimaryColumn({ type: 'uuid' })
  courseVersionId: string;

  @PrimaryColumn({ type: 'text' })
  frameworkId: string;

  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'integer', nullable: true })
  level: number | null;

  @ManyToOne(() => CourseVersionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_version_id' })
  courseVersion?: Relation<CourseVersionEntity>;

  @ManyToOne(() => FrameworkCompetencyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'framework_id', referencedColumnName: 'frameworkId' },
    { name: 'code', referencedColumnName: 'code' },
  ])
  competency?: Relation<FrameworkCompetencyEntity>;
}
