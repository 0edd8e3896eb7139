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
import { CourseEntity } from './course.entity';

/**
 * A file a teacher uploaded to a studio course (a PDF, an image, an office document): stored through
 * libs/storage under a server-generated key (`materials/<course>/<sha256>`, never the uploaded name), typed by
 * its content. One row per course and content: uploading the same bytes again returns the existing material
 * (docs/materials.md).
 */
@Entity('course_materials')
@Index('UQ_course_materials_course_sha256', ['courseId', 'sha256'], { unique: true })
export class CourseMaterialEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  courseId: string;

  @ManyToOne(() => CourseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<CourseEntity>;

  /** The uploaded file name, sanitised and NFC (shown to people and used in Content-Disposition only). */
  @Column({ type: 'text' })
  originalName: string;

  /** The media type detected from the bytes (never the name or the client's Content-Type). */
  @Column({ type: 'text' })
  mediaType: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'char', length: 64 })
  sha256: string;

  /** The storage key, made by the server. */
  @Column({ type: 'text' })
  storageKey: string;

  /** PDFs: the number of pages. */
  @Column({ type: 'integer', nullable: true })
  pageCount: number | null;

  /** PDFs: the text found in the pages, for search (empty when the PDF holds only images or embedded-font text). */
  @Column({ type: 'text', nullable: true })
  extractedText: string | null;

  /** Images: the text alternative (required before a lesson with the image is published). */
  @Column({ type: 'text', nullable: true })
  altText: string | null;

  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
