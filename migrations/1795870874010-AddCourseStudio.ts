import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The teaching studio: who teaches a course (course_staff), studio drafts, where a course is authored, and an
 * index for course reports (progress by lesson revision).
 */
export class AddCourseStudio1795870874010 implements MigrationInterface {
  name = 'AddCourseStudio1795870874010';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "course_staff" (
        "course_id" text NOT NULL,
        "user_id" uuid NOT NULL,
        "role" text NOT NULL,
        "added_by" uuid,
        "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "course_staff_role_check" CHECK (role IN ('owner', 'editor')),
        CONSTRAINT "PK_fcaaefc5e2917cc63a5bc177e42" PRIMARY KEY ("course_id", "user_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_84713989336f9cef364fed8b45" ON "course_staff" ("user_id")`);
    await queryRunner.query(`
      CREATE TABLE "course_drafts" (
        "course_id" text NOT NULL,
        "document" jsonb NOT NULL,
        "revision" integer NOT NULL DEFAULT '1',
        "published_revision" integer,
        "updated_by" uuid,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_4acfcb1e742e8636fb7051df01d" PRIMARY KEY ("course_id")
      )`);
    await queryRunner.query(`ALTER TABLE "courses" ADD "source" text NOT NULL DEFAULT 'content'`);
    await queryRunner.query(`CREATE INDEX "lesson_progress_revision_idx" ON "lesson_progress" ("lesson_revision_id")`);
    await queryRunner.query(
      `ALTER TABLE "course_staff" ADD CONSTRAINT "FK_d7d473e6a6ea2a92ce825fe1fe8" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_staff" ADD CONSTRAINT "FK_84713989336f9cef364fed8b452" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "course_drafts" ADD CONSTRAINT "FK_4acfcb1e742e8636fb7051df01d" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "course_drafts" DROP CONSTRAINT "FK_4acfcb1e742e8636fb7051df01d"`);
    await queryRunner.query(`ALTER TABLE "course_staff" DROP CONSTRAINT "FK_84713989336f9cef364fed8b452"`);
    await queryRunner.query(`ALTER TABLE "course_staff" DROP CONSTRAINT "FK_d7d473e6a6ea2a92ce825fe1fe8"`);
    await queryRunner.query(`DROP INDEX "public"."lesson_progress_revision_idx"`);
    await queryRunner.query(`ALTER TABLE "courses" DROP COLUMN "source"`);
    await queryRunner.query(`DROP TABLE "course_drafts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_84713989336f9cef364fed8b45"`);
    await queryRunner.query(`DROP TABLE "course_staff"`);
  }
}
