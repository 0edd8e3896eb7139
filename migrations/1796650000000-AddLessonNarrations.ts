import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Studio narration (docs/read-aloud.md "In the studio"): audio files a teacher uploads for a lesson in one
 * language, checked by their bytes and ffprobe, stored under a server-made key. One row per course and content
 * (UQ on course_id, sha256): the same bytes uploaded twice, even at once, are one narration. A draft lesson names
 * a narration by id per language; publishing copies its key and hash into the lesson revision.
 */
export class AddLessonNarrations1796650000000 implements MigrationInterface {
  name = 'AddLessonNarrations1796650000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "course_narrations" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "course_id" text NOT NULL,
        "original_name" text NOT NULL,
        "media_type" text NOT NULL,
        "size_bytes" bigint NOT NULL,
        "sha256" character(64) NOT NULL,
        "storage_key" text NOT NULL,
        "duration_seconds" double precision NOT NULL,
        "uploaded_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_course_narrations" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_course_narrations_course_sha256" ON "course_narrations" ("course_id", "sha256")`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_narrations" ADD CONSTRAINT "FK_course_narrations_course" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "course_narrations"`);
  }
}
