import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Studio materials (docs/materials.md): files a teacher uploads to a course, typed by content and stored under a
 * server-made key. One row per course and content (UQ on course_id, sha256): the same bytes uploaded twice, even
 * at once, are one material.
 */
export class AddCourseMaterials1796476000000 implements MigrationInterface {
  name = 'AddCourseMaterials1796476000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "course_materials" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "course_id" text NOT NULL,
        "original_name" text NOT NULL,
        "media_type" text NOT NULL,
        "size_bytes" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "storage_key" text NOT NULL,
        "page_count" integer,
        "extracted_text" text,
        "alt_text" text,
        "uploaded_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_course_materials" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_course_materials_course_sha256" ON "course_materials" ("course_id", "sha256")`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_materials" ADD CONSTRAINT "FK_course_materials_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "course_materials"`);
  }
}
