import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A lesson keeps one address across course versions (docs/crediting.md "When a published lesson changes"):
 * - lesson_revisions.lesson_id: the lesson's id for life, the id of its first revision; every later revision of
 *   the same lesson (same course and key) carries it. Learners, links and bookmarks use it; progress stays on
 *   the revision, so a changed lesson's earlier credit is kept as history.
 * - IDX_lesson_revisions_lesson_id: resolving any address to the revision of the course's current version.
 */
export class AddStableLessonIds1796472600000 implements MigrationInterface {
  name = 'AddStableLessonIds1796472600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lesson_revisions" ADD "lesson_id" uuid`);
    await queryRunner.query(`
      UPDATE "lesson_revisions" r SET "lesson_id" = f.id
        FROM (SELECT DISTINCT ON (course_id, lesson_key) course_id, lesson_key, id
                FROM "lesson_revisions" ORDER BY course_id, lesson_key, created_at, id) f
       WHERE f.course_id = r.course_id AND f.lesson_key = r.lesson_key`);
    await queryRunner.query(`ALTER TABLE "lesson_revisions" ALTER COLUMN "lesson_id" SET NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "IDX_lesson_revisions_lesson_id" ON "lesson_revisions" ("lesson_id")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_lesson_revisions_lesson_id"`);
    await queryRunner.query(`ALTER TABLE "lesson_revisions" DROP COLUMN "lesson_id"`);
  }
}
